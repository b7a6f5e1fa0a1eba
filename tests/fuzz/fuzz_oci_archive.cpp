// SPDX-License-Identifier: MIT
// A whole OCI archive file: SourceOpener::open + Verifier::run. Built twice (tests/fuzz/CMakeLists.txt):
// fuzz_oci_archive with archive seeds, fuzz_attached with archives whose index.json and manifests attach artifacts
// every way (subject fields, referrers-tag indexes, cosign tags, cosign save kinds, attestation entries, dangling
// subjects, self-tags and loops), which fuzzArchive opens, links (attached::linkAttachments), checks as a tree
// (fuzzutil's checkGraph: every parent chain ends at the root, attached groups hold only artifacts), verifies and
// reports as JSON.
#include "tests/fuzz/archivefuzz.h"

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t maxSize, unsigned int seed)
{
    return strata::fuzz::mutateTar(data, size, maxSize, seed);
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return strata::fuzz::fuzzArchive(strata::SourceSpec::Kind::OciArchive, data, size);
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    strata::fuzz::quietQt();
    strata::fuzz::privateTmp();
    return 0;
}
