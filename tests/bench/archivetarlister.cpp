// SPDX-License-Identifier: MIT
// libarchive-driven layer listing; entry rules (names, whiteouts, cap, duplicates) as TarStreamParser.
#include "tests/bench/archivetarlister.h"
#include "core/hasher.h"
#include "core/io/tarindex.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>
#include <vector>

using namespace Qt::StringLiterals;

namespace strata {

namespace {

struct Client
{
    ChunkSource *source = nullptr;
    qint64 pulled = 0;
    bool atEnd = false;
    std::optional<Error> sourceError;
};

la_ssize_t readChunk(struct archive *a, void *opaque, const void **buf)
{
    auto *c = static_cast<Client *>(opaque);
    if (c->atEnd)
        return 0;
    Result<QByteArrayView> r = c->source->next();
    if (!r) {
        c->sourceError = r.error();
        archive_set_error(a, EIO, "%s", qPrintable(r.error().toString()));
        return -1;
    }
    if (r->isEmpty()) {
        c->atEnd = true;
        return 0;
    }
    *buf = r->data();
    c->pulled += r->size();
    return static_cast<la_ssize_t>(r->size());
}

struct ArchiveFree
{
    void operator()(struct archive *a) const { archive_read_free(a); }
};

class Builder
{
public:
    explicit Builder(const ArchiveTarLister::Options &o) : m_opt(o) {}

    // Adds the entry (or records why not); the index of the new entry, or -1.
    qsizetype add(struct archive_entry *ae);
    void finish();

    LayerToc toc;

private:
    const ArchiveTarLister::Options &m_opt;
    std::vector<QString> m_seen;
};

qsizetype Builder::add(struct archive_entry *ae)
{
    if (toc.entries.size() >= m_opt.maxEntries) {
        if (!toc.capped) {
            toc.capped = true;
            toc.problems << u"more than %1 entries: the listing stops there (the diff_id still covers every byte)"_s
                                .arg(m_opt.maxEntries);
        }
        return -1;
    }
    const char *rawName = archive_entry_pathname(ae);
    const QString name = rawName ? QString::fromUtf8(rawName) : QString();
    QString raw = name;
    if (raw.startsWith(u'/'))
        raw = raw.mid(1);
    LayerEntry e;
    e.path = normaliseMemberName(raw);
    if (e.path.isEmpty()) {
        if (raw.isEmpty() || raw == u"." || raw == u"./")
            return -1; // the root directory itself
        toc.problems << u"entry \"%1\" has a name that leaves the layer; it is not listed"_s.arg(name.left(200));
        return -1;
    }
    if (e.path.size() > limits::MaxPathLength) {
        toc.problems << u"entry with a name of %1 characters is not listed"_s.arg(e.path.size());
        return -1;
    }
    e.mode = static_cast<quint32>(archive_entry_perm(ae) & 07777);
    e.uid = archive_entry_uid(ae);
    e.gid = archive_entry_gid(ae);
    e.mtime = archive_entry_mtime(ae);
    const char *hardlink = archive_entry_hardlink(ae);
    if (hardlink) {
        e.type = EntryType::Hardlink;
        e.linkTarget = QString::fromUtf8(hardlink);
    } else {
        switch (archive_entry_filetype(ae)) {
        case AE_IFREG:
            e.type = EntryType::File;
            e.size = archive_entry_size(ae);
            break;
        case AE_IFLNK:
            e.type = EntryType::Symlink;
            if (const char *t = archive_entry_symlink(ae))
                e.linkTarget = QString::fromUtf8(t);
            break;
        case AE_IFCHR: e.type = EntryType::CharDevice; break;
        case AE_IFBLK: e.type = EntryType::BlockDevice; break;
        case AE_IFDIR: e.type = EntryType::Directory; break;
        case AE_IFIFO: e.type = EntryType::Fifo; break;
        default: e.type = EntryType::Other; break;
        }
    }
    const QString base = e.path.mid(e.path.lastIndexOf(u'/') + 1);
    if (base == u".wh..wh..opq") {
        e.type = EntryType::Opaque;
    } else if (base.startsWith(u".wh.")) {
        if (base.size() == 4 || base == u".wh.." || base == u".wh...") {
            toc.problems << u"invalid whiteout \"%1\" (layer.md: a bare .wh. is invalid); ignored"_s.arg(e.path);
            return -1;
        }
        e.type = EntryType::Whiteout;
    }
    if (e.type == EntryType::Hardlink) {
        const QString target = normaliseMemberName(e.linkTarget.startsWith(u'/') ? e.linkTarget.mid(1) : e.linkTarget);
        if (target.isEmpty())
            toc.problems << u"hard link \"%1\" points outside the layer (\"%2\")"_s.arg(e.path, e.linkTarget.left(200));
    }
    if (e.type != EntryType::File)
        e.size = 0;
    else
        toc.fileBytes += e.size;
    m_seen.push_back(e.path);
    toc.entries.emplaceBack(std::move(e));
    return toc.entries.size() - 1;
}

void Builder::finish()
{
    std::sort(m_seen.begin(), m_seen.end());
    int reported = 0;
    for (size_t i = 1; i < m_seen.size() && reported < 20; ++i) {
        if (m_seen[i] == m_seen[i - 1] && (i < 2 || m_seen[i] != m_seen[i - 2])) {
            toc.problems << u"\"%1\" appears more than once in the layer (forbidden); the last one wins"_s.arg(
                m_seen[i]);
            ++reported;
        }
    }
    m_seen.clear();
}

QString brokenProblem(struct archive *a, qint64 entries)
{
    const char *msg = archive_error_string(a);
    const QString why = msg ? QString::fromUtf8(msg) : u"unknown error"_s;
    if (why.contains(u"Truncated"_s))
        return u"the layer's tar stream ends in the middle of an entry"_s;
    return u"the tar stream stops parsing after %1 entries (libarchive: %2); the rest is not listed"_s.arg(entries).arg(
        why);
}

} // namespace

Result<LayerToc> ArchiveTarLister::list(ChunkSource &source, const Options &opt)
{
    Client client;
    client.source = &source;
    std::unique_ptr<struct archive, ArchiveFree> a(archive_read_new());
    archive_read_support_format_tar(a.get());
    Builder b(opt);
    if (archive_read_open(a.get(), &client, nullptr, readChunk, nullptr) != ARCHIVE_OK) {
        if (client.sourceError)
            return *client.sourceError;
        // An empty stream is an empty layer (moby's emptyLayer.tar); anything else did not look like tar.
        if (client.pulled > 0)
            b.toc.problems << brokenProblem(a.get(), 0);
    } else {
        static const QByteArray emptyHash =
            QByteArray::fromHex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        Hasher hasher(DigestAlgorithm::Sha256);
        struct archive_entry *ae = nullptr;
        for (;;) {
            const int rc = archive_read_next_header(a.get(), &ae);
            if (rc == ARCHIVE_EOF)
                break;
            if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) { // RETRY (a damaged header), FATAL: stop there
                if (client.sourceError)
                    return *client.sourceError;
                b.toc.problems << brokenProblem(a.get(), b.toc.entries.size());
                break;
            }
            const qsizetype idx = b.add(ae);
            const bool isFile = idx >= 0 && b.toc.entries[idx].type == EntryType::File;
            const bool hashIt = isFile && opt.hashContents && b.toc.entries[idx].size > 0;
            if (isFile && opt.hashContents && b.toc.entries[idx].size == 0)
                b.toc.entries[idx].contentHash = emptyHash;
            const qsizetype dataEntry = idx >= 0 && opt.wantData && opt.wantData(b.toc.entries[idx]) ? idx : -1;
            if (!hashIt && dataEntry < 0) {
                if (archive_read_data_skip(a.get()) != ARCHIVE_OK) {
                    if (client.sourceError)
                        return *client.sourceError;
                    b.toc.problems << brokenProblem(a.get(), b.toc.entries.size());
                    break;
                }
                continue;
            }
            const void *p = nullptr;
            size_t n = 0;
            la_int64_t off = 0;
            int drc = ARCHIVE_OK;
            // Sparse files: libarchive skips the holes, which are zeros of the content.
            const auto zeros = [&](qint64 count) {
                static const char z[64 * 1024] = {};
                for (; count > 0; count -= qMin<qint64>(count, sizeof z)) {
                    const qint64 take = qMin<qint64>(count, sizeof z);
                    if (hashIt)
                        hasher.update(z, static_cast<size_t>(take));
                    if (dataEntry >= 0 && opt.onData)
                        opt.onData(dataEntry, z, take);
                }
            };
            qint64 pos = 0;
            while ((drc = archive_read_data_block(a.get(), &p, &n, &off)) == ARCHIVE_OK) {
                zeros(off - pos);
                pos = off + static_cast<qint64>(n);
                if (hashIt)
                    hasher.update(p, n);
                if (dataEntry >= 0 && opt.onData)
                    opt.onData(dataEntry, static_cast<const char *>(p), static_cast<qint64>(n));
            }
            if (drc != ARCHIVE_EOF) {
                (void)hasher.finishRawAndReset();
                if (client.sourceError)
                    return *client.sourceError;
                b.toc.problems << brokenProblem(a.get(), b.toc.entries.size());
                break;
            }
            if (idx >= 0)
                zeros(b.toc.entries[idx].size - pos); // a hole at the end
            if (hashIt)
                b.toc.entries[idx].contentHash = hasher.finishRawAndReset();
            if (dataEntry >= 0 && opt.onEntryDone)
                opt.onEntryDone(dataEntry);
        }
    }
    // The diff_id covers trailing bytes too: pull the rest of the stream (not parsed), so tarBytes
    // counts what the caller's hashing pass saw.
    while (!client.atEnd) {
        Result<QByteArrayView> r = source.next();
        if (!r)
            return r.error();
        if (r->isEmpty())
            break;
        client.pulled += r->size();
    }
    b.toc.tarBytes = client.pulled;
    b.finish();
    return std::move(b.toc);
}

} // namespace strata
