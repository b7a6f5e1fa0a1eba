// SPDX-License-Identifier: MIT
// in-toto statements: _type, subject[{name, digest}], predicateType, predicate; directly or inside DSSE.
#include "core/attestations/intotostatement.h"
#include "core/attestations/attestationlimits.h"
#include "core/json/jsondocument.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace strata {

namespace {

Error tooLarge(qsizetype size, const QString &what, const QString &context)
{
    return makeError(ErrorCode::TooLarge,
                     u"%1 is %2 bytes, over the %3-byte limit"_s.arg(what).arg(size).arg(limits::StatementBytes),
                     context);
}

bool isHex(const QString &s)
{
    if (s.isEmpty())
        return false;
    for (const QChar c : s)
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F')))
            return false;
    return true;
}

void readSubjects(InTotoStatement &s, const QJsonValue &value)
{
    if (!value.isArray()) {
        s.problems << u"the statement has no \"subject\" array: it is about nothing"_s;
        return;
    }
    const QJsonArray list = value.toArray();
    s.subjectCount = list.size();
    if (list.isEmpty())
        s.problems << u"the statement's subject list is empty"_s;
    int withoutDigest = 0, oddDigest = 0;
    for (qsizetype i = 0; i < list.size() && i < limits::MaxSubjects; ++i) {
        const QJsonObject o = list.at(i).toObject();
        InTotoSubject sub;
        sub.name = json::optString(o, "name"_L1).left(4096);
        const QJsonObject digest = o.value("digest"_L1).toObject();
        for (auto it = digest.begin(); it != digest.end() && sub.digest.size() < 16; ++it) {
            const QString v = it.value().toString();
            if (!isHex(v) && it.key() != "gitCommit"_L1) // spec/v1/digest_set.md: values are hex
                ++oddDigest;
            sub.digest.insert(it.key().left(64), v.left(256));
        }
        if (sub.digest.isEmpty())
            ++withoutDigest;
        s.subjects << sub;
    }
    if (s.subjectsTruncated())
        s.problems << u"%1 subjects: only the first %2 are read"_s.arg(s.subjectCount).arg(limits::MaxSubjects);
    if (withoutDigest > 0)
        s.problems << u"%1 subject(s) without a digest"_s.arg(withoutDigest);
    if (oddDigest > 0)
        s.problems << u"%1 subject digest value(s) are not hexadecimal"_s.arg(oddDigest);
}

InTotoStatement fromObject(const QJsonObject &o)
{
    InTotoStatement s;
    s.type = json::optString(o, "_type"_L1).left(200);
    if (s.type.isEmpty())
        s.problems << u"the statement has no \"_type\""_s;
    else if (s.version().isEmpty())
        s.problems << u"\"_type\" is \"%1\", not an in-toto Statement type Strata knows"_s.arg(s.type);
    readSubjects(s, o.value("subject"_L1));
    s.predicateType = json::optString(o, "predicateType"_L1).left(500);
    if (s.predicateType.isEmpty())
        s.problems << u"the statement has no \"predicateType\""_s;
    const QJsonValue predicate = o.value("predicate"_L1);
    if (predicate.isObject())
        s.predicate = predicate.toObject();
    else if (!predicate.isUndefined() && !predicate.isNull())
        s.problems << u"the predicate is not a JSON object"_s;
    else if (s.type == QLatin1StringView(InTotoStatementV1))
        s.problems << u"the statement has no predicate"_s;
    return s;
}

} // namespace

bool InTotoSubject::namesDigest(const QString &algoColonHex) const
{
    const qsizetype colon = algoColonHex.indexOf(u':');
    if (colon <= 0)
        return false;
    const auto it = digest.constFind(algoColonHex.left(colon));
    return it != digest.constEnd() && !it->isEmpty() &&
           QStringView(*it).compare(QStringView(algoColonHex).sliced(colon + 1), Qt::CaseInsensitive) == 0;
}

QString InTotoStatement::version() const
{
    if (type == QLatin1StringView(InTotoStatementV1))
        return u"v1"_s;
    if (type == QLatin1StringView(InTotoStatementV01))
        return u"v0.1"_s;
    return {};
}

int InTotoStatement::subjectIndexFor(const QString &algoColonHex) const
{
    for (qsizetype i = 0; i < subjects.size(); ++i)
        if (subjects.at(i).namesDigest(algoColonHex))
            return int(i);
    return -1;
}

Result<InTotoStatement> parseInTotoStatement(const QByteArray &json, const QString &context)
{
    if (json.size() > limits::StatementBytes)
        return tooLarge(json.size(), u"the in-toto statement"_s, context);
    Result<QJsonObject> o = json::parseObject(json, limits::StatementBytes, context);
    if (!o)
        return o.error();
    return fromObject(o.value());
}

Result<InTotoStatement> inTotoFromEnvelope(const DsseEnvelope &envelope, const QString &context)
{
    if (envelope.payloadType != QLatin1StringView(InTotoPayloadType))
        return makeError(ErrorCode::Unsupported,
                         u"the DSSE payload type is \"%1\", not %2: not an in-toto statement"_s.arg(
                             envelope.payloadType.left(100), QLatin1StringView(InTotoPayloadType)),
                         context);
    Result<InTotoStatement> s = parseInTotoStatement(envelope.payload, context + u": DSSE payload"_s);
    if (!s)
        return s;
    s->envelope = envelope;
    s->problems = envelope.problems + s->problems;
    return s;
}

Result<InTotoStatement> parseAttestation(const QByteArray &json, const QString &context)
{
    if (json.size() > limits::StatementBytes)
        return tooLarge(json.size(), u"the attestation"_s, context);
    Result<QJsonObject> o = json::parseObject(json, limits::StatementBytes, context);
    if (!o)
        return o.error();
    if (o->contains("payloadType"_L1)) {
        Result<DsseEnvelope> e = dsseEnvelopeFromJson(o.value(), context);
        if (!e)
            return e.error();
        return inTotoFromEnvelope(e.value(), context);
    }
    if (const QJsonValue bundle = o->value("dsseEnvelope"_L1); bundle.isObject()) {
        Result<DsseEnvelope> e = dsseEnvelopeFromJson(bundle.toObject(), context + u": dsseEnvelope"_s);
        if (!e)
            return e.error();
        return inTotoFromEnvelope(e.value(), context);
    }
    if (o->contains("_type"_L1) || o->contains("predicateType"_L1))
        return fromObject(o.value());
    return makeError(ErrorCode::Malformed,
                     u"neither an in-toto statement, a DSSE envelope nor a Sigstore bundle with one"_s, context);
}

} // namespace strata
