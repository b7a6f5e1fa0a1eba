// SPDX-License-Identifier: MIT
// A whole docker-archive (docker save) file: SourceOpener::open + Verifier::run.
#include "tests/fuzz/archivefuzz.h"

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t maxSize, unsigned int seed)
{
    return strata::fuzz::mutateTar(data, size, maxSize, seed);
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return strata::fuzz::fuzzArchive(strata::SourceSpec::Kind::DockerArchive, data, size);
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    strata::fuzz::quietQt();
    strata::fuzz::privateTmp();
    return 0;
}
