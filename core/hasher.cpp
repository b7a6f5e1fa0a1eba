// SPDX-License-Identifier: MIT
// Streaming hash over OpenSSL EVP.
#include "core/hasher.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace strata {

namespace {
// OpenSSL registers its exit-time cleanup when it first initialises. Done lazily, from a worker,
// that cleanup can run before a thread pool created earlier is joined, and a worker that hashed
// then exits after it, leaking its per-thread error state (LeakSanitizer saw 904 bytes from
// CRYPTO_zalloc once in ~30 sanitizer runs). Initialising while the library loads orders the
// cleanup after every thread pool's destruction.
[[maybe_unused]] const bool opensslInitialised = OPENSSL_init_crypto(0, nullptr) == 1;
} // namespace

void Hasher::CtxFree::operator()(evp_md_ctx_st *ctx) const
{
    EVP_MD_CTX_free(ctx);
}

Hasher::Hasher(DigestAlgorithm algorithm) : m_algorithm(algorithm)
{
    const EVP_MD *md = nullptr;
    if (algorithm == DigestAlgorithm::Sha256)
        md = EVP_sha256();
    else if (algorithm == DigestAlgorithm::Sha512)
        md = EVP_sha512();
    if (md) {
        m_ctx.reset(EVP_MD_CTX_new());
        if (m_ctx && EVP_DigestInit_ex(m_ctx.get(), md, nullptr) != 1)
            m_ctx.reset();
    }
}

Hasher::~Hasher() = default;
Hasher::Hasher(Hasher &&) noexcept = default;
Hasher &Hasher::operator=(Hasher &&) noexcept = default;

void Hasher::update(const void *data, size_t len)
{
    m_bytes += len;
    if (m_ctx && len)
        EVP_DigestUpdate(m_ctx.get(), data, len);
}

QByteArray Hasher::finishRawAndReset()
{
    if (!m_ctx)
        return {};
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int outLen = 0;
    if (EVP_DigestFinal_ex(m_ctx.get(), out, &outLen) != 1 || EVP_DigestInit_ex(m_ctx.get(), nullptr, nullptr) != 1) {
        m_ctx.reset();
        return {};
    }
    m_bytes = 0;
    return QByteArray(reinterpret_cast<const char *>(out), static_cast<qsizetype>(outLen));
}

Digest Hasher::finish()
{
    if (!m_ctx)
        return {};
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int outLen = 0;
    const int rc = EVP_DigestFinal_ex(m_ctx.get(), out, &outLen);
    m_ctx.reset();
    if (rc != 1)
        return {};
    return Digest::fromRaw(m_algorithm, QByteArrayView(reinterpret_cast<const char *>(out), outLen));
}

} // namespace strata
