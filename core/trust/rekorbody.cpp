// SPDX-License-Identifier: MIT
#include "core/trust/rekorbody.h"
#include "core/base64.h"

#include "core/json/jsondocument.h"
#include "core/signatures/signaturelimits.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace strata::trust {
namespace {

QString shortHex(const QByteArray &raw)
{
    const QString hex = QString::fromLatin1(raw.toHex());
    return hex.size() > 16 ? hex.left(12) + u"…"_s + hex.right(4) : hex;
}

// An empty field is no value here, not zero bytes.
std::optional<QByteArray> base64(const QString &text)
{
    return text.isEmpty() ? std::nullopt : decodeBase64(text);
}

// The key or certificate the entry names (publicKey.content: base64 of a PEM key or certificate).
Status matchVerifier(const QString &contentBase64, const RekorBodyExpectation &e)
{
    const std::optional<QByteArray> pem = base64(contentBase64);
    if (!pem)
        return makeError(ErrorCode::Malformed, u"the Rekor entry's publicKey.content is not base64"_s);
    if (pem->contains("-----BEGIN CERTIFICATE")) {
        Result<QList<Certificate>> certs = Certificate::fromPem(*pem, u"Rekor entry"_s, 1);
        if (!certs)
            return makeError(ErrorCode::Malformed, u"the Rekor entry's certificate: %1"_s.arg(certs.error().message));
        const Certificate &c = certs->first();
        if (!e.certificate.isNull()) {
            if (c.der() != e.certificate.der())
                return makeError(ErrorCode::Io,
                                 u"the Rekor entry names the certificate %1 (SHA-256 %2), not this signature's %3 "
                                 "(SHA-256 %4)"_s.arg(c.subjectLine(), c.summary().sha256.left(16),
                                                      e.certificate.subjectLine(),
                                                      e.certificate.summary().sha256.left(16)));
            return Ok{};
        }
        Result<PublicKey> k = c.publicKey();
        if (!k || !k->sameKey(e.key))
            return makeError(ErrorCode::Io, u"the Rekor entry names the certificate %1, whose key is not %2"_s.arg(
                                                c.subjectLine(), e.key.describe()));
        return Ok{};
    }
    Result<PublicKey> k = PublicKey::fromPem(*pem, u"Rekor entry"_s);
    if (!k)
        return makeError(ErrorCode::Malformed, u"the Rekor entry's public key: %1"_s.arg(k.error().message));
    if (!k->sameKey(e.key))
        return makeError(ErrorCode::Io,
                         u"the Rekor entry names the key %1, not %2"_s.arg(k->describe(), e.key.describe()));
    if (!e.certificate.isNull())
        return makeError(ErrorCode::Io,
                         u"the Rekor entry names a bare key where this signature has the certificate %1"_s.arg(
                             e.certificate.subjectLine()));
    return Ok{};
}

} // namespace

QString rekorBodyKind(const QByteArray &body)
{
    Result<QJsonObject> o = json::parseObject(body, limits::SignatureBytes, u"Rekor entry"_s);
    if (!o)
        return {};
    return u"%1 %2"_s.arg(json::optString(o.value(), "kind"_L1).left(40),
                          json::optString(o.value(), "apiVersion"_L1).left(20));
}

Status matchRekorBody(const QByteArray &body, const RekorBodyExpectation &e)
{
    Result<QJsonObject> o = json::parseObject(body, limits::SignatureBytes, u"Rekor entry"_s);
    if (!o)
        return makeError(ErrorCode::Malformed, u"the Rekor entry's body is not JSON: %1"_s.arg(o.error().message));
    const QString kind = json::optString(o.value(), "kind"_L1);
    const QString version = json::optString(o.value(), "apiVersion"_L1);
    if ((kind != "hashedrekord"_L1 && kind != "rekord"_L1) || version != "0.0.1"_L1)
        return makeError(ErrorCode::Unsupported,
                         u"the Rekor entry is a \"%1\" %2 entry; only hashedrekord and rekord 0.0.1 entries record a "
                         "signature over a blob"_s.arg(kind.left(40), version.left(20)));
    const QJsonObject spec = o->value("spec"_L1).toObject();
    const QJsonObject hash = spec.value("data"_L1).toObject().value("hash"_L1).toObject();
    const QString algorithm = json::optString(hash, "algorithm"_L1);
    const QString value = json::optString(hash, "value"_L1);
    if (algorithm != "sha256"_L1)
        return makeError(ErrorCode::Io, u"the Rekor entry records a \"%1\" hash of the signed data; sha256 was "
                                        "expected"_s.arg(algorithm.left(20)));
    const QString expectedHex = QString::fromLatin1(e.artifactSha256.toHex());
    if (value.compare(expectedHex, Qt::CaseInsensitive) != 0)
        return makeError(
            ErrorCode::Io,
            u"the Rekor entry is for other data: it records sha256:%1, the signed payload is sha256:%2"_s.arg(
                value.left(64), expectedHex));
    const QJsonObject signature = spec.value("signature"_L1).toObject();
    if (kind == "rekord"_L1 && json::optString(signature, "format"_L1) != "x509"_L1)
        return makeError(ErrorCode::Unsupported, u"the Rekor entry's signature format is \"%1\", not x509"_s.arg(
                                                     json::optString(signature, "format"_L1).left(20)));
    const std::optional<QByteArray> content = base64(json::optString(signature, "content"_L1));
    if (!content)
        return makeError(ErrorCode::Malformed, u"the Rekor entry's signature.content is not base64"_s);
    if (*content != e.signature)
        return makeError(ErrorCode::Io, u"the Rekor entry records another signature (%1), not this one (%2)"_s.arg(
                                            shortHex(*content), shortHex(e.signature)));
    return matchVerifier(json::optString(signature.value("publicKey"_L1).toObject(), "content"_L1), e);
}

} // namespace strata::trust
