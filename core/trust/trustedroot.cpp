// SPDX-License-Identifier: MIT
// parseTrustedRoot: sigstore/protobuf-specs protos/sigstore_trustroot.proto (TrustedRoot: tlogs, ctlogs as
// TransparencyLogInstance; certificateAuthorities, timestampAuthorities as CertificateAuthority) in its proto3 JSON
// form, as sigstore-go pkg/root/trusted_root.go reads it.
#include "core/base64.h"
#include "core/trust/sigstoretrust.h"

#include "core/json/jsondocument.h"
#include "core/signatures/signaturelimits.h"
#include "core/trust/trustlimits.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace strata::trust {
namespace {

// TimeRange {start, end}: RFC 3339 timestamps; a missing end is "still valid".
Status readValidFor(const QJsonObject &o, QDateTime *from, QDateTime *until, const QString &context)
{
    const QJsonObject v = o.value("validFor"_L1).toObject();
    for (const auto &[key, out] : {std::pair{"start"_L1, from}, std::pair{"end"_L1, until}}) {
        const QString text = json::optString(v, key);
        if (text.isEmpty())
            continue;
        *out = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!out->isValid())
            return makeError(ErrorCode::Malformed,
                             u"validFor.%1 is not an RFC 3339 time: \"%2\""_s.arg(key, text.left(40)), context);
    }
    return Ok{};
}

Result<TransparencyLogKey> readLog(const QJsonObject &o, const QString &context)
{
    TransparencyLogKey log;
    log.baseUrl = json::optString(o, "baseUrl"_L1);
    const QJsonObject pk = o.value("publicKey"_L1).toObject();
    const std::optional<QByteArray> der = decodeBase64(pk.value("rawBytes"_L1));
    if (!der || der->isEmpty())
        return makeError(ErrorCode::Malformed, u"publicKey.rawBytes is not base64 DER"_s, context);
    Result<PublicKey> key = PublicKey::fromDer(*der, context);
    if (!key)
        return key.error();
    log.key = key.value();
    log.key.setLabel(log.baseUrl.isEmpty() ? context : log.baseUrl);
    if (Status s = readValidFor(pk, &log.validFrom, &log.validUntil, context); !s)
        return s.error();
    const std::optional<QByteArray> keyId = decodeBase64(o.value("logId"_L1).toObject().value("keyId"_L1));
    log.logIdHex = keyId && !keyId->isEmpty() ? QString::fromLatin1(keyId->toHex()) : log.key.sha256Hex();
    return log;
}

Result<TimedCertificateAuthority> readAuthority(const QJsonObject &o, const QString &context)
{
    TimedCertificateAuthority ca;
    ca.uri = json::optString(o, "uri"_L1);
    const QJsonArray certs = o.value("certChain"_L1).toObject().value("certificates"_L1).toArray();
    if (certs.isEmpty())
        return makeError(ErrorCode::Malformed, u"certChain.certificates is empty"_s, context);
    if (certs.size() > limits::MaxCertificateChain)
        return makeError(
            ErrorCode::TooLarge,
            u"a chain of %1 certificates; at most %2 are read"_s.arg(certs.size()).arg(limits::MaxCertificateChain),
            context);
    for (qsizetype i = 0; i < certs.size(); ++i) {
        const QString where = u"%1 certificate %2"_s.arg(context).arg(i);
        const std::optional<QByteArray> der = decodeBase64(certs[i].toObject().value("rawBytes"_L1));
        if (!der || der->isEmpty())
            return makeError(ErrorCode::Malformed, u"rawBytes is not base64 DER"_s, where);
        Result<Certificate> c = Certificate::fromDer(*der, where);
        if (!c)
            return c.error();
        ca.chain << c.value();
    }
    if (Status s = readValidFor(o, &ca.validFrom, &ca.validUntil, context); !s)
        return s.error();
    return ca;
}

template <typename T, typename F>
Status readList(const QJsonObject &root, QLatin1StringView member, const QString &context, QList<T> *out, F read)
{
    const QJsonValue v = root.value(member);
    if (v.isUndefined() || v.isNull())
        return Ok{};
    if (!v.isArray())
        return makeError(ErrorCode::Malformed, u"%1 is not an array"_s.arg(member), context);
    const QJsonArray a = v.toArray();
    if (a.size() > limits::MaxTrustedRootEntries)
        return makeError(
            ErrorCode::TooLarge,
            u"%1 has %2 entries; at most %3 are read"_s.arg(member).arg(a.size()).arg(limits::MaxTrustedRootEntries),
            context);
    for (qsizetype i = 0; i < a.size(); ++i) {
        Result<T> item = read(a[i].toObject(), u"%1 %2[%3]"_s.arg(context, member).arg(i));
        if (!item)
            return item.error();
        *out << item.value();
    }
    return Ok{};
}

} // namespace

Result<SigstoreTrust> parseTrustedRoot(const QByteArray &json, const QString &context)
{
    Result<QJsonObject> doc = json::parseObject(json, limits::TrustedRootBytes, context);
    if (!doc)
        return doc.error();
    const QJsonObject &o = doc.value();
    const QString mediaType = json::optString(o, "mediaType"_L1);
    if (!mediaType.startsWith("application/vnd.dev.sigstore.trustedroot"_L1))
        return makeError(
            ErrorCode::Malformed,
            u"not a Sigstore trusted root: mediaType is \"%1\", expected "
            "application/vnd.dev.sigstore.trustedroot+json;version=0.1 or …v0.2+json"_s.arg(mediaType.left(80)),
            context);
    SigstoreTrust t;
    if (Status s = readList(o, "tlogs"_L1, context, &t.tlogs, readLog); !s)
        return s.error();
    if (Status s = readList(o, "ctlogs"_L1, context, &t.ctlogs, readLog); !s)
        return s.error();
    if (Status s = readList(o, "certificateAuthorities"_L1, context, &t.certificateAuthorities, readAuthority); !s)
        return s.error();
    if (Status s = readList(o, "timestampAuthorities"_L1, context, &t.timestampAuthorities, readAuthority); !s)
        return s.error();
    return t;
}

} // namespace strata::trust
