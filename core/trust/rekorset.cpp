// SPDX-License-Identifier: MIT
#include "core/trust/rekorset.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

using namespace Qt::StringLiterals;

namespace strata::trust {

QByteArray rekorCanonicalPayload(const RekorEntryFields &e)
{
    // Keys in code-point order; strings escaped as JSON does (base64 and hex need none, but a hostile value is
    // written as its escaped form, never raw); integers without exponent.
    const auto str = [](const QString &s) {
        const QByteArray a = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
        return a.mid(1, a.size() - 2);
    };
    return "{\"body\":" + str(e.bodyBase64) + ",\"integratedTime\":" + QByteArray::number(e.integratedTime) +
           ",\"logID\":" + str(e.logIdHex) + ",\"logIndex\":" + QByteArray::number(e.logIndex) + "}";
}

Result<PublicKey> verifySignedEntryTimestamp(const RekorEntryFields &e, const QByteArray &set,
                                             const QList<PublicKey> &logKeys)
{
    if (set.isEmpty())
        return makeError(ErrorCode::Io, u"the entry has no signed entry timestamp"_s);
    for (const PublicKey &k : logKeys) {
        if (k.sha256Hex().compare(e.logIdHex, Qt::CaseInsensitive) != 0)
            continue;
        if (Status s = k.verify(rekorCanonicalPayload(e), set, {HashAlgorithm::Sha256}); !s)
            return makeError(ErrorCode::Io,
                             u"the transparency log's signed entry timestamp does not verify with %1: the entry "
                             "(index %2) was changed or the SET belongs to another entry"_s.arg(k.describe())
                                 .arg(e.logIndex));
        return k;
    }
    return makeError(ErrorCode::Io,
                     u"none of the %1 given transparency log key(s) has the entry's log ID %2…"_s.arg(logKeys.size())
                         .arg(e.logIdHex.left(16)));
}

} // namespace strata::trust
