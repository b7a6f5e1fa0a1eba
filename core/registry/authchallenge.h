// SPDX-License-Identifier: MIT
// WWW-Authenticate parsing (RFC 7235 §4.1, RFC 6750 §3): pure, so a fuzz target can drive it.
#pragma once

#include <QByteArrayView>
#include <QList>
#include <QMap>
#include <QString>

namespace strata {

struct AuthChallenge
{
    QString scheme;                // lower-cased: "basic", "bearer"
    QMap<QString, QString> params; // keys lower-cased; values unquoted ("pull,push" stays whole)

    QString param(const QString &key) const { return params.value(key); }
};

// Every challenge in one header value; several may appear, separated by commas. Malformed parts are
// skipped, never an error; at most 16 challenges and 32 parameters each are kept, values are cut at 4096
// characters. Never throws, never reads past `header`.
QList<AuthChallenge> parseAuthChallenges(QByteArrayView header);

} // namespace strata
