// SPDX-License-Identifier: MIT
// The outer-archive tar index and member resolution: names are keys, never host paths; links resolve
// at most one level and only inside the archive; a header's claims never exceed the file.
#include "core/io/tarcontainer.h"
#include "core/io/tarindex.h"
#include "tests/fuzz/fuzzutil.h"

using namespace Qt::StringLiterals;
using namespace strata;

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t maxSize, unsigned int seed)
{
    return fuzz::mutateTar(data, size, maxSize, seed);
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString path = fuzz::writeScratch(data, size, u"in.tar"_s);
    Result<std::shared_ptr<SharedFd>> fd = SharedFd::open(path);
    STRATA_FUZZ_ASSERT(fd.ok());
    const Result<TarIndex> idx = TarIndex::build(fd.value());
    if (!idx) {
        fuzz::checkError(idx.error());
        return 0;
    }
    const qint64 fileSize = qint64(size);
    for (const TarMember &m : idx->members) {
        if (!m.name.isEmpty()) {
            STRATA_FUZZ_ASSERT(normaliseMemberName(m.name) == m.name);
            STRATA_FUZZ_ASSERT(!m.name.split(u'/').contains(u".."_s));
        }
        STRATA_FUZZ_ASSERT(m.size >= 0 && m.dataOffset >= 512);
        if (!m.truncated)
            STRATA_FUZZ_ASSERT(m.dataOffset + m.size <= fileSize);
    }
    for (auto it = idx->byName.begin(); it != idx->byName.end(); ++it)
        STRATA_FUZZ_ASSERT(it.value() >= 0 && it.value() < idx->members.size() &&
                           idx->members[it.value()].name == it.key());

    // The same bytes as a container: every member name, as given and as its link target says.
    const Result<std::shared_ptr<TarContainer>> c = TarContainer::openArchive(path);
    if (!c) {
        fuzz::checkError(c.error());
        return 0;
    }
    for (const Error &e : c.value()->structuralProblems())
        fuzz::checkError(e);
    QStringList names;
    for (const TarMember &m : c.value()->index().members)
        names << m.rawName << m.name << m.linkTarget;
    names << c.value()->list(QString());
    char buf[4096];
    for (const QString &n : std::as_const(names)) {
        const Result<MemberStat> st = c.value()->stat(n);
        if (!st) {
            fuzz::checkError(st.error());
            continue;
        }
        STRATA_FUZZ_ASSERT(normaliseMemberName(st->resolved) == st->resolved);
        const TarMember *t = c.value()->index().find(st->resolved);
        STRATA_FUZZ_ASSERT(t && t->type == TarMember::Type::File);
        Result<ByteStreamPtr> s = c.value()->open(n);
        STRATA_FUZZ_ASSERT(s.ok());
        for (int i = 0; i < 64; ++i) {
            const Result<qint64> r = s.value()->read(buf, sizeof buf);
            if (!r) {
                fuzz::checkError(r.error());
                break;
            }
            if (r.value() == 0)
                break;
        }
    }
    return 0;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQt();
    return 0;
}
