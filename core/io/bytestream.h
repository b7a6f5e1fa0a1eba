// SPDX-License-Identifier: MIT
// A sequential source of bytes (a file range, a tar member, later an HTTP body).
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <memory>

namespace strata {

class ByteStream
{
public:
    virtual ~ByteStream() = default;
    // Reads up to `max` bytes into `buf`; returns 0 at the end. Errors: Io, Truncated.
    virtual Result<qint64> read(char *buf, qint64 max) = 0;
    // Total length when known, else -1.
    virtual qint64 size() const = 0;
};

using ByteStreamPtr = std::unique_ptr<ByteStream>;

// Reads a whole small stream, failing with TooLarge past `limit` bytes.
Result<QByteArray> readAllBounded(ByteStream &in, qint64 limit, const QString &context);

} // namespace strata
