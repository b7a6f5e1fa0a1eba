// SPDX-License-Identifier: MIT
// Shared container helpers.
#include "core/io/container.h"

namespace strata {

Result<QByteArray> Container::readSmall(const QString &name, qint64 limit) const
{
    Result<ByteStreamPtr> s = open(name);
    if (!s)
        return s.error();
    return readAllBounded(*s.value(), limit, path() + QStringLiteral(": ") + name);
}

} // namespace strata
