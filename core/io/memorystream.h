// SPDX-License-Identifier: MIT
// A ByteStream over bytes already in memory: the small documents a source synthesises (an index.json
// for a registry image or a registry folder's tag, an oci-layout file).
#pragma once

#include "core/io/bytestream.h"

#include <cstring>

namespace strata {

class MemoryStream final : public ByteStream
{
public:
    explicit MemoryStream(QByteArray bytes) : m_bytes(std::move(bytes)) {}
    Result<qint64> read(char *buf, qint64 max) override
    {
        const qint64 n = qMin(max, m_bytes.size() - m_pos);
        std::memcpy(buf, m_bytes.constData() + m_pos, static_cast<size_t>(n));
        m_pos += n;
        return n;
    }
    qint64 size() const override { return m_bytes.size(); }

private:
    QByteArray m_bytes;
    qint64 m_pos = 0;
};

} // namespace strata
