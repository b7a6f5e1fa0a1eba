// SPDX-License-Identifier: MIT
// The Dead Simple Signing Envelope (secure-systems-lab/dsse envelope.md, protocol.md): a payload type, the
// base64 payload and base64 signatures over the pre-authentication encoding of both. Decoded only: the
// signatures are checked elsewhere (they need a key or a certificate).
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

namespace strata {

struct DsseSignature
{
    QString keyId;        // optional, unauthenticated hint ("" in Sigstore bundles signed by a certificate)
    QByteArray signature; // decoded
};

struct DsseEnvelope
{
    QString payloadType; // "application/vnd.in-toto+json" for in-toto statements
    QByteArray payload;  // decoded
    QList<DsseSignature> signatures;
    int signatureCount = 0; // in the document; more than signatures.size() when over limits::MaxEnvelopeSignatures
    QStringList problems;   // what does not follow the format, in words (the envelope is kept even so)
};

// From the envelope's JSON text. Errors: TooLarge (over limits::StatementBytes, checked before parsing; nested too
// deep), Malformed (not a JSON object, duplicate members, no payloadType or payload string, a payload or signature
// that is not strict base64: standard or URL-safe alphabet, as DSSE allows, nothing else).
Result<DsseEnvelope> parseDsseEnvelope(const QByteArray &json, const QString &context);
// The same from an already parsed object (a Sigstore bundle's dsseEnvelope member).
Result<DsseEnvelope> dsseEnvelopeFromJson(const QJsonObject &o, const QString &context);

// PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, LEN in ASCII decimal bytes: the bytes
// a DSSE signature signs (protocol.md).
QByteArray dssePae(const QString &payloadType, const QByteArray &payload);

// Strict base64 as DSSE uses it: the standard or the URL-safe alphabet, padding optional, no whitespace or other
// characters. std::nullopt when the text is not that.
std::optional<QByteArray> decodeDsseBase64(QStringView text);

} // namespace strata
