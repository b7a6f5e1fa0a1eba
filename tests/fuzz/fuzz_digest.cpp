// SPDX-License-Identifier: MIT
// Digest::parse and the member-name ↔ digest mapping: only grammatical, lower-case digests of a
// computable algorithm may ever become a path (image-spec descriptor.md §Digests; CVE-2024-3727).
#include "core/digest.h"
#include "core/io/tarindex.h"
#include "core/sources/blobpaths.h"
#include "tests/fuzz/fuzzutil.h"

using namespace Qt::StringLiterals;
using namespace strata;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const Result<Digest> d = Digest::parse(text);
    if (!d) {
        // The error names the input (callers add where it came from); the empty string names nothing.
        STRATA_FUZZ_ASSERT(!d.error().message.isEmpty());
        STRATA_FUZZ_ASSERT(text.isEmpty() || text.startsWith(d.error().context.left(200)));
        STRATA_FUZZ_ASSERT(d.error().code == ErrorCode::Malformed);
    } else {
        const Digest &v = d.value();
        STRATA_FUZZ_ASSERT(v.toString() == text);
        STRATA_FUZZ_ASSERT(!v.isNull());
        STRATA_FUZZ_ASSERT(!v.encoded().contains(u'/') && !v.encoded().contains(u'.'));
        const QString path = ociBlobPath(v);
        if (v.isVerifiable()) {
            STRATA_FUZZ_ASSERT(path.startsWith(u"blobs/"_s));
            STRATA_FUZZ_ASSERT(normaliseMemberName(path) == path);
            const qsizetype hexLen = v.algorithm() == DigestAlgorithm::Sha256 ? 64 : 128;
            STRATA_FUZZ_ASSERT(v.encoded().size() == hexLen);
            for (QChar c : v.encoded())
                STRATA_FUZZ_ASSERT((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f'));
            // The path maps back to the same digest.
            const std::optional<Digest> back = digestFromMemberName(path);
            STRATA_FUZZ_ASSERT(back && *back == v);
        } else {
            STRATA_FUZZ_ASSERT(path.isEmpty());
        }
        (void)v.shortString();
        (void)qHash(v);
    }
    // Whatever a member name claims, the digest it yields is grammatical.
    if (const std::optional<Digest> m = digestFromMemberName(text)) {
        STRATA_FUZZ_ASSERT(Digest::parse(m->toString()).ok());
    }
    return 0;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQt();
    return 0;
}
