// SPDX-License-Identifier: MIT
// Notation signatures checked as notation-go does (notaryproject/specifications specs/trust-store-trust-policy.md,
// signature-specification.md, signature-envelope-jws.md, signature-envelope-cose.md): the envelope's signature with
// the leaf certificate's key, the certificate chain to a CA of the user's trust store at the signing time, the
// signed targetArtifact equal to the manifest's descriptor, and the expiry not passed.
#pragma once

#include "core/attached/attachmentcontent.h"
#include "core/trust/verdict.h"
#include "core/trust/x509chain.h"

namespace strata::trust {

// A folder of CA certificates (PEM or DER, one or more per file), as notation's truststore/x509/ca/NAME/: the
// files in it and in its sub-folders one level down (so truststore/x509/ca/ itself may be given).
struct NotationTrustStore
{
    QString path;
    QList<Certificate> certificates;
    QStringList files; // the certificate files read, relative to path
};

inline constexpr int MaxTrustStoreFiles = 1000;

// Errors: NotFound (no such folder), TooLarge (more than MaxTrustStoreFiles files), Malformed (a file that is no
// certificate, named). An empty folder is a store that trusts nothing.
Result<NotationTrustStore> loadNotationTrustStore(const QString &dir);

// Checks one Notation envelope (`env.raw`: JWS JSON or COSE_Sign1 CBOR, by env.envelopeType) against the manifest it
// should sign. Verified only when the signature verifies with the leaf certificate's key (PS256/384/512 with
// RSA-PSS salt = hash length, ES256/384/512 with raw r‖s), the chain (x5c / x5chain) reaches a certificate of
// `store` with every certificate valid at the envelope's signing time, the payload's targetArtifact mediaType, digest
// and size equal `manifest`'s, and the expiry, if any, is after now. NotChecked for an envelope type other than JWS
// and COSE. Thread-safe.
Verdict verifyNotationSignature(const attached::NotationContent &env, const Descriptor &manifest,
                                const NotationTrustStore &store);

} // namespace strata::trust
