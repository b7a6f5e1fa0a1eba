// SPDX-License-Identifier: MIT
// A signature stored next to an image by containers/image (a dir: folder's signature-N, a lookaside
// staging file): either a GPG "simple signing" OpenPGP message, or "\x00sigstore-json\n" followed by a
// sigstore attachment {mimeType, payload, annotations} (containers/image internal/signature/signature.go,
// sigstore.go). Decoded to show what it claims; never "verified" here.
#pragma once

#include "core/signatures/certificatesummary.h"
#include "core/signatures/openpgpmessage.h"
#include "core/signatures/simplesigning.h"

#include <QMap>

#include <optional>

namespace strata {

// The Rekor inclusion promise cosign keeps in the dev.sigstore.cosign/bundle annotation.
struct RekorPromise
{
    qint64 logIndex = -1;
    QDateTime integratedTime;
    QString logId; // hex
    QByteArray signedEntryTimestamp;
    QByteArray body;    // the canonicalised entry, base64-decoded
    QString bodyBase64; // the body as written: the signed entry timestamp covers this text
};

struct StoredSignature
{
    enum class Format { SimpleSigningGpg, Sigstore, Unknown };
    Format format = Format::Unknown;
    QByteArray raw;                            // the signature's bytes as stored (GPG: the OpenPGP message)
    QString mimeType;                          // Sigstore: the attachment's media type
    QByteArray payload;                        // what was signed: the decoded payload, or the OpenPGP literal data
    std::optional<SimpleSigningClaims> claims; // when the payload is a simple signing document
    QMap<QString, QString> annotations;        // Sigstore: dev.cosignproject.cosign/signature, …/certificate, …
    QByteArray signature;                      // Sigstore: the base64-decoded signature
    QList<CertificateSummary> certificates;    // Sigstore: the leaf, then the chain
    std::optional<RekorPromise> rekor;         // Sigstore: the bundle annotation
    std::optional<OpenPgpMessage> openPgp;     // GPG
    QStringList problems;                      // parts that did not decode, in words

    // "GPG simple signing", "cosign signature (simple signing)", "sigstore attachment (text/plain)", …
    QString kindName() const;
    // Who the signature says signed: a GPG key fingerprint or ID, a certificate identity, or "a public key".
    QString claimedSigner() const;
};

// Errors: TooLarge (over limits::SignatureBytes). Anything else decodes to a StoredSignature whose
// format is Unknown or whose problems say what is wrong, so that it is still shown.
Result<StoredSignature> parseStoredSignature(const QByteArray &bytes, const QString &context);
// The same decoding for a layer of a cosign `.sig` manifest: the layer's media type and bytes (the simple signing
// payload, at most limits::SignatureBytes: the caller bounds the read) and its annotations (…/signature,
// …/certificate, …/chain, …/bundle). Never fails: what does not decode is in problems.
StoredSignature cosignSignatureLayer(const QString &mediaType, const QByteArray &payload,
                                     const QMap<QString, QString> &annotations, const QString &context);

} // namespace strata
