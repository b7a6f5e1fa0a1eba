// SPDX-License-Identifier: MIT
// Sigstore bundle verification (core/trust/bundleverify.h) over bundles whose every byte a registry or a file's
// author controls: the media type, the verification material (key hint, certificates, tlog entries with their
// promises, proofs and checkpoints, RFC 3161 timestamps), the message signature or DSSE envelope. Checked with a
// key (sigstore-go's publish_key.pub) and, when ../shared/fixtures is there (run-fuzzers.sh's layout), the
// public-good trusted root with the identity of sigstore-go's provenance bundle, so that keyless inputs reach the
// chain, SCT and identity checks. Never a crash, never "verified" without the checks that say why, never a failure
// without a reason.
#include "core/trust/bundleverify.h"
#include "tests/fuzz/fuzzutil.h"

#include <QFile>
#include <QFileInfo>

using namespace strata;
using namespace strata::trust;

namespace {

// sigstore/sigstore-go examples/publish_key.pub @ 4594ab4 (Apache-2.0).
constexpr const char *PublishKey = "-----BEGIN PUBLIC KEY-----\n"
                                   "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE1Olb3zMAFFxXKHiIkQO5cJ3Yhl5i6UPp+IhuteBJbuHc"
                                   "A5UogKo0EWtlWwW6KSaKoTNEYL7JlCQiVnkhBktUgg==\n"
                                   "-----END PUBLIC KEY-----\n";
// The npm tarball sigstore@1.3.0 both sigstore-go bundles name.
constexpr const char *NpmTarball = "sha512:76176ffa33808b54602c7c35de5c6e9a4deb96066dba6533f50ac234f4f1f4c6b3527515dc"
                                   "17c06fbe2860030f410eee69ea20079bd3a2c6f3dcf3b329b10751";

struct Trusts
{
    SigstoreTrust keyed;
    SigstoreTrust keyless;
    Digest subject;
};

const Trusts &trusts()
{
    static const Trusts t = [] {
        Trusts out;
        Result<PublicKey> key = PublicKey::fromPem(PublishKey, QStringLiteral("publish_key.pub"));
        Result<Digest> d = Digest::parse(QString::fromLatin1(NpmTarball));
        if (!key || !d)
            abort();
        out.keyed.keys << key.value();
        out.subject = d.value();
        const QString root = QFileInfo(QStringLiteral(__FILE__)).absolutePath() +
                             QStringLiteral("/../../../shared/fixtures/public/signatures/sigstore-go/"
                                            "trusted-root-public-good.json");
        QFile f(root);
        if (f.open(QIODevice::ReadOnly)) {
            Result<SigstoreTrust> r = parseTrustedRoot(f.readAll(), root);
            if (r) {
                out.keyless = r.value();
                out.keyed.tlogs = r->tlogs;
            }
        }
        out.keyless.identity = {
            QStringLiteral("https://github.com/sigstore/sigstore-js/.github/workflows/release.yml@refs/heads/main"),
            {},
            QStringLiteral("https://token.actions.githubusercontent.com"),
            {},
            {}};
        return out;
    }();
    return t;
}

void check(const Verdict &v)
{
    switch (v.state) {
    case VerdictState::Verified: STRATA_FUZZ_ASSERT(v.reason.isEmpty() && v.checks.size() >= 2); break;
    case VerdictState::Failed:
    case VerdictState::NotChecked: STRATA_FUZZ_ASSERT(!v.reason.isEmpty()); break;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const Trusts &t = trusts();
    BundleSubject byDigest;
    byDigest.artifactDigest = t.subject;
    check(verifySigstoreBundle(bytes, byDigest, t.keyed));
    check(verifySigstoreBundle(bytes, byDigest, t.keyless));
    // The same input as the artifact's bytes: a message signature over them can never be this bundle's.
    BundleSubject byBytes;
    byBytes.artifact = bytes.left(64);
    byBytes.artifactDigest = sha256Of(byBytes.artifact);
    check(verifySigstoreBundle(bytes, byBytes, t.keyed));
    return 0;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQt();
    (void)trusts();
    return 0;
}
