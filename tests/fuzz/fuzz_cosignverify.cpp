// SPDX-License-Identifier: MIT
// cosign verification (core/trust/cosignverify.h) over stored signatures whose every byte a folder's author or a
// registry controls: the sigstore attachment, the payload, the certificate and chain annotations, the Rekor bundle
// and its body. Checked with fixed trust (containers/image's cosign.pub and rekor.pub, Fulcio's v1 root, the
// identity of its fixture) against the digest the payload itself claims, so that inputs reach every check. Never
// a crash, never "verified" without the checks that say why, never a failure without a reason.
#include "core/signatures/storedsignature.h"
#include "core/trust/cosignverify.h"
#include "tests/fuzz/fuzzutil.h"

#include <QCryptographicHash>

using namespace strata;
using namespace strata::trust;

namespace {

// containers/image signature/fixtures @ df7e80d2 (Apache-2.0): cosign.pub, rekor.pub, fulcio_v1.crt.pem.
constexpr const char *CosignPub = "-----BEGIN PUBLIC KEY-----\n"
                                  "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEFNLqFhf4fiN6o/glAuYnq2jYUeL0\n"
                                  "vRuLu/z39pmbVwS9ff5AYnlwaP9sxREajdLY9ynM6G1sy6AAmb7Z63TsLg==\n"
                                  "-----END PUBLIC KEY-----\n";
constexpr const char *RekorPub = "-----BEGIN PUBLIC KEY-----\n"
                                 "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE2G2Y+2tabdTV5BcGiBIx0a9fAFwr\n"
                                 "kBbmLSGtks4L3qX6yYY0zufBnhC8Ur/iy55GhWP/9A/bY2LhC30M9+RYtw==\n"
                                 "-----END PUBLIC KEY-----\n";
constexpr const char *FulcioRoot = "-----BEGIN CERTIFICATE-----\n"
                                   "MIIB9zCCAXygAwIBAgIUALZNAPFdxHPwjeDloDwyYChAO/4wCgYIKoZIzj0EAwMw\n"
                                   "KjEVMBMGA1UEChMMc2lnc3RvcmUuZGV2MREwDwYDVQQDEwhzaWdzdG9yZTAeFw0y\n"
                                   "MTEwMDcxMzU2NTlaFw0zMTEwMDUxMzU2NThaMCoxFTATBgNVBAoTDHNpZ3N0b3Jl\n"
                                   "LmRldjERMA8GA1UEAxMIc2lnc3RvcmUwdjAQBgcqhkjOPQIBBgUrgQQAIgNiAAT7\n"
                                   "XeFT4rb3PQGwS4IajtLk3/OlnpgangaBclYpsYBr5i+4ynB07ceb3LP0OIOZdxex\n"
                                   "X69c5iVuyJRQ+Hz05yi+UF3uBWAlHpiS5sh0+H2GHE7SXrk1EC5m1Tr19L9gg92j\n"
                                   "YzBhMA4GA1UdDwEB/wQEAwIBBjAPBgNVHRMBAf8EBTADAQH/MB0GA1UdDgQWBBRY\n"
                                   "wB5fkUWlZql6zJChkyLQKsXF+jAfBgNVHSMEGDAWgBRYwB5fkUWlZql6zJChkyLQ\n"
                                   "KsXF+jAKBggqhkjOPQQDAwNpADBmAjEAj1nHeXZp+13NWBNa+EDsDP8G1WWg1tCM\n"
                                   "WP/WHPqpaVo0jhsweNFZgSs0eE7wYI4qAjEA2WB9ot98sIkoF3vZYdd3/VtWB5b9\n"
                                   "TNMea7Ix/stJ5TfcLLeABLE4BNJOsQ4vnBHJ\n"
                                   "-----END CERTIFICATE-----\n";

struct Trusts
{
    SigstoreTrust keyed;
    SigstoreTrust keyless;
};

const Trusts &trusts()
{
    static const Trusts t = [] {
        Trusts out;
        Result<PublicKey> key = PublicKey::fromPem(CosignPub, QStringLiteral("cosign.pub"));
        Result<PublicKey> rekor = PublicKey::fromPem(RekorPub, QStringLiteral("rekor.pub"));
        Result<QList<Certificate>> root = Certificate::fromPem(FulcioRoot, QStringLiteral("fulcio_v1.crt.pem"), 1);
        if (!key || !rekor || !root)
            abort();
        const TransparencyLogKey log{
            QStringLiteral("https://rekor.sigstore.dev"), rekor.value(), rekor->sha256Hex(), {}, {}};
        out.keyed.keys << key.value();
        out.keyed.tlogs << log;
        out.keyless.certificateAuthorities
            << TimedCertificateAuthority{QStringLiteral("fulcio"), root.value(), {}, {}, {}};
        out.keyless.tlogs << log;
        out.keyless.identity = {
            QStringLiteral("mitr@redhat.com"), {}, QStringLiteral("https://github.com/login/oauth"), {}, {}};
        return out;
    }();
    return t;
}

void check(const Verdict &v, const Digest &subject)
{
    switch (v.state) {
    case VerdictState::Verified:
        STRATA_FUZZ_ASSERT(v.reason.isEmpty() && v.checks.size() >= 2 && !v.signer.isEmpty());
        STRATA_FUZZ_ASSERT(v.signedDigest == subject);
        break;
    case VerdictState::Failed:
    case VerdictState::NotChecked: STRATA_FUZZ_ASSERT(!v.reason.isEmpty()); break;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const Result<StoredSignature> s = parseStoredSignature(bytes, QStringLiteral("fuzz/signature-1"));
    if (!s) {
        fuzz::checkError(s.error());
        return 0;
    }
    const Digest subject = s->claims && !s->claims->manifestDigest.isNull() ? s->claims->manifestDigest
                                                                            : sha256Of(QByteArrayView("no claim"));
    CosignSubject of;
    of.digest = subject;
    // Within the fixture certificate's ten minutes (2023-01-20T20:51:31Z..21:01:31Z), so that the keyless path
    // without a log entry reaches the chain check too.
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1674247900, Qt::UTC);
    const Digest payload = sha256Of(s->payload);
    check(verifyCosignSignature(s.value(), of, std::nullopt, trusts().keyed, now), subject);
    check(verifyCosignSignature(s.value(), of, payload, trusts().keyless, now), subject);
    const Digest otherLayer = sha256Of(QByteArrayView("another layer"));
    if (!(payload == otherLayer))
        STRATA_FUZZ_ASSERT(!verifyCosignSignature(s.value(), of, otherLayer, trusts().keyed, now).verified());
    return 0;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQt();
    (void)trusts();
    return 0;
}
