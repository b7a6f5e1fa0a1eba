// SPDX-License-Identifier: MIT
// Bounded, strict JSON parsing: size cap, depth cap, duplicate keys reported.
#pragma once

#include "core/result.h"

#include <QJsonObject>
#include <QJsonValue>

namespace strata::json {

// Parses `raw` as one JSON value. Errors: TooLarge (over maxBytes, nested deeper than limits::JsonDepth),
// Malformed (syntax, duplicate member names: I-JSON forbids them and parsers disagree on which wins).
// `context` names the file/object and goes into the error.
Result<QJsonValue> parse(const QByteArray &raw, qint64 maxBytes, const QString &context);

// Like parse(), but the value must be an object.
Result<QJsonObject> parseObject(const QByteArray &raw, qint64 maxBytes, const QString &context);

// Field readers that treat null as absent ("Any OPTIONAL field MAY also be set to null").
QString optString(const QJsonObject &o, QLatin1StringView key);
QStringList optStringList(const QJsonObject &o, QLatin1StringView key);
QMap<QString, QString> optStringMap(const QJsonObject &o, QLatin1StringView key);

// A JSON number that is a non-negative integer representable exactly (sizes). Missing → error.
Result<qint64> requireSize(const QJsonObject &o, QLatin1StringView key, const QString &context);

} // namespace strata::json
