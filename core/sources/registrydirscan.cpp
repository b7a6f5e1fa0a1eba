// SPDX-License-Identifier: MIT
// Registry storage walk: every name is checked against the layout before it is used (distribution
// registry/storage/paths.go), and only regular files and real directories are followed (ggcr pkg/v1/layout/blob.go).
#include "core/sources/registrydirscan.h"
#include "core/io/dircontainer.h"
#include "core/sources/registrydirpath.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace strata {

const RegistryRepository *RegistryInventory::repository(const QString &name) const
{
    for (const RegistryRepository &r : repositories) {
        if (r.name == name)
            return &r;
    }
    return nullptr;
}

int RegistryInventory::tagCount() const
{
    int n = 0;
    for (const RegistryRepository &r : repositories)
        n += static_cast<int>(r.tags.size());
    return n;
}

namespace registrydir {

QString blobDataPath(const Digest &d)
{
    if (!d.isVerifiable())
        return {};
    return u"blobs/%1/%2/%3/data"_s.arg(d.algorithmName(), d.encoded().left(2), d.encoded());
}

namespace {

constexpr qint64 MaxEntries = 1000000;
constexpr int MaxRepositoryDepth = 32;
constexpr qint64 LinkBytes = 1024;

struct Entry
{
    QString name;
    bool isDir = false;
};

// Lists a folder beneath the root, walking each component with O_NOFOLLOW from the root's descriptor.
class Walker
{
public:
    explicit Walker(const std::shared_ptr<DirContainer> &c) : m_c(c)
    {
        m_root = ::open(QFile::encodeName(c->path()).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    }
    ~Walker()
    {
        if (m_root >= 0)
            ::close(m_root);
    }
    Q_DISABLE_COPY_MOVE(Walker)

    bool ok() const { return m_root >= 0; }
    qint64 entries = 0;
    QStringList problems;

    // Sub-folders of `rel`; symlinks and other non-folders are reported when `onlyDirs`.
    Result<QList<Entry>> list(const QString &rel, bool onlyDirs)
    {
        int dir = ::dup(m_root);
        for (const QString &part : rel.split(u'/', Qt::SkipEmptyParts)) {
            const int next =
                ::openat(dir, QFile::encodeName(part).constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            const int err = errno;
            ::close(dir);
            if (next < 0)
                return makeError(err == ENOENT                    ? ErrorCode::NotFound
                                 : err == ELOOP || err == ENOTDIR ? ErrorCode::UnsafePath
                                                                  : ErrorCode::Io,
                                 QString::fromLocal8Bit(std::strerror(err)), m_c->path() + u'/' + rel);
            dir = next;
        }
        DIR *d = ::fdopendir(dir);
        if (!d) {
            ::close(dir);
            return makeError(ErrorCode::Io, QString::fromLocal8Bit(std::strerror(errno)), m_c->path() + u'/' + rel);
        }
        QList<Entry> out;
        while (dirent *e = ::readdir(d)) {
            if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0)
                continue;
            if (++entries > MaxEntries) {
                ::closedir(d);
                return makeError(ErrorCode::TooLarge, u"more than %1 entries in the storage folder"_s.arg(MaxEntries),
                                 m_c->path());
            }
            unsigned char type = e->d_type;
            if (type == DT_UNKNOWN) {
                struct stat st
                {
                };
                if (::fstatat(::dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0)
                    type = S_ISDIR(st.st_mode)   ? DT_DIR
                           : S_ISLNK(st.st_mode) ? DT_LNK
                           : S_ISREG(st.st_mode) ? DT_REG
                                                 : DT_UNKNOWN;
            }
            const QString name = QFile::decodeName(e->d_name);
            if (onlyDirs && type != DT_DIR) {
                problems << u"%1/%2: %3; not followed"_s.arg(
                    rel, name.left(200),
                    type == DT_LNK ? u"a symbolic link where a folder belongs"_s : u"not a folder"_s);
                continue;
            }
            out << Entry{name, type == DT_DIR};
        }
        ::closedir(d);
        std::sort(out.begin(), out.end(), [](const Entry &a, const Entry &b) { return a.name < b.name; });
        return out;
    }

    // The modification time of `rel` (not following a link), its folders walked as list() does.
    QDateTime modified(const QString &rel)
    {
        const qsizetype slash = rel.lastIndexOf(u'/');
        int dir = ::dup(m_root);
        for (const QString &part : rel.left(qMax<qsizetype>(slash, 0)).split(u'/', Qt::SkipEmptyParts)) {
            const int next =
                ::openat(dir, QFile::encodeName(part).constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            ::close(dir);
            if (next < 0)
                return {};
            dir = next;
        }
        struct stat st
        {
        };
        const bool ok =
            ::fstatat(dir, QFile::encodeName(rel.mid(slash + 1)).constData(), &st, AT_SYMLINK_NOFOLLOW) == 0;
        ::close(dir);
        if (!ok)
            return {};
        return QDateTime::fromMSecsSinceEpoch(qint64(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000, Qt::UTC);
    }

    // Reads a link file: exactly one digest, checked with the OCI grammar.
    std::optional<Digest> readLink(const QString &rel)
    {
        Result<QByteArray> raw = m_c->readSmall(rel, LinkBytes);
        if (!raw) {
            problems << u"%1: cannot be read (%2)"_s.arg(rel, raw.error().message);
            return std::nullopt;
        }
        const QString text = QString::fromUtf8(raw.value()).trimmed();
        Result<Digest> d = Digest::parse(text);
        if (!d || !d->isVerifiable()) {
            problems << u"%1: holds \"%2\", not a digest Strata can verify; ignored"_s.arg(rel, text.left(100));
            return std::nullopt;
        }
        return d.value();
    }

    // ALG/HEX/link pairs under `rel` (revisions, layers), each name checked against its link's content.
    QList<RegistryLink> digestLinks(const QString &rel)
    {
        QList<RegistryLink> out;
        Result<QList<Entry>> algs = list(rel, true);
        if (!algs)
            return out;
        for (const Entry &alg : algs.value()) {
            Result<QList<Entry>> hexes = list(rel + u'/' + alg.name, true);
            if (!hexes)
                continue;
            for (const Entry &hex : hexes.value()) {
                const QString dir = rel + u'/' + alg.name + u'/' + hex.name;
                Result<Digest> named = Digest::parse(QString(alg.name + u':' + hex.name));
                if (!named || !named->isVerifiable()) {
                    problems << u"%1: not a digest folder; ignored"_s.arg(dir.left(300));
                    continue;
                }
                const std::optional<Digest> d = readLink(dir + u"/link"_s);
                if (!d)
                    continue;
                if (!(*d == named.value())) {
                    problems << u"%1/link: holds %2 but its folder is named %3; ignored"_s.arg(dir, d->toString(),
                                                                                               named->toString());
                    continue;
                }
                out << RegistryLink{*d, dir + u"/link"_s, {}};
            }
        }
        return out;
    }

private:
    std::shared_ptr<DirContainer> m_c;
    int m_root = -1;
};

Status scanRepositories(Walker &w, RegistryInventory &inv, const QString &rel, const QString &name, int depth,
                        JobContext *job)
{
    if (job && job->isCanceled())
        return makeError(ErrorCode::Canceled, u"canceled"_s);
    Result<QList<Entry>> children = w.list(rel, true);
    if (!children)
        return children.error().code == ErrorCode::TooLarge || children.error().code == ErrorCode::Canceled
                   ? Status(children.error())
                   : Status(Ok{});
    const bool isRepo =
        std::any_of(children->begin(), children->end(), [](const Entry &e) { return e.name == u"_manifests"; });
    if (isRepo && !name.isEmpty()) {
        RegistryRepository repo;
        repo.name = name;
        const QString tagsDir = rel + u"/_manifests/tags"_s;
        if (Result<QList<Entry>> tags = w.list(tagsDir, true)) {
            for (const Entry &t : tags.value()) {
                if (!isValidTag(t.name)) {
                    w.problems << u"%1/%2: not a valid tag name; ignored"_s.arg(tagsDir, t.name.left(200));
                    continue;
                }
                const QString link = tagsDir + u'/' + t.name + u"/current/link"_s;
                if (const std::optional<Digest> d = w.readLink(link))
                    repo.tags << qMakePair(t.name, RegistryLink{*d, link, w.modified(link)});
                QList<RegistryLink> history = w.digestLinks(tagsDir + u'/' + t.name + u"/index"_s);
                for (RegistryLink &h : history)
                    h.modified = w.modified(h.file);
                std::stable_sort(history.begin(), history.end(),
                                 [](const RegistryLink &a, const RegistryLink &b) { return a.modified > b.modified; });
                if (!history.isEmpty())
                    repo.tagHistory.insert(t.name, history);
            }
        }
        repo.revisions = w.digestLinks(rel + u"/_manifests/revisions"_s);
        repo.layers = w.digestLinks(rel + u"/_layers"_s);
        inv.repositories << repo;
    }
    for (const Entry &e : children.value()) {
        if (e.name.startsWith(u'_'))
            continue; // _manifests, _layers, _uploads
        if (!isValidRepositoryComponent(e.name)) {
            w.problems << u"%1/%2: not a valid repository name; ignored"_s.arg(rel, e.name.left(200));
            continue;
        }
        if (depth >= MaxRepositoryDepth) {
            w.problems << u"%1: repositories nested deeper than %2 levels; not followed"_s.arg(
                rel, QString::number(MaxRepositoryDepth));
            continue;
        }
        const QString child = name.isEmpty() ? e.name : name + u'/' + e.name;
        if (Status s = scanRepositories(w, inv, rel + u'/' + e.name, child, depth + 1, job); !s)
            return s;
    }
    return Ok{};
}

Status scanBlobs(Walker &w, const DirContainer &c, RegistryInventory &inv, JobContext *job)
{
    Result<QList<Entry>> algs = w.list(u"blobs"_s, true);
    if (!algs)
        return algs.error().code == ErrorCode::NotFound ? Status(Ok{}) : Status(algs.error());
    for (const Entry &alg : algs.value()) {
        Result<QList<Entry>> prefixes = w.list(u"blobs/"_s + alg.name, true);
        if (!prefixes)
            continue;
        for (const Entry &pre : prefixes.value()) {
            if (job && job->isCanceled())
                return makeError(ErrorCode::Canceled, u"canceled"_s);
            const QString preDir = u"blobs/"_s + alg.name + u'/' + pre.name;
            Result<QList<Entry>> hexes = w.list(preDir, true);
            if (!hexes) {
                if (hexes.error().code == ErrorCode::TooLarge)
                    return hexes.error();
                continue;
            }
            for (const Entry &hex : hexes.value()) {
                Result<Digest> d = Digest::parse(QString(alg.name + u':' + hex.name));
                if (!d || !d->isVerifiable() || !hex.name.startsWith(pre.name) || pre.name.size() != 2) {
                    w.problems << u"%1/%2: not a blob folder (blobs/ALG/HH/HEX); ignored"_s.arg(preDir,
                                                                                                hex.name.left(200));
                    continue;
                }
                Result<MemberStat> st = c.stat(blobDataPath(d.value()));
                if (!st) {
                    if (st.error().code != ErrorCode::NotFound)
                        w.problems << u"%1: %2; not read"_s.arg(blobDataPath(d.value()), st.error().message);
                    continue; // an empty blob folder: the blob is absent, as links to it will show
                }
                inv.blobs.insert(d.value(), st->size);
                inv.blobOrder << d.value();
            }
        }
    }
    return Ok{};
}

} // namespace

Result<RegistryInventory> scan(const std::shared_ptr<DirContainer> &v2, JobContext *job)
{
    RegistryInventory inv;
    inv.v2Root = v2->path();
    Walker w(v2);
    if (!w.ok())
        return makeError(ErrorCode::Io, u"cannot open the folder"_s, v2->path());
    Result<QList<Entry>> top = w.list(QString(), false);
    if (!top)
        return top.error();
    const bool hasRepos =
        std::any_of(top->begin(), top->end(), [](const Entry &e) { return e.name == u"repositories" && e.isDir; });
    const bool hasBlobs =
        std::any_of(top->begin(), top->end(), [](const Entry &e) { return e.name == u"blobs" && e.isDir; });
    if (!hasRepos && !hasBlobs)
        return makeError(ErrorCode::NotAnImage,
                         u"neither repositories/ nor blobs/ is here: not a registry's storage folder"_s, v2->path());
    if (hasRepos) {
        if (Status s = scanRepositories(w, inv, u"repositories"_s, QString(), 0, job); !s)
            return s.error();
    }
    if (Status s = scanBlobs(w, *v2, inv, job); !s)
        return s.error();
    std::sort(inv.repositories.begin(), inv.repositories.end(),
              [](const RegistryRepository &a, const RegistryRepository &b) { return a.name < b.name; });
    std::sort(inv.blobOrder.begin(), inv.blobOrder.end(),
              [](const Digest &a, const Digest &b) { return a.toString() < b.toString(); });
    inv.problems = w.problems;
    return inv;
}

Result<OpenedStorage> openStorage(const QString &path, JobContext *job)
{
    if (!QFileInfo::exists(path))
        return makeError(ErrorCode::NotFound, u"no such folder"_s, path);
    const QString v2 = v2Root(path);
    if (v2.isEmpty())
        return makeError(ErrorCode::NotAnImage, u"not a registry's storage folder: it holds no docker/registry/v2"_s,
                         path);
    Result<std::shared_ptr<DirContainer>> dir = DirContainer::openFolder(v2);
    if (!dir)
        return dir.error();
    Result<RegistryInventory> inv = scan(dir.value(), job);
    if (!inv)
        return inv.error();
    return OpenedStorage{dir.value(), std::move(inv).value()};
}

} // namespace registrydir

} // namespace strata
