// SPDX-License-Identifier: MIT
// The body of the archive targets: the fuzz input is an archive file; open it as the given kind, check
// the graph, verify it on one thread with a small decompression cap, render the JSON report, and check
// that nothing was left in the temporary folder.
#pragma once

#include "core/report/graphjson.h"
#include "core/sources/sourceopener.h"
#include "core/verify/verifier.h"
#include "tests/fuzz/fuzzutil.h"

#include <QDir>
#include <QTemporaryDir>

#include <cstdlib>

namespace strata::fuzz {

// Points TMPDIR at a private empty folder, so leftovers can be seen.
inline QString privateTmp()
{
    static QTemporaryDir *dir = [] {
        const QString base = QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm") : QDir::tempPath();
        auto *d = new QTemporaryDir(base + QStringLiteral("/strata-fuzz-tmp-XXXXXX"));
        qputenv("TMPDIR", QFile::encodeName(d->path()));
        std::atexit([] { delete dir; });
        return d;
    }();
    return dir->path();
}

inline int fuzzArchive(SourceSpec::Kind kind, const uint8_t *data, size_t size)
{
    const QString tmp = privateTmp();
    const QString path = writeScratch(data, size, QStringLiteral("image.tar"));
    {
        SourceSpec spec;
        spec.kind = kind;
        spec.path = path;
        spec.text = path;
        const Result<ImageGraphPtr> g = SourceOpener::open(spec);
        if (!g) {
            checkError(g.error());
        } else {
            checkGraph(*g.value());
            VerifyOptions o;
            o.threads = 1;
            o.maxUncompressed = 64 * 1024 * 1024;
            const VerifyReport r = Verifier::run(*g.value(), o);
            for (const Problem &p : r.problems) {
                STRATA_FUZZ_ASSERT(!p.message.isEmpty());
                STRATA_FUZZ_ASSERT(!p.object.isEmpty());
            }
            (void)report::toJson(*g.value(), &r);
        }
    }
    // Opening creates files only in a private temporary folder, removed with the graph.
    STRATA_FUZZ_ASSERT(QDir(tmp).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot));
    return 0;
}

} // namespace strata::fuzz
