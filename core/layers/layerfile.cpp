// SPDX-License-Identifier: MIT
// Reading single files out of layer streams.
#include "core/layers/layerfile.h"
#include "core/io/decompressor.h"
#include "core/io/tarindex.h"
#include "core/layers/tarstreamparser.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace strata {

namespace {

// Streams the layer through the parser until `done` says stop. The sink receives the wanted data.
Status streamLayer(const ImageGraph &g, int layerNode, TarStreamParser &parser, const bool &done, JobContext *job)
{
    const Node &n = g.nodes[layerNode];
    if (!n.present)
        return makeError(ErrorCode::NotFound, u"the layer is not in the source"_s, g.describe(layerNode));
    Result<ByteStreamPtr> s = g.container->open(n.member);
    if (!s)
        return s.error();
    std::vector<char> buf(1 << 20);
    std::unique_ptr<Decompressor> dec;
    bool first = true;
    const auto feed = [&](const char *p, qint64 len) -> Status { return parser.feed(p, len); };
    while (!done) {
        if (job && job->isCanceled())
            return makeError(ErrorCode::Canceled, u"canceled"_s);
        Result<qint64> r = s.value()->read(buf.data(), static_cast<qint64>(buf.size()));
        if (!r)
            return r.error();
        if (r.value() == 0)
            break;
        if (first) {
            first = false;
            const auto c = sniffCompression(buf.data(), r.value());
            if (c != mediatype::Compression::None) {
                dec = Decompressor::create(c);
                if (!dec)
                    return makeError(ErrorCode::Unsupported,
                                     u"%1-compressed layers cannot be read"_s.arg(mediatype::compressionName(c)),
                                     g.describe(layerNode));
            }
        }
        Status st = dec ? dec->feed(buf.data(), r.value(), feed) : feed(buf.data(), r.value());
        if (!st) {
            Error e = st.error();
            e.context = g.describe(layerNode);
            return e;
        }
        if (job)
            job->addProgress(r.value());
    }
    return Ok{};
}

QString normalisePath(QString p)
{
    while (p.startsWith(u'/'))
        p = p.mid(1);
    return normaliseMemberName(p);
}

// Reads `path` with `sink` getting its bytes; follows one hard link inside the layer.
Result<LayerEntry> readInto(const ImageGraph &g, int layerNode, const QString &path,
                            const std::function<bool(const char *, qint64)> &sink, JobContext *job, int depth = 0)
{
    const QString want = normalisePath(path);
    if (want.isEmpty())
        return makeError(ErrorCode::UnsafePath, u"the path \"%1\" leaves the layer"_s.arg(path), g.describe(layerNode));
    std::optional<LayerEntry> found;
    bool done = false;
    TarStreamParser::Options o;
    o.hashContents = false;
    o.wantData = [&](const LayerEntry &e) {
        if (e.path != want || found)
            return false;
        found = e;
        return e.type == EntryType::File;
    };
    o.onData = [&](qsizetype, const char *p, qint64 len) {
        if (!sink(p, len))
            done = true;
    };
    o.onEntryDone = [&](qsizetype) { done = true; };
    TarStreamParser parser(o);
    if (Status s = streamLayer(g, layerNode, parser, done, job); !s)
        return s.error();
    if (!found)
        return makeError(ErrorCode::NotFound, u"the layer has no \"%1\""_s.arg(want), g.describe(layerNode));
    if (found->type == EntryType::Hardlink && depth == 0) {
        const QString target = normalisePath(found->linkTarget);
        if (target.isEmpty())
            return makeError(ErrorCode::UnsafePath, u"\"%1\" is a hard link out of the layer"_s.arg(want),
                             g.describe(layerNode));
        return readInto(g, layerNode, target, sink, job, 1);
    }
    if (found->type == EntryType::Symlink) {
        const QByteArray text = found->linkTarget.toUtf8();
        sink(text.constData(), text.size());
        return *found;
    }
    if (found->type != EntryType::File)
        return makeError(ErrorCode::NotFound,
                         u"\"%1\" is a %2, not a regular file"_s.arg(want, entryTypeName(found->type)),
                         g.describe(layerNode));
    return *found;
}

} // namespace

Result<LayerFileContent> readLayerFile(const ImageGraph &g, int layerNode, const QString &path, qint64 maxBytes,
                                       JobContext *job)
{
    LayerFileContent out;
    const auto sink = [&](const char *p, qint64 len) {
        const qint64 room = maxBytes - out.data.size();
        out.data.append(p, qMin(room, len));
        if (len > room) {
            out.truncated = true;
            return false;
        }
        return true;
    };
    Result<LayerEntry> e = readInto(g, layerNode, path, sink, job);
    if (!e)
        return e.error();
    out.size = e->type == EntryType::Symlink ? out.data.size() : e->size;
    out.truncated = out.truncated || out.data.size() < out.size;
    return out;
}

Status saveLayerFile(const ImageGraph &g, int layerNode, const QString &path, const QString &destination,
                     JobContext *job)
{
    const int fd =
        ::open(QFile::encodeName(destination).constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0)
        return makeError(ErrorCode::Io, QString::fromLocal8Bit(std::strerror(errno)), destination);
    bool failed = false;
    const auto sink = [&](const char *p, qint64 len) {
        while (len > 0 && !failed) {
            const ssize_t w = ::write(fd, p, static_cast<size_t>(len));
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0) {
                failed = true;
                break;
            }
            p += w;
            len -= w;
        }
        return !failed;
    };
    Result<LayerEntry> e = readInto(g, layerNode, path, sink, job);
    const bool closed = ::close(fd) == 0;
    if (!e || failed || !closed) {
        ::unlink(QFile::encodeName(destination).constData());
        return e ? makeError(ErrorCode::Io, u"cannot write the file"_s, destination) : e.error();
    }
    return Ok{};
}

QString pathActionName(PathChange::Action a)
{
    switch (a) {
    case PathChange::Action::Added: return u"added"_s;
    case PathChange::Action::Modified: return u"modified"_s;
    case PathChange::Action::Deleted: return u"deleted"_s;
    }
    return {};
}

QList<PathChange> pathHistory(const QList<LayerTocPtr> &layers, const QString &rawPath)
{
    const QString path = normalisePath(rawPath);
    QList<PathChange> out;
    bool exists = false;
    for (int l = 0; l < layers.size(); ++l) {
        if (!layers[l])
            continue;
        const QList<LayerEntry> &entries = layers[l]->entries;
        for (qsizetype i = 0; i < entries.size(); ++i) {
            const LayerEntry &e = entries[i];
            const bool deletes = (e.type == EntryType::Whiteout &&
                                  (path == e.deletedPath() || path.startsWith(e.deletedPath() + u'/'))) ||
                                 (e.type == EntryType::Opaque &&
                                  path.startsWith(e.deletedPath().isEmpty() ? QString() : e.deletedPath() + u'/'));
            if (deletes && exists) {
                out << PathChange{l, PathChange::Action::Deleted, static_cast<int>(i)};
                exists = false;
            }
        }
        for (qsizetype i = 0; i < entries.size(); ++i) {
            if (entries[i].path == path && entries[i].type != EntryType::Whiteout &&
                entries[i].type != EntryType::Opaque) {
                out << PathChange{l, exists ? PathChange::Action::Modified : PathChange::Action::Added,
                                  static_cast<int>(i)};
                exists = true;
            }
        }
    }
    return out;
}

} // namespace strata
