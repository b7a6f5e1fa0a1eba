// SPDX-License-Identifier: MIT
// The OpenSSL steps every certificate and key reader repeats: reading a run of PEM certificates with a bound,
// and writing an object's DER encoding to bytes. Used by the certificate summaries (signatures) and the trust
// verifiers (trust), which sit above this layer.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

#include <openssl/crypto.h>
#include <openssl/x509.h>

#include <memory>
#include <vector>

namespace strata::openssl {

struct X509Free
{
    void operator()(X509 *x) const { X509_free(x); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;

// Every CERTIFICATE block of `pem`, in order. Errors name `context`: TooLarge past `max` certificates (nothing past
// the bound is decoded), Malformed for a block that does not decode or when there is no certificate at all.
Result<std::vector<X509Ptr>> readPemCertificates(const QByteArray &pem, const QString &context, int max);

// The DER bytes an OpenSSL i2d_* function writes for `object`; empty when it fails.
template <typename T, typename Encode> QByteArray derBytes(T *object, Encode i2d)
{
    unsigned char *out = nullptr;
    const int n = object ? i2d(object, &out) : 0;
    if (n <= 0)
        return {};
    QByteArray der(reinterpret_cast<const char *>(out), n);
    OPENSSL_free(out);
    return der;
}

} // namespace strata::openssl
