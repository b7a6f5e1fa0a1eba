// SPDX-License-Identifier: MIT
#include "core/trust/rfc3161.h"

#include "core/trust/trustlimits.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ts.h>
#include <openssl/x509_vfy.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace strata::trust {
namespace {

struct RespFree
{
    void operator()(TS_RESP *r) const { TS_RESP_free(r); }
};
struct CtxFree
{
    void operator()(TS_VERIFY_CTX *c) const { TS_VERIFY_CTX_free(c); }
};

QString sslError()
{
    char buf[256] = {};
    const unsigned long e = ERR_get_error();
    ERR_clear_error();
    if (e == 0)
        return u"no reason given"_s;
    ERR_error_string_n(e, buf, sizeof buf);
    return QString::fromLatin1(buf);
}

} // namespace

Result<QDateTime> verifyRfc3161Timestamp(const QByteArray &timeStampResp, const QByteArray &signature,
                                         const QList<TimedCertificateAuthority> &authorities)
{
    if (timeStampResp.isEmpty() || timeStampResp.size() > 64 * 1024)
        return makeError(ErrorCode::Io, u"the timestamp is empty or over 64 KiB"_s);
    const unsigned char *p = reinterpret_cast<const unsigned char *>(timeStampResp.constData());
    std::unique_ptr<TS_RESP, RespFree> resp(d2i_TS_RESP(nullptr, &p, long(timeStampResp.size())));
    if (!resp || !TS_RESP_get_tst_info(resp.get())) {
        ERR_clear_error();
        return makeError(ErrorCode::Io, u"the timestamp is not a DER TimeStampResp with a token"_s);
    }
    struct tm tm = {};
    if (ASN1_TIME_to_tm(TS_TST_INFO_get_time(TS_RESP_get_tst_info(resp.get())), &tm) != 1) {
        ERR_clear_error();
        return makeError(ErrorCode::Io, u"the timestamp's genTime does not decode"_s);
    }
    const QDateTime at(QDate(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday), QTime(tm.tm_hour, tm.tm_min, tm.tm_sec),
                       Qt::UTC);
    QString lastError = u"no timestamp authority was valid at %1"_s.arg(at.toString(Qt::ISODate));
    for (const TimedCertificateAuthority &tsa : authorities) {
        if (tsa.chain.isEmpty() || (tsa.validFrom.isValid() && at < tsa.validFrom) ||
            (tsa.validUntil.isValid() && at >= tsa.validUntil))
            continue;
        std::unique_ptr<TS_VERIFY_CTX, CtxFree> ctx(TS_VERIFY_CTX_new());
        X509_STORE *store = X509_STORE_new();
        X509_STORE_add_cert(store, tsa.chain.last().x509());
        X509_VERIFY_PARAM *param = X509_STORE_get0_param(store);
        X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_PARTIAL_CHAIN);
        X509_VERIFY_PARAM_set_time(param, at.toSecsSinceEpoch());
        TS_VERIFY_CTX_set_store(ctx.get(), store); // owned by ctx from here
        STACK_OF(X509) *certs = sk_X509_new_null();
        for (qsizetype i = 0; i + 1 < tsa.chain.size(); ++i) {
            X509_up_ref(tsa.chain[i].x509());
            sk_X509_push(certs, tsa.chain[i].x509());
        }
        TS_VERIFY_CTX_set_certs(ctx.get(), certs); // owned by ctx
        TS_VERIFY_CTX_set_data(ctx.get(), BIO_new_mem_buf(signature.constData(), int(signature.size())));
        TS_VERIFY_CTX_set_flags(ctx.get(), TS_VFY_VERSION | TS_VFY_SIGNATURE | TS_VFY_DATA);
        if (TS_RESP_verify_response(ctx.get(), resp.get()) == 1) {
            ERR_clear_error();
            return at;
        }
        lastError = u"the timestamp of %1 does not verify with the authority %2: %3"_s.arg(
            at.toString(Qt::ISODate), tsa.chain.first().subjectLine(), sslError());
    }
    return makeError(ErrorCode::Io, lastError);
}

} // namespace strata::trust
