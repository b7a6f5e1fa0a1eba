// SPDX-License-Identifier: MIT
// DSSE envelopes: {payloadType, payload, signatures: [{keyid, sig}]}, strict base64, and the PAE.
#include "core/attestations/dsseenvelope.h"
#include "core/attestations/attestationlimits.h"
#include "core/json/jsondocument.h"

#include <QJsonArray>

#include <climits>
#include <optional>

using namespace Qt::StringLiterals;

namespace strata {

std::optional<QByteArray> decodeDsseBase64(QStringView text)
{
    bool urlSafe = false, standard = false;
    qsizetype padding = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (padding > 0 && c != u'=')
            return std::nullopt; // data after padding
        if ((c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'))
            continue;
        if (c == u'+' || c == u'/')
            standard = true;
        else if (c == u'-' || c == u'_')
            urlSafe = true;
        else if (c == u'=')
            ++padding;
        else
            return std::nullopt;
    }
    // One alphabet per text; at most two padding characters, and only to complete the last quantum.
    if ((urlSafe && standard) || padding > 2 || (padding > 0 && text.size() % 4 != 0) || text.size() % 4 == 1)
        return std::nullopt;
    const QByteArray::Base64Options options = (urlSafe ? QByteArray::Base64UrlEncoding : QByteArray::Base64Encoding) |
                                              QByteArray::AbortOnBase64DecodingErrors;
    auto r = QByteArray::fromBase64Encoding(text.toLatin1(), options);
    if (!r)
        return std::nullopt;
    return r.decoded;
}

Result<DsseEnvelope> dsseEnvelopeFromJson(const QJsonObject &o, const QString &context)
{
    const QJsonValue type = o.value("payloadType"_L1);
    const QJsonValue payload = o.value("payload"_L1);
    if (!type.isString() || !payload.isString())
        return makeError(ErrorCode::Malformed,
                         u"not a DSSE envelope: \"payloadType\" and \"payload\" must be strings"_s, context);
    DsseEnvelope e;
    e.payloadType = type.toString().left(200);
    const std::optional<QByteArray> decoded = decodeDsseBase64(payload.toString());
    if (!decoded)
        return makeError(ErrorCode::Malformed, u"the DSSE payload is not valid base64"_s, context);
    e.payload = *decoded;
    const QJsonValue sigs = o.value("signatures"_L1);
    if (!sigs.isArray()) {
        e.problems << u"the envelope has no \"signatures\" array: nothing is signed"_s;
        return e;
    }
    const QJsonArray list = sigs.toArray();
    e.signatureCount = int(qMin<qsizetype>(list.size(), INT_MAX));
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (i >= limits::MaxEnvelopeSignatures) {
            e.problems
                << u"%1 signatures: only the first %2 are read"_s.arg(list.size()).arg(limits::MaxEnvelopeSignatures);
            break;
        }
        const QJsonObject s = list.at(i).toObject();
        const QJsonValue sig = s.value("sig"_L1);
        if (!sig.isString())
            return makeError(ErrorCode::Malformed, u"DSSE signature %1 has no \"sig\" string"_s.arg(i), context);
        const std::optional<QByteArray> bytes = decodeDsseBase64(sig.toString());
        if (!bytes)
            return makeError(ErrorCode::Malformed, u"DSSE signature %1 is not valid base64"_s.arg(i), context);
        if (bytes->isEmpty())
            e.problems << u"DSSE signature %1 is empty"_s.arg(i);
        e.signatures << DsseSignature{json::optString(s, "keyid"_L1).left(200), *bytes};
    }
    if (list.isEmpty())
        e.problems << u"the envelope carries no signature"_s;
    return e;
}

Result<DsseEnvelope> parseDsseEnvelope(const QByteArray &json, const QString &context)
{
    if (json.size() > limits::StatementBytes)
        return makeError(
            ErrorCode::TooLarge,
            u"the DSSE envelope is %1 bytes, over the %2-byte limit"_s.arg(json.size()).arg(limits::StatementBytes),
            context);
    Result<QJsonObject> o = json::parseObject(json, limits::StatementBytes, context);
    if (!o)
        return o.error();
    return dsseEnvelopeFromJson(o.value(), context);
}

QByteArray dssePae(const QString &payloadType, const QByteArray &payload)
{
    const QByteArray type = payloadType.toUtf8();
    return "DSSEv1 " + QByteArray::number(type.size()) + ' ' + type + ' ' + QByteArray::number(payload.size()) + ' ' +
           payload;
}

} // namespace strata
