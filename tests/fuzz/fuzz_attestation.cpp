// SPDX-License-Identifier: MIT
// Attached artifacts: DSSE envelopes, in-toto statements (raw, in DSSE, in a Sigstore bundle), SLSA provenance
// summaries of any predicate, and SPDX / CycloneDX documents, raw and as predicates; all from bytes an image's
// author controls. Bounded by attestationlimits.h, no crash, and nothing claimed that the bytes do not hold.
#include "core/attestations/attestationlimits.h"
#include "core/attestations/dsseenvelope.h"
#include "core/attestations/intotostatement.h"
#include "core/attestations/predicatekind.h"
#include "core/attestations/provenancesummary.h"
#include "core/attestations/sbomdocument.h"
#include "tests/fuzz/fuzzutil.h"

using namespace strata;

namespace {

void checkSbom(const Result<SbomDocument> &d)
{
    if (!d) {
        fuzz::checkError(d.error());
        return;
    }
    STRATA_FUZZ_ASSERT(d->packages.size() <= size_t(limits::MaxPackages));
    STRATA_FUZZ_ASSERT(d->packageCount >= qsizetype(d->packages.size()));
    STRATA_FUZZ_ASSERT(d->truncated == (d->packageCount > limits::MaxPackages));
    STRATA_FUZZ_ASSERT(!d->truncated || !d->problems.isEmpty());
    STRATA_FUZZ_ASSERT(!d->kindName().isEmpty() && !d->mediaType().isEmpty());
}

void checkProvenance(const InTotoStatement &s, const QString &type)
{
    const Result<ProvenanceSummary> p = summariseProvenance(type, s.predicate, QStringLiteral("fuzz/provenance"));
    if (!p) {
        fuzz::checkError(p.error());
        return;
    }
    STRATA_FUZZ_ASSERT(p->materials.size() <= limits::MaxMaterials);
    STRATA_FUZZ_ASSERT(p->materialCount >= p->materials.size());
    STRATA_FUZZ_ASSERT(p->parameters.size() <= 100);
    STRATA_FUZZ_ASSERT(!p->slsaVersion.isEmpty());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const Result<DsseEnvelope> e = parseDsseEnvelope(bytes, QStringLiteral("fuzz/envelope"));
    if (e) {
        STRATA_FUZZ_ASSERT(e->signatures.size() <= limits::MaxEnvelopeSignatures);
        STRATA_FUZZ_ASSERT(e->signatureCount >= e->signatures.size());
        STRATA_FUZZ_ASSERT(e->payload.size() <= bytes.size()); // base64 only shrinks
        STRATA_FUZZ_ASSERT(dssePae(e->payloadType, e->payload).startsWith("DSSEv1 "));
    } else {
        fuzz::checkError(e.error());
    }
    const Result<InTotoStatement> s = parseAttestation(bytes, QStringLiteral("fuzz/attestation"));
    if (s) {
        STRATA_FUZZ_ASSERT(s->subjects.size() <= limits::MaxSubjects);
        STRATA_FUZZ_ASSERT(s->subjectCount >= s->subjects.size());
        STRATA_FUZZ_ASSERT(!s->subjectsTruncated() || !s->problems.isEmpty());
        if (!s->subjects.isEmpty())
            (void)s->subjectIndexFor(QStringLiteral("sha256:") +
                                     s->subjects.first().digest.value(QStringLiteral("sha256")));
        const PredicateClass c = classifyPredicate(s->predicateType);
        STRATA_FUZZ_ASSERT(!c.displayName.isEmpty());
        // Every predicate through both provenance readers, and through the SBOM readers.
        checkProvenance(s.value(), QLatin1StringView(SlsaProvenanceV02));
        checkProvenance(s.value(), QLatin1StringView(SlsaProvenanceV1));
        checkSbom(sbomFromStatement(s.value(), QStringLiteral("fuzz/predicate")));
    } else {
        fuzz::checkError(s.error());
    }
    checkSbom(parseSbom(bytes, QStringLiteral("fuzz/sbom.json")));
    (void)classifyPredicate(QString::fromUtf8(bytes.left(600)));
    (void)decodeDsseBase64(QString::fromLatin1(bytes.left(4096)));
    return 0;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQt();
    return 0;
}
