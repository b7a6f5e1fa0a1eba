// SPDX-License-Identifier: MIT
// The gzip decompressor (streamed, multi-member), as layers and outer archives use it.
#include "tests/fuzz/decompressfuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return strata::fuzz::fuzzDecompressor(strata::mediatype::Compression::Gzip, data, size);
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    strata::fuzz::quietQt();
    return 0;
}
