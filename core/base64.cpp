// SPDX-License-Identifier: MIT
#include "core/base64.h"

namespace strata {

std::optional<QByteArray> decodeBase64(QStringView text)
{
    QByteArray::FromBase64Result r =
        QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!r)
        return std::nullopt;
    return std::move(r.decoded);
}

std::optional<QByteArray> decodeBase64(const QJsonValue &v)
{
    if (!v.isString())
        return std::nullopt;
    return decodeBase64(QStringView(v.toString()));
}

} // namespace strata
