// SPDX-License-Identifier: MIT
#include "core/signatures/opensslpem.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>

using namespace Qt::StringLiterals;

namespace strata::openssl {
namespace {

struct BioFree
{
    void operator()(BIO *b) const { BIO_free(b); }
};

} // namespace

Result<std::vector<X509Ptr>> readPemCertificates(const QByteArray &pem, const QString &context, int max)
{
    std::unique_ptr<BIO, BioFree> in(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())));
    std::vector<X509Ptr> out;
    while (X509Ptr x{PEM_read_bio_X509(in.get(), nullptr, nullptr, nullptr)}) {
        if (static_cast<int>(out.size()) >= max) {
            ERR_clear_error();
            return makeError(ErrorCode::TooLarge, u"more than %1 certificates; the rest is not read"_s.arg(max),
                             context);
        }
        out.push_back(std::move(x));
    }
    const unsigned long err = ERR_peek_last_error();
    ERR_clear_error();
    // Running out of PEM blocks is how the loop ends; anything else is a block that did not decode.
    if (err && !(ERR_GET_LIB(err) == ERR_LIB_PEM && ERR_GET_REASON(err) == PEM_R_NO_START_LINE))
        return makeError(
            ErrorCode::Malformed,
            u"a certificate does not decode (OpenSSL: %1)"_s.arg(QString::fromLatin1(ERR_reason_error_string(err))),
            context);
    if (out.empty())
        return makeError(ErrorCode::Malformed, u"no PEM certificate"_s, context);
    return out;
}

} // namespace strata::openssl
