// SPDX-License-Identifier: MIT
// The verify-bundle verb: loads the trust the flags name, reads the bundle and the artifact (or its digest), and
// prints the verdict: exit 0 verified, 1 failed, 2 bad input or nothing to decide with (no key, no identity).
#include "app/cli/verifybundlecommand.h"
#include "app/cli/cli.h"
#include "app/cli/common.h"

#include "core/trust/bundleverify.h"
#include "core/trust/trustlimits.h"

#include <QCommandLineParser>
#include <QCryptographicHash>
#include <QFile>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace strata::cli {
namespace {

constexpr qint64 MaxArtifactBytes = 1024LL * 1024 * 1024; // read whole: beyond, give the digest instead

Result<trust::BundleSubject> readSubject(const QString &arg)
{
    trust::BundleSubject s;
    if (arg.startsWith(u"sha256:"_s) || arg.startsWith(u"sha512:"_s)) {
        Result<Digest> d = Digest::parse(arg);
        if (!d)
            return d.error();
        s.artifactDigest = d.value();
        return s;
    }
    QFile f(arg);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::NotFound, u"cannot read the artifact: %1"_s.arg(f.errorString()), arg);
    if (f.size() > MaxArtifactBytes)
        return makeError(
            ErrorCode::TooLarge,
            u"%1 bytes; give its digest (sha256:HEX) for artifacts over %2 bytes"_s.arg(f.size()).arg(MaxArtifactBytes),
            arg);
    s.artifact = f.readAll();
    if (s.artifact.isNull())
        s.artifact = QByteArray(""); // empty, not absent
    s.artifactDigest =
        Digest::fromRaw(DigestAlgorithm::Sha256, QCryptographicHash::hash(s.artifact, QCryptographicHash::Sha256));
    return s;
}

} // namespace

int runVerifyBundle(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(u"Verify a Sigstore bundle offline: its signature over ARTIFACT, its transparency "
                                "log entries and, for keyless bundles, the certificate chain and identity."_s);
    p.addHelpOption();
    const QCommandLineOption bundleOpt(u"bundle"_s, u"The Sigstore bundle (JSON)."_s, u"file"_s);
    const QCommandLineOption keyOpt(u"key"_s, u"A PEM public key the bundle may be signed with (repeatable)."_s,
                                    u"file"_s);
    const QCommandLineOption rootOpt(u"trusted-root"_s,
                                     u"A Sigstore trusted_root.json: CAs, transparency logs, timestamp authorities."_s,
                                     u"file"_s);
    const QCommandLineOption rekorOpt(u"rekor-key"_s, u"A PEM public key of a Rekor log (repeatable)."_s, u"file"_s);
    const QCommandLineOption idOpt(u"certificate-identity"_s, u"The signer's certificate SAN required (exact)."_s,
                                   u"id"_s);
    const QCommandLineOption idReOpt(u"certificate-identity-regexp"_s,
                                     u"Or a regular expression the SAN must match (whole)."_s, u"re"_s);
    const QCommandLineOption issuerOpt(u"certificate-oidc-issuer"_s, u"The OIDC issuer required."_s, u"iss"_s);
    const QCommandLineOption ignoreSctOpt(u"insecure-ignore-sct"_s,
                                          u"Accept a certificate without an SCT verified by a CT log of the trusted "
                                          "root."_s);
    p.addOptions({bundleOpt, keyOpt, rootOpt, rekorOpt, idOpt, idReOpt, issuerOpt, ignoreSctOpt});
    p.addPositionalArgument(u"artifact"_s, u"The signed file, or its digest as sha256:HEX (or sha512:HEX)."_s);
    if (const std::optional<int> done = parseVerbArguments(p, args))
        return *done;
    if (p.positionalArguments().size() != 1 || !p.isSet(bundleOpt)) {
        printError(u"verify-bundle takes --bundle FILE and exactly one ARTIFACT (see --help)"_s);
        return ExitError;
    }
    trust::TrustOptions options;
    options.keyFiles = p.values(keyOpt);
    options.rekorKeyFiles = p.values(rekorOpt);
    options.trustedRootFile = p.value(rootOpt);
    options.certificateIdentity = p.value(idOpt);
    options.certificateIdentityRegexp = p.value(idReOpt);
    options.certificateOidcIssuer = p.value(issuerOpt);
    options.insecureIgnoreSct = p.isSet(ignoreSctOpt);
    if (options.keyFiles.isEmpty() && options.trustedRootFile.isEmpty()) {
        printError(u"verify-bundle needs --key FILE or --trusted-root FILE"_s);
        return ExitError;
    }
    Result<trust::SigstoreTrust> trust = trust::loadSigstoreTrust(options);
    if (!trust) {
        printError(trust.error().toString());
        return ExitError;
    }
    const QString bundlePath = p.value(bundleOpt);
    QFile bf(bundlePath);
    if (!bf.open(QIODevice::ReadOnly)) {
        printError(u"%1: cannot read the bundle: %2"_s.arg(bundlePath, bf.errorString()));
        return ExitError;
    }
    if (bf.size() > limits::BundleBytes) {
        printError(u"%1: %2 bytes; a bundle is at most %3"_s.arg(bundlePath).arg(bf.size()).arg(limits::BundleBytes));
        return ExitError;
    }
    const QByteArray bundle = bf.read(limits::BundleBytes);
    Result<trust::BundleSubject> subject = readSubject(p.positionalArguments().first());
    if (!subject) {
        printError(subject.error().toString());
        return ExitError;
    }
    const trust::Verdict v = trust::verifySigstoreBundle(bundle, subject.value(), trust.value());
    if (v.state == trust::VerdictState::Verified) {
        QTextStream(stdout) << "verified: signer " << v.signer << " at "
                            << (v.signingTime.isValid() ? v.signingTime.toUTC().toString(Qt::ISODate)
                                                        : u"(no signing time: no transparency log was checked)"_s)
                            << Qt::endl;
        return ExitOk;
    }
    printError(u"%1: %2: %3"_s.arg(bundlePath, trust::verdictStateName(v.state), v.reason));
    return v.state == trust::VerdictState::Failed ? ExitProblems : ExitError;
}

} // namespace strata::cli
