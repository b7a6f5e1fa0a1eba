// SPDX-License-Identifier: MIT
#include "core/trust/publickey.h"

#include "core/signatures/opensslpem.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

using namespace Qt::StringLiterals;

namespace strata::trust {
namespace {

constexpr qint64 MaxKeyFileBytes = 64 * 1024;

struct BioFree
{
    void operator()(BIO *b) const { BIO_free(b); }
};
struct MdCtxFree
{
    void operator()(EVP_MD_CTX *c) const { EVP_MD_CTX_free(c); }
};
struct SigFree
{
    void operator()(ECDSA_SIG *s) const { ECDSA_SIG_free(s); }
};

QString opensslReason()
{
    const unsigned long e = ERR_peek_last_error();
    ERR_clear_error();
    return e ? QString::fromLatin1(ERR_reason_error_string(e)) : QString();
}

std::shared_ptr<EVP_PKEY> own(EVP_PKEY *k)
{
    return std::shared_ptr<EVP_PKEY>(k, [](EVP_PKEY *p) { EVP_PKEY_free(p); });
}

Status checkType(EVP_PKEY *k, const QString &context)
{
    const int id = EVP_PKEY_get_base_id(k);
    if (id == EVP_PKEY_EC || id == EVP_PKEY_RSA || id == EVP_PKEY_RSA_PSS || id == EVP_PKEY_ED25519)
        return Ok{};
    return makeError(
        ErrorCode::Unsupported,
        u"a %1 key: only ECDSA, RSA and Ed25519 keys are checked"_s.arg(QString::fromLatin1(OBJ_nid2sn(id))), context);
}

int ecBits(EVP_PKEY *k)
{
    return EVP_PKEY_get_bits(k);
}

const EVP_MD *mdFor(EVP_PKEY *k, HashAlgorithm h)
{
    switch (h) {
    case HashAlgorithm::Sha256: return EVP_sha256();
    case HashAlgorithm::Sha384: return EVP_sha384();
    case HashAlgorithm::Sha512: return EVP_sha512();
    case HashAlgorithm::Natural: break;
    }
    if (EVP_PKEY_get_base_id(k) == EVP_PKEY_EC) {
        const int bits = ecBits(k);
        return bits > 384 ? EVP_sha512() : bits > 256 ? EVP_sha384() : EVP_sha256();
    }
    return EVP_sha256();
}

// One EVP_DigestVerify with the given padding (RSA) or none.
bool verifyOnce(EVP_PKEY *k, const EVP_MD *md, int padding, int saltLength, const QByteArray &message,
                const QByteArray &signature)
{
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX *pctx = nullptr;
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), &pctx, md, nullptr, k) != 1)
        return false;
    if (padding != 0) {
        if (EVP_PKEY_CTX_set_rsa_padding(pctx, padding) != 1)
            return false;
        if (padding == RSA_PKCS1_PSS_PADDING && EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, saltLength) != 1)
            return false;
    }
    return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.constData()),
                            size_t(signature.size()), reinterpret_cast<const unsigned char *>(message.constData()),
                            size_t(message.size())) == 1;
}

} // namespace

Result<PublicKey> PublicKey::fromEvp(EVP_PKEY *key, const QString &context)
{
    if (!key)
        return makeError(ErrorCode::Malformed, u"no public key"_s, context);
    if (Status t = checkType(key, context); !t)
        return t.error();
    EVP_PKEY_up_ref(key);
    PublicKey k;
    k.m_key = own(key);
    k.m_label = context;
    return k;
}

Result<PublicKey> PublicKey::fromDer(const QByteArray &spki, const QString &context)
{
    const auto *p = reinterpret_cast<const unsigned char *>(spki.constData());
    EVP_PKEY *raw = d2i_PUBKEY(nullptr, &p, static_cast<long>(spki.size()));
    if (!raw)
        return makeError(ErrorCode::Malformed, u"not a DER SubjectPublicKeyInfo (OpenSSL: %1)"_s.arg(opensslReason()),
                         context);
    // fromEvp takes its own reference; this one is dropped either way.
    Result<PublicKey> k = fromEvp(raw, context);
    EVP_PKEY_free(raw);
    return k;
}

Result<PublicKey> PublicKey::fromPem(const QByteArray &pem, const QString &context)
{
    std::unique_ptr<BIO, BioFree> in(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())));
    EVP_PKEY *raw = PEM_read_bio_PUBKEY(in.get(), nullptr, nullptr, nullptr);
    if (!raw) {
        ERR_clear_error();
        in.reset(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())));
        // PKCS#1 RSAPublicKey ("RSA PUBLIC KEY"), as `openssl rsa -RSAPublicKey_out` and old tools write it.
        unsigned char *der = nullptr;
        long len = 0;
        if (PEM_bytes_read_bio(&der, &len, nullptr, PEM_STRING_RSA_PUBLIC, in.get(), nullptr, nullptr) == 1) {
            const unsigned char *p = der;
            raw = d2i_PublicKey(EVP_PKEY_RSA, nullptr, &p, len);
            OPENSSL_free(der);
        }
    }
    if (!raw)
        return makeError(
            ErrorCode::Malformed,
            u"no PEM public key (a \"PUBLIC KEY\" block) could be read (OpenSSL: %1)"_s.arg(opensslReason()), context);
    // fromEvp takes its own reference; this one is dropped either way.
    Result<PublicKey> k = fromEvp(raw, context);
    EVP_PKEY_free(raw);
    return k;
}

QString PublicKey::algorithm() const
{
    if (!m_key)
        return {};
    switch (EVP_PKEY_get_base_id(m_key.get())) {
    case EVP_PKEY_EC: {
        char curve[64] = {};
        size_t len = 0;
        EVP_PKEY_get_utf8_string_param(m_key.get(), OSSL_PKEY_PARAM_GROUP_NAME, curve, sizeof curve, &len);
        const QString name = QString::fromLatin1(curve);
        const QString nist = name == "prime256v1"_L1  ? u"P-256"_s
                             : name == "secp384r1"_L1 ? u"P-384"_s
                             : name == "secp521r1"_L1 ? u"P-521"_s
                                                      : name;
        return u"ECDSA "_s + nist;
    }
    case EVP_PKEY_RSA:
    case EVP_PKEY_RSA_PSS: return u"RSA %1"_s.arg(EVP_PKEY_get_bits(m_key.get()));
    case EVP_PKEY_ED25519: return u"Ed25519"_s;
    }
    return u"unknown"_s;
}

QByteArray PublicKey::spki() const
{
    if (!m_key)
        return {};
    return openssl::derBytes(m_key.get(), i2d_PUBKEY);
}

QString PublicKey::sha256Hex() const
{
    return QString::fromLatin1(QCryptographicHash::hash(spki(), QCryptographicHash::Sha256).toHex());
}

QString PublicKey::describe() const
{
    const QString id = sha256Hex();
    QString s = u"key %1 SHA256:%2…%3"_s.arg(algorithm(), id.left(8), id.right(4));
    if (!m_label.isEmpty())
        s += u" (%1)"_s.arg(m_label);
    return s;
}

bool PublicKey::sameKey(const PublicKey &other) const
{
    return m_key && other.m_key && EVP_PKEY_eq(m_key.get(), other.m_key.get()) == 1;
}

Status PublicKey::verify(const QByteArray &message, const QByteArray &signature, const SignatureParams &p) const
{
    if (!m_key)
        return makeError(ErrorCode::Unsupported, u"no key"_s);
    EVP_PKEY *k = m_key.get();
    const int type = EVP_PKEY_get_base_id(k);
    bool good = false;
    if (type == EVP_PKEY_ED25519) {
        if (p.hash != HashAlgorithm::Natural)
            return makeError(ErrorCode::Unsupported, u"Ed25519 signs the message itself, not a hash of it"_s);
        good = verifyOnce(k, nullptr, 0, 0, message, signature);
    } else if (type == EVP_PKEY_EC) {
        QByteArray der = signature;
        if (p.rawEcdsa) {
            const int half = (ecBits(k) + 7) / 8;
            if (signature.size() != 2 * half)
                return makeError(ErrorCode::Malformed,
                                 u"an %1 signature of %2 bytes; r||s of this curve is %3 bytes"_s.arg(algorithm())
                                     .arg(signature.size())
                                     .arg(2 * half));
            der = ecdsaRawToDer(signature);
        }
        good = verifyOnce(k, mdFor(k, p.hash), 0, 0, message, der);
        // cosign signs with SHA-256 whatever the curve (sigstore LoadVerifier(key, crypto.SHA256)).
        if (!good && p.hash == HashAlgorithm::Natural && mdFor(k, p.hash) != EVP_sha256())
            good = verifyOnce(k, EVP_sha256(), 0, 0, message, der);
    } else {
        const EVP_MD *md = mdFor(k, p.hash);
        using P = SignatureParams::RsaPadding;
        if (p.rsaPadding != P::Pss)
            good = verifyOnce(k, md, RSA_PKCS1_PADDING, 0, message, signature);
        if (!good && p.rsaPadding != P::Pkcs1)
            good = verifyOnce(k, md, RSA_PKCS1_PSS_PADDING, p.pssSaltLength, message, signature);
    }
    ERR_clear_error();
    if (!good)
        return makeError(ErrorCode::Io, u"the signature does not verify with %1"_s.arg(describe()));
    return Ok{};
}

Status PublicKey::verifyDigest(const QByteArray &digest, const QByteArray &signature, const SignatureParams &p) const
{
    if (!m_key)
        return makeError(ErrorCode::Unsupported, u"no key"_s);
    EVP_PKEY *k = m_key.get();
    const int type = EVP_PKEY_get_base_id(k);
    if (type == EVP_PKEY_ED25519)
        return makeError(ErrorCode::Unsupported,
                         u"an Ed25519 key signs the artifact itself; its digest is not enough"_s);
    const EVP_MD *md = p.hash == HashAlgorithm::Natural ? EVP_sha256() : mdFor(k, p.hash);
    if (digest.size() != EVP_MD_get_size(md))
        return makeError(
            ErrorCode::Malformed,
            u"a digest of %1 bytes for %2"_s.arg(digest.size()).arg(QString::fromLatin1(EVP_MD_get0_name(md))));
    QByteArray sig = signature;
    if (type == EVP_PKEY_EC && p.rawEcdsa)
        sig = ecdsaRawToDer(signature);
    const auto once = [&](int padding) {
        std::unique_ptr<EVP_PKEY_CTX, void (*)(EVP_PKEY_CTX *)> ctx(EVP_PKEY_CTX_new(k, nullptr), EVP_PKEY_CTX_free);
        if (!ctx || EVP_PKEY_verify_init(ctx.get()) != 1 || EVP_PKEY_CTX_set_signature_md(ctx.get(), md) != 1)
            return false;
        if (padding && EVP_PKEY_CTX_set_rsa_padding(ctx.get(), padding) != 1)
            return false;
        if (padding == RSA_PKCS1_PSS_PADDING && EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx.get(), p.pssSaltLength) != 1)
            return false;
        return EVP_PKEY_verify(ctx.get(), reinterpret_cast<const unsigned char *>(sig.constData()), size_t(sig.size()),
                               reinterpret_cast<const unsigned char *>(digest.constData()), size_t(digest.size())) == 1;
    };
    using P = SignatureParams::RsaPadding;
    bool good = false;
    if (type == EVP_PKEY_EC)
        good = once(0);
    else {
        if (p.rsaPadding != P::Pss)
            good = once(RSA_PKCS1_PADDING);
        if (!good && p.rsaPadding != P::Pkcs1)
            good = once(RSA_PKCS1_PSS_PADDING);
    }
    ERR_clear_error();
    if (!good)
        return makeError(ErrorCode::Io, u"the signature does not verify with %1"_s.arg(describe()));
    return Ok{};
}

Result<QList<PublicKey>> loadPublicKeys(const QStringList &paths)
{
    QList<PublicKey> out;
    for (const QString &path : paths) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return makeError(ErrorCode::NotFound, u"cannot read the key file: %1"_s.arg(f.errorString()), path);
        if (f.size() > MaxKeyFileBytes)
            return makeError(ErrorCode::TooLarge,
                             u"%1 bytes; a public key file is at most %2"_s.arg(f.size()).arg(MaxKeyFileBytes), path);
        Result<PublicKey> k = PublicKey::fromPem(f.readAll(), path);
        if (!k)
            return k.error();
        k->setLabel(QFileInfo(path).fileName());
        out << k.value();
    }
    return out;
}

QByteArray ecdsaRawToDer(const QByteArray &raw)
{
    if (raw.isEmpty() || raw.size() % 2)
        return {};
    const int half = int(raw.size() / 2);
    const auto *b = reinterpret_cast<const unsigned char *>(raw.constData());
    std::unique_ptr<ECDSA_SIG, SigFree> sig(ECDSA_SIG_new());
    BIGNUM *r = BN_bin2bn(b, half, nullptr);
    BIGNUM *s = BN_bin2bn(b + half, half, nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return {};
    }
    return openssl::derBytes(sig.get(), i2d_ECDSA_SIG);
}

} // namespace strata::trust
