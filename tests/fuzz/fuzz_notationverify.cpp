// SPDX-License-Identifier: MIT
// Notation signature verification (core/trust/notationverify.h) over envelopes whose every byte a registry or a
// layout's author controls: the JWS JSON (protected header, crit, x5c, payload, base64url signature) or the COSE_Sign1
// CBOR, checked against notation-go's manifest with a trust store holding notation-go's certificate (both read from
// ../shared/fixtures when run-fuzzers.sh's layout has it), so that mutations of the real envelopes reach the
// signature, chain, targetArtifact and expiry checks. The first byte picks the envelope type (even: JWS, odd: COSE).
// Never a crash, never "verified" without the checks that say why, never a failure without a reason.
#include "core/trust/notationverify.h"
#include "tests/fuzz/fuzzutil.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace strata;
using namespace strata::trust;

namespace {

struct Fixture
{
    Descriptor manifest;
    NotationTrustStore store;
};

QByteArray fixtureFile(const char *name)
{
    QFile f(QFileInfo(QStringLiteral(__FILE__)).absolutePath() +
            QStringLiteral("/../../../shared/fixtures/public/signatures/notation-go/") + QLatin1StringView(name));
    return f.open(QIODevice::ReadOnly) ? f.read(1 << 20) : QByteArray();
}

const Fixture &fixture()
{
    static const Fixture fx = [] {
        Fixture out;
        // Without the fixtures: a manifest descriptor of its own and an empty store (nothing verifies, every path
        // up to the chain check still runs).
        out.manifest.mediaType = QStringLiteral("application/vnd.oci.image.manifest.v1+json");
        out.manifest.digest = sha256Of(QByteArrayLiteral("{}"));
        out.manifest.size = 2;
        const QJsonObject index = QJsonDocument::fromJson(fixtureFile("oci-layout/index.json")).object();
        if (Result<Descriptor> d = Descriptor::fromJson(
                index.value(QStringLiteral("manifests")).toArray().at(0).toObject(), QStringLiteral("index.json")))
            out.manifest = d.value();
        const QJsonObject jws = QJsonDocument::fromJson(fixtureFile("jws_signature.sig")).object();
        const QByteArray leaf = QByteArray::fromBase64(jws.value(QStringLiteral("header"))
                                                           .toObject()
                                                           .value(QStringLiteral("x5c"))
                                                           .toArray()
                                                           .at(0)
                                                           .toString()
                                                           .toLatin1());
        if (Result<Certificate> c = Certificate::fromDer(leaf, QStringLiteral("notation-go x5c[0]")))
            out.store.certificates << c.value();
        out.store.path = QStringLiteral("fuzz/truststore/x509/ca/notation-go");
        return out;
    }();
    return fx;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const Fixture &fx = fixture();
    attached::NotationContent env;
    env.envelopeType = (data[0] & 1) ? QStringLiteral("application/cose") : QStringLiteral("application/jose+json");
    env.raw = QByteArray(reinterpret_cast<const char *>(data) + 1, static_cast<qsizetype>(size - 1));
    env.envelopeBytes = env.raw.size();
    const Verdict v = verifyNotationSignature(env, fx.manifest, fx.store);
    switch (v.state) {
    case VerdictState::Verified:
        // Only notation-go's own certificate is trusted and only its manifest is the subject: a verified verdict
        // names the chain, the signature and the target checks.
        STRATA_FUZZ_ASSERT(v.reason.isEmpty() && v.checks.size() >= 3);
        STRATA_FUZZ_ASSERT(!fx.store.certificates.isEmpty());
        break;
    case VerdictState::Failed:
    case VerdictState::NotChecked: STRATA_FUZZ_ASSERT(!v.reason.isEmpty()); break;
    }
    return 0;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQt();
    (void)fixture();
    return 0;
}
