// SPDX-License-Identifier: MIT
// containers-policy.json(5): parsePolicy's bounds and invariants, then scope selection and evaluation over what it
// accepted (a checker that verifies nothing), and the Docker reference grammar on the same bytes.
#include "core/trust/dockerreference.h"
#include "core/trust/policy.h"
#include "core/trust/policyevaluation.h"
#include "core/trust/policylimits.h"
#include "tests/fuzz/fuzzutil.h"

using namespace Qt::StringLiterals;
using namespace strata;
using namespace strata::trust;

namespace {

struct NothingVerifies final : SignatureChecker
{
    Verdict gpg(const StoredSignature &, const QStringList &, const QByteArray &) override
    {
        return Verdict::notChecked(u"fuzz"_s);
    }
    Verdict sigstore(const StoredSignature &, const SigstoreRequirement &) override
    {
        return Verdict::notChecked(u"fuzz"_s);
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray raw(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const QString ctx = u"fuzz-policy.json"_s;

    // The reference grammar: what parses prints back to a canonical form that parses to itself.
    const QString text = QString::fromUtf8(raw.left(600)).section(u'\n', 0, 0);
    if (Result<DockerReference> r = DockerReference::parseNormalized(text)) {
        const Result<DockerReference> again = DockerReference::parseCanonical(r->toString());
        STRATA_FUZZ_ASSERT(again.ok() && again->toString() == r->toString());
    }

    const Result<Policy> p = parsePolicy(raw, ctx);
    if (!p) {
        fuzz::checkError(p.error());
        STRATA_FUZZ_ASSERT(p.error().context == ctx);
        STRATA_FUZZ_ASSERT(p.error().code == ErrorCode::Malformed || p.error().code == ErrorCode::TooLarge);
        return 0;
    }
    STRATA_FUZZ_ASSERT(size <= size_t(limits::PolicyBytes));
    STRATA_FUZZ_ASSERT(!p->defaultRequirements.isEmpty());
    qint64 scopes = 0;
    for (auto t = p->transports.begin(); t != p->transports.end(); ++t)
        for (auto s = t->begin(); s != t->end(); ++s) {
            ++scopes;
            STRATA_FUZZ_ASSERT(!s->isEmpty() && s->size() <= limits::MaxPolicyRequirements);
            STRATA_FUZZ_ASSERT(s.key().isEmpty() || policyScopeProblem(t.key(), s.key()).isEmpty());
        }
    STRATA_FUZZ_ASSERT(scopes <= limits::MaxPolicyScopes);

    NothingVerifies checker;
    StoredSignature gpg;
    gpg.format = StoredSignature::Format::SimpleSigningGpg;
    const Digest digest = Digest::parse(QString(u"sha256:"_s + QString(64, u'a'))).value();
    for (const PolicyImage &image :
         {PolicyImage{u"docker"_s, u"//example.com/ns/app:v1"_s}, PolicyImage{u"docker"_s, u"busybox"_s},
          PolicyImage{u"dir"_s, u"/tmp"_s}, PolicyImage{u"oci"_s, u"/tmp:v1"_s}}) {
        const PolicyVerdict v = evaluatePolicy(p.value(), image, digest, {gpg}, checker);
        STRATA_FUZZ_ASSERT(!v.scope.isEmpty() && !v.reason.isEmpty());
        // Nothing verifies: only a scope without signature requirements can accept.
        if (v.accepted)
            for (const Verdict &s : v.signatures)
                STRATA_FUZZ_ASSERT(!s.verified());
    }
    return 0;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQt();
    return 0;
}
