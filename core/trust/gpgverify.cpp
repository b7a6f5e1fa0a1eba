// SPDX-License-Identifier: MIT
// GPG simple signing through GPGME, following containers/image signature/mechanism_gpgme.go (one signature, no
// error status, validity not "never", no validity reason, right key usage) and signature/simple.go (the payload's
// critical.type and docker-manifest-digest). GPGME runs gpg offline (--disable-dirmngr) in a private GNUPGHOME
// whose gpg.conf also turns off key retrieval and the trust database (trust is "is the key in the keyring").
#include "core/trust/gpgverify.h"
#include "core/signatures/signaturelimits.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <gpgme.h>

#include <mutex>

using namespace Qt::StringLiterals;

namespace strata::trust {

struct GpgKeyring::Home
{
    QTemporaryDir dir{QDir::tempPath() + u"/strata-gnupg-XXXXXX"_s};
    QString path;
    QStringList fingerprints;
    QMutex mutex;

    ~Home()
    {
        // gpg starts gpg-agent (and, were it not offline, dirmngr) on demand; they outlive the gpg process and would
        // keep sockets in a folder about to go. gpgconf finds them by the homedir.
        const QString gpgconf = QStandardPaths::findExecutable(u"gpgconf"_s);
        if (!gpgconf.isEmpty() && dir.isValid()) {
            for (const QStringList &args : {QStringList{u"--kill"_s, u"all"_s}, QStringList{u"--remove-socketdir"_s}}) {
                QProcess p;
                p.start(gpgconf, QStringList{u"--homedir"_s, dir.path()} + args);
                p.waitForFinished(10000);
            }
        }
        dir.remove();
    }
};

namespace {

struct GpgmeContext
{
    gpgme_ctx_t ctx = nullptr;
    ~GpgmeContext()
    {
        if (ctx)
            gpgme_release(ctx);
    }
};

struct GpgmeData
{
    gpgme_data_t d = nullptr;
    ~GpgmeData()
    {
        if (d)
            gpgme_data_release(d);
    }
};

QString gpgmeMessage(gpgme_error_t e)
{
    char buf[256] = {};
    gpgme_strerror_r(e, buf, sizeof buf - 1);
    return QString::fromUtf8(buf);
}

// gpgme_check_version must run once before any other call (GPGME manual, "Library Version Check"); it also sets up
// GPGME's threading. Returns the error that makes GPGME unusable, or an empty string.
QString initialiseGpgme()
{
    static std::once_flag once;
    static QString error;
    std::call_once(once, [] {
        if (!gpgme_check_version(nullptr))
            error = u"GPGME could not be initialised"_s;
        else if (gpgme_error_t e = gpgme_engine_check_version(GPGME_PROTOCOL_OpenPGP))
            error = u"GPGME finds no usable gpg: %1"_s.arg(gpgmeMessage(e));
    });
    return error;
}

// One context per call, bound to `home`, offline, and never asking a pinentry (nothing here needs a secret key).
Result<std::unique_ptr<GpgmeContext>> newContext(const QString &home)
{
    auto c = std::make_unique<GpgmeContext>();
    if (gpgme_error_t e = gpgme_new(&c->ctx))
        return makeError(ErrorCode::Unsupported, u"GPGME: %1"_s.arg(gpgmeMessage(e)));
    const QByteArray homeBytes = QFile::encodeName(home);
    if (gpgme_error_t e = gpgme_ctx_set_engine_info(c->ctx, GPGME_PROTOCOL_OpenPGP, nullptr, homeBytes.constData()))
        return makeError(ErrorCode::Unsupported, u"GPGME: %1"_s.arg(gpgmeMessage(e)));
    gpgme_set_protocol(c->ctx, GPGME_PROTOCOL_OpenPGP);
    gpgme_set_offline(c->ctx, 1);
    gpgme_set_pinentry_mode(c->ctx, GPGME_PINENTRY_MODE_LOOPBACK);
    return c;
}

QString fingerprintText(const char *fpr)
{
    return fpr ? QString::fromLatin1(fpr).toUpper() : QString();
}

} // namespace

QString GpgKeyring::path() const
{
    return m_home ? m_home->path : QString();
}

QStringList GpgKeyring::fingerprints() const
{
    return m_home ? m_home->fingerprints : QStringList();
}

QString GpgKeyring::homeDirectory() const
{
    return m_home ? m_home->dir.path() : QString();
}

Result<GpgKeyring> loadGpgKeyring(const QString &path)
{
    QFile f(path);
    if (!f.exists())
        return makeError(ErrorCode::NotFound, u"no such GPG keyring"_s, path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io, u"cannot read the GPG keyring: %1"_s.arg(f.errorString()), path);
    if (f.size() > limits::KeyringBytes)
        return makeError(
            ErrorCode::TooLarge,
            u"the GPG keyring is %1 bytes, more than the %2 Strata reads"_s.arg(f.size()).arg(limits::KeyringBytes),
            path);
    const QByteArray bytes = f.read(limits::KeyringBytes);
    if (const QString e = initialiseGpgme(); !e.isEmpty())
        return makeError(ErrorCode::Unsupported, e, path);

    auto home = std::make_shared<GpgKeyring::Home>();
    if (!home->dir.isValid())
        return makeError(ErrorCode::Unsupported, u"cannot make a private GNUPGHOME: %1"_s.arg(home->dir.errorString()),
                         path);
    home->path = path;
    // QTemporaryDir makes the folder 0700 already, which gpg insists on ("unsafe permissions on homedir").
    QFile::setPermissions(home->dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QFile conf(home->dir.filePath(u"gpg.conf"_s));
    if (!conf.open(QIODevice::WriteOnly) ||
        conf.write("no-auto-key-retrieve\nno-auto-key-locate\ntrust-model always\nno-greeting\n") < 0)
        return makeError(ErrorCode::Io, u"cannot write gpg.conf in the private GNUPGHOME"_s, path);
    conf.close();

    Result<std::unique_ptr<GpgmeContext>> c = newContext(home->dir.path());
    if (!c)
        return makeError(c.error().code, c.error().message, path);
    GpgmeData keyData;
    if (gpgme_error_t e = gpgme_data_new_from_mem(&keyData.d, bytes.constData(), size_t(bytes.size()), 0))
        return makeError(ErrorCode::Io, u"GPGME: %1"_s.arg(gpgmeMessage(e)), path);
    if (gpgme_error_t e = gpgme_op_import((*c)->ctx, keyData.d))
        return makeError(ErrorCode::Malformed, u"gpg could not import the keyring: %1"_s.arg(gpgmeMessage(e)), path);
    const gpgme_import_result_t r = gpgme_op_import_result((*c)->ctx);
    for (gpgme_import_status_t s = r ? r->imports : nullptr; s; s = s->next) {
        if (s->result == GPG_ERR_NO_ERROR && s->fpr && !(s->status & GPGME_IMPORT_SECRET)) {
            const QString fpr = fingerprintText(s->fpr);
            if (!home->fingerprints.contains(fpr))
                home->fingerprints << fpr;
        }
    }
    if (home->fingerprints.isEmpty())
        return makeError(ErrorCode::Malformed,
                         u"no OpenPGP public key in the file (gpg considered %1 keys)"_s.arg(r ? r->considered : 0),
                         path);
    GpgKeyring k;
    k.m_home = std::move(home);
    return k;
}

Verdict verifyGpgSignature(const StoredSignature &sig, const Digest &manifestDigest, const GpgKeyring &keys)
{
    if (sig.format != StoredSignature::Format::SimpleSigningGpg)
        return Verdict::notChecked(u"not a GPG signature (%1)"_s.arg(sig.kindName()));
    if (keys.isNull())
        return Verdict::notChecked(u"no GPG keyring given"_s);
    if (sig.raw.size() > limits::SignatureBytes)
        return Verdict::failed(u"the signature is %1 bytes, more than the %2 Strata reads"_s.arg(sig.raw.size())
                                   .arg(limits::SignatureBytes));
    const QString keyring = QFileInfo(keys.path()).fileName();
    const QString claimed = sig.claimedSigner();

    QMutexLocker lock(&keys.m_home->mutex);
    Result<std::unique_ptr<GpgmeContext>> c = newContext(keys.homeDirectory());
    if (!c)
        return Verdict::notChecked(c.error().message);
    GpgmeData signed_, plain;
    if (gpgme_data_new_from_mem(&signed_.d, sig.raw.constData(), size_t(sig.raw.size()), 0) || gpgme_data_new(&plain.d))
        return Verdict::notChecked(u"GPGME could not allocate its buffers"_s);
    const gpgme_error_t ve = gpgme_op_verify((*c)->ctx, signed_.d, nullptr, plain.d);
    if (ve)
        return Verdict::failed(u"gpg cannot read the signature as a signed OpenPGP message: %1"_s.arg(gpgmeMessage(ve)),
                               claimed);
    const gpgme_verify_result_t r = gpgme_op_verify_result((*c)->ctx);
    int count = 0;
    for (gpgme_signature_t s = r ? r->signatures : nullptr; s; s = s->next)
        ++count;
    if (count != 1)
        return Verdict::failed(u"expected one GPG signature in the message, found %1"_s.arg(count), claimed);
    const gpgme_signature_t s = r->signatures;
    const QString sigFpr = fingerprintText(s->fpr);
    Verdict v;
    v.signer = claimed;
    if (s->timestamp > 0)
        v.signingTime = QDateTime::fromSecsSinceEpoch(qint64(s->timestamp), Qt::UTC);

    // The key that made it, by its primary fingerprint (a signing subkey names its primary key).
    QString primary = sigFpr;
    if (gpgme_key_t key = nullptr; !sigFpr.isEmpty() && !gpgme_get_key((*c)->ctx, s->fpr, &key, 0) && key) {
        if (key->fpr)
            primary = fingerprintText(key->fpr);
        gpgme_key_unref(key);
    }
    const QString who = u"GPG key %1"_s.arg(primary.isEmpty() ? u"(unnamed)"_s : primary);
    switch (gpgme_err_code(s->status)) {
    case GPG_ERR_NO_ERROR: break;
    case GPG_ERR_NO_PUBKEY:
        return Verdict::failed(u"signed by GPG key %1, which is not in keyring %2 (it holds %3)"_s.arg(
                                   sigFpr.isEmpty() ? claimed : sigFpr, keyring, keys.fingerprints().join(u", "_s)),
                               claimed);
    case GPG_ERR_BAD_SIGNATURE:
        return Verdict::failed(u"bad signature: the signed data does not verify with %1 (%2)"_s.arg(who, keyring), who);
    case GPG_ERR_KEY_EXPIRED:
        return Verdict::failed(u"%1 (%2) had expired when the signature was checked (signed %3)"_s.arg(
                                   who, keyring, v.signingTime.toString(Qt::ISODate)),
                               who);
    case GPG_ERR_SIG_EXPIRED:
        return Verdict::failed(
            u"the signature by %1 expired at %2"_s.arg(
                who, QDateTime::fromSecsSinceEpoch(qint64(s->exp_timestamp), Qt::UTC).toString(Qt::ISODate)),
            who);
    case GPG_ERR_CERT_REVOKED: return Verdict::failed(u"%1 (%2) is revoked"_s.arg(who, keyring), who);
    default:
        return Verdict::failed(u"gpg does not accept the signature by %1: %2"_s.arg(who, gpgmeMessage(s->status)), who);
    }
    if (s->validity == GPGME_VALIDITY_NEVER || s->validity_reason || s->wrong_key_usage)
        return Verdict::failed(
            u"gpg does not accept the signature by %1: %2"_s.arg(
                who, s->wrong_key_usage ? u"the key may not sign"_s : gpgmeMessage(s->validity_reason)),
            who);
    if (!keys.fingerprints().contains(primary))
        return Verdict::failed(u"signed by %1, which is not one of keyring %2's keys (%3)"_s.arg(
                                   who, keyring, keys.fingerprints().join(u", "_s)),
                               who);
    v.signer = who;
    v.checks << u"good OpenPGP signature by %1 (%2), made %3"_s.arg(who, keyring, v.signingTime.toString(Qt::ISODate));

    // What gpg verified, not what the decoder read, is what the claims come from; both must agree.
    QByteArray verified;
    {
        gpgme_data_seek(plain.d, 0, SEEK_SET);
        char buf[64 * 1024];
        ssize_t n = 0;
        while ((n = gpgme_data_read(plain.d, buf, sizeof buf)) > 0) {
            verified.append(buf, n);
            if (verified.size() > limits::SignatureBytes)
                return Verdict::failed(u"the signed payload is over %1 bytes"_s.arg(limits::SignatureBytes), who);
        }
    }
    if (!sig.payload.isEmpty() && verified != sig.payload)
        return Verdict::failed(
            u"the payload gpg verified (%1 bytes) is not the literal data shown (%2 bytes)"_s.arg(verified.size())
                .arg(sig.payload.size()),
            who);
    Result<SimpleSigningClaims> claims = parseSimpleSigning(verified, u"the signed payload"_s);
    if (!claims)
        return Verdict::failed(u"the signed payload is not a simple signing document: %1"_s.arg(claims.error().message),
                               who);
    v.signedDigest = claims->manifestDigest;
    if (claims->type != u"atomic container signature"_s)
        return Verdict::failed(
            u"the signed critical.type is \"%1\", not \"atomic container signature\""_s.arg(claims->type.left(100)),
            who);
    v.checks << u"critical.type is \"atomic container signature\""_s;
    if (claims->manifestDigest.isNull()) {
        Verdict f = Verdict::failed(u"the signed payload names no valid docker-manifest-digest"_s, who);
        return f;
    }
    if (!(claims->manifestDigest == manifestDigest)) {
        Verdict f = Verdict::failed(u"signed digest %1 is not this manifest's %2"_s.arg(
                                        claims->manifestDigest.toString(), manifestDigest.toString()),
                                    who);
        f.signedDigest = claims->manifestDigest;
        f.signingTime = v.signingTime;
        return f;
    }
    v.checks << u"signed docker-manifest-digest %1 is this manifest's"_s.arg(manifestDigest.toString());
    v.checks << (claims->dockerReference.isEmpty()
                     ? u"the signature names no docker-reference"_s
                     : u"signed for docker-reference %1 (matched by the policy, not here)"_s.arg(
                           claims->dockerReference.left(300)));
    v.state = VerdictState::Verified;
    return v;
}

} // namespace strata::trust
