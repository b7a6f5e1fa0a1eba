// SPDX-License-Identifier: MIT
// Streaming hash over OpenSSL's EVP interface (uses SHA-NI where the CPU has it).
#pragma once

#include "core/digest.h"

#include <memory>

struct evp_md_ctx_st;

namespace strata {

// Not thread-safe; one per stream. Unverifiable algorithms hash nothing and finish() returns a null Digest.
class Hasher final
{
public:
    explicit Hasher(DigestAlgorithm algorithm = DigestAlgorithm::Sha256);
    ~Hasher();
    Hasher(const Hasher &) = delete;
    Hasher &operator=(const Hasher &) = delete;
    Hasher(Hasher &&) noexcept;
    Hasher &operator=(Hasher &&) noexcept;

    void update(const void *data, size_t len);
    Digest finish();
    // The raw hash bytes, and the hasher ready for the next stream (no new OpenSSL context).
    QByteArray finishRawAndReset();
    quint64 bytesHashed() const { return m_bytes; }

private:
    struct CtxFree
    {
        void operator()(evp_md_ctx_st *ctx) const;
    };
    std::unique_ptr<evp_md_ctx_st, CtxFree> m_ctx;
    DigestAlgorithm m_algorithm;
    quint64 m_bytes = 0;
};

} // namespace strata
