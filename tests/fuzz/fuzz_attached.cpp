// SPDX-License-Identifier: MIT
// What is attached to what: an OCI archive whose index.json and manifests say it (subject fields, referrers-tag
// indexes, cosign tags, cosign save kinds, attestation entries, dangling subjects, self-tags and loops), opened
// and linked (attached::linkAttachments), checked as a tree (fuzzutil's checkGraph: every parent chain ends at
// the root, attached groups hold only artifacts), verified and reported as JSON.
#include "core/report/graphjson.h"
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
