// SPDX-License-Identifier: MIT
// The registry storage folder reader: the input is a tar whose members become a folder under
// docker/registry/v2 (files, directories and symlinks, the links pointing wherever the input says),
// opened as registry-dir: and verified. Nothing outside the folder is read, nothing is written.
#include "core/io/filerange.h"
#include "core/io/tarindex.h"
#include "tests/fuzz/archivefuzz.h"

#include <QDir>
#include <QFile>

#include <unistd.h>

using namespace strata;

namespace {

// The folder the input becomes: recreated for every input, outside TMPDIR (which must stay empty).
QString storageRoot()
{
    static QTemporaryDir *dir = [] {
        const QString base = QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm") : QDir::tempPath();
        auto *d = new QTemporaryDir(base + QStringLiteral("/strata-fuzz-registry-XXXXXX"));
        std::atexit([] { delete dir; });
        return d;
    }();
    return dir->path() + QStringLiteral("/store");
}

// The harness must never write through a link the input made ("a" -> "/", then "a/etc/x").
bool noLinkOnTheWay(const QString &v2, const QString &name)
{
    QString path = v2;
    for (const QString &part : name.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        path += QLatin1Char('/') + part;
        if (QFileInfo(path).isSymLink())
            return false;
    }
    return true;
}

bool materialise(const QString &tarPath, const QString &v2)
{
    Result<std::shared_ptr<SharedFd>> fd = SharedFd::open(tarPath);
    if (!fd)
        return false;
    const Result<TarIndex> idx = TarIndex::build(fd.value());
    if (!idx)
        return false;
    int made = 0;
    for (const TarMember &m : idx->members) {
        if (m.name.isEmpty() || m.name.split(QLatin1Char('/')).contains(QStringLiteral("..")) || ++made > 64)
            continue; // unsafe names are the tar reader's business, tested elsewhere
        if (!noLinkOnTheWay(v2, m.name))
            continue;
        const QString path = v2 + QLatin1Char('/') + m.name;
        QDir().mkpath(QFileInfo(path).path());
        switch (m.type) {
        case TarMember::Type::Directory: QDir().mkpath(path); break;
        case TarMember::Type::Symlink:
        case TarMember::Type::Hardlink: // as a symlink: the reader must refuse both kinds of escape
            (void)::symlink(QFile::encodeName(m.linkTarget).constData(), QFile::encodeName(path).constData());
            break;
        case TarMember::Type::File: {
            QFile f(path);
            if (m.truncated || m.size > 256 * 1024 || !f.open(QIODevice::WriteOnly))
                break;
            QByteArray buf(int(m.size), Qt::Uninitialized);
            if (::pread(fd.value()->fd(), buf.data(), size_t(m.size), m.dataOffset) == m.size)
                f.write(buf);
            break;
        }
        default: break;
        }
    }
    return true;
}

} // namespace

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t maxSize, unsigned int seed)
{
    return fuzz::mutateTar(data, size, maxSize, seed);
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString tmp = fuzz::privateTmp();
    const QString root = storageRoot();
    QDir(root).removeRecursively();
    const QString v2 = root + QStringLiteral("/docker/registry/v2");
    QDir().mkpath(v2);
    if (!materialise(fuzz::writeScratch(data, size, QStringLiteral("store.tar")), v2))
        return 0;
    {
        const Result<ImageGraphPtr> g = SourceOpener::open(QStringLiteral("registry-dir:") + root);
        if (!g) {
            fuzz::checkError(g.error());
        } else {
            fuzz::checkGraph(*g.value());
            VerifyOptions o;
            o.threads = 1;
            o.maxUncompressed = 64 * 1024 * 1024;
            const VerifyReport r = Verifier::run(*g.value(), o);
            for (const Problem &p : r.problems)
                STRATA_FUZZ_ASSERT(!p.message.isEmpty() && !p.object.isEmpty());
            (void)report::toJson(*g.value(), &r);
        }
    }
    STRATA_FUZZ_ASSERT(QDir(tmp).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot));
    return 0;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    strata::fuzz::quietQt();
    strata::fuzz::privateTmp();
    return 0;
}
