// SPDX-License-Identifier: MIT
// Bounded JSON parsing with duplicate-key detection (QJsonDocument silently keeps the last duplicate).
#include "core/json/jsondocument.h"
#include "core/json/jsonlimits.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <cmath>
#include <vector>

using namespace Qt::StringLiterals;

namespace strata::json {

namespace {

// Decodes a raw JSON string body (between the quotes) only when it holds escapes.
QByteArray decodedKey(QByteArrayView body)
{
    if (!body.contains('\\'))
        return body.toByteArray();
    const QByteArray wrapped = "[\"" + body.toByteArray() + "\"]";
    const QJsonDocument doc = QJsonDocument::fromJson(wrapped);
    return doc.array().at(0).toString().toUtf8();
}

// A tokenizer pass for what QJsonDocument does not report: duplicate member names and depth.
// It assumes syntactically valid JSON (QJsonDocument checked that first).
Status scanStructure(const QByteArray &raw, const QString &context)
{
    struct Frame
    {
        bool isObject;
        bool expectKey;
        QSet<QByteArray> keys;
    };
    std::vector<Frame> stack;
    const char *p = raw.constData();
    const qsizetype n = raw.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char c = p[i];
        if (c == '"') {
            const qsizetype start = i + 1;
            qsizetype j = start;
            while (j < n && p[j] != '"') {
                if (p[j] == '\\')
                    ++j;
                ++j;
            }
            if (!stack.empty() && stack.back().isObject && stack.back().expectKey) {
                const QByteArray key = decodedKey(QByteArrayView(p + start, j - start));
                if (stack.back().keys.contains(key))
                    return makeError(ErrorCode::Malformed,
                                     u"duplicate JSON member \"%1\": parsers disagree on which value wins"_s.arg(
                                         QString::fromUtf8(key).left(80)),
                                     context);
                stack.back().keys.insert(key);
                stack.back().expectKey = false;
            }
            i = j;
        } else if (c == '{' || c == '[') {
            if (static_cast<int>(stack.size()) >= limits::JsonDepth)
                return makeError(ErrorCode::TooLarge, u"JSON nested deeper than %1 levels"_s.arg(limits::JsonDepth),
                                 context);
            stack.push_back(Frame{c == '{', c == '{', {}});
        } else if (c == '}' || c == ']') {
            if (!stack.empty())
                stack.pop_back();
        } else if (c == ',') {
            if (!stack.empty() && stack.back().isObject)
                stack.back().expectKey = true;
        }
    }
    return Ok{};
}

} // namespace

Result<QJsonValue> parse(const QByteArray &raw, qint64 maxBytes, const QString &context)
{
    if (raw.size() > maxBytes)
        return makeError(ErrorCode::TooLarge,
                         u"JSON document of %1 bytes is over the %2-byte limit"_s.arg(raw.size()).arg(maxBytes),
                         context);
    if (raw.trimmed().isEmpty())
        return makeError(ErrorCode::Malformed, u"empty JSON document"_s, context);
    // Depth first: QJsonDocument recurses up to 1024 levels, which is more than we want to allow.
    if (Status s = scanStructure(raw, context); !s)
        return s.error();
    QJsonParseError perr{};
    // Wrap so that scalars (the literal `null` in manifest.json) parse too.
    const QJsonDocument doc = QJsonDocument::fromJson("[" + raw + "\n]", &perr);
    if (perr.error != QJsonParseError::NoError || !doc.isArray() || doc.array().size() != 1)
        return makeError(ErrorCode::Malformed,
                         u"not valid JSON (%1 near byte %2)"_s.arg(perr.errorString()).arg(qMax(0, perr.offset - 1)),
                         context);
    return doc.array().at(0);
}

Result<QJsonObject> parseObject(const QByteArray &raw, qint64 maxBytes, const QString &context)
{
    Result<QJsonValue> v = parse(raw, maxBytes, context);
    if (!v)
        return v.error();
    if (!v->isObject())
        return makeError(ErrorCode::Malformed, u"expected a JSON object"_s, context);
    return v->toObject();
}

QString optString(const QJsonObject &o, QLatin1StringView key)
{
    const QJsonValue v = o.value(key);
    return v.isString() ? v.toString() : QString();
}

QStringList optStringList(const QJsonObject &o, QLatin1StringView key)
{
    QStringList out;
    const QJsonValue v = o.value(key);
    if (v.isArray()) {
        for (const QJsonValue &e : v.toArray())
            out << e.toString();
    } else if (v.isString()) {
        out << v.toString(); // Cmd/Entrypoint as a shell string in some hand-written configs
    }
    return out;
}

QMap<QString, QString> optStringMap(const QJsonObject &o, QLatin1StringView key)
{
    QMap<QString, QString> out;
    const QJsonObject m = o.value(key).toObject();
    for (auto it = m.begin(); it != m.end(); ++it)
        out.insert(it.key(), it.value().toString());
    return out;
}

Result<qint64> requireSize(const QJsonObject &o, QLatin1StringView key, const QString &context)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return makeError(ErrorCode::Malformed, u"\"%1\" is missing"_s.arg(key), context);
    if (!v.isDouble())
        return makeError(ErrorCode::Malformed, u"\"%1\" is not a number"_s.arg(key), context);
    const double d = v.toDouble();
    // Sizes must be exact integers; 2^53 is the largest a double holds exactly (I-JSON). Qt keeps
    // integers exactly, so 2^53 + 1 rounds to 2^53 as a double: check the integer too.
    if (!std::isfinite(d) || d < 0 || d != std::floor(d) || d > 9007199254740992.0 || v.toInteger() > (qint64(1) << 53))
        return makeError(ErrorCode::Malformed,
                         u"\"%1\" must be a non-negative integer below 2^53, not %2"_s.arg(key).arg(d, 0, 'g', 17),
                         context);
    return v.toInteger();
}

} // namespace strata::json
