// SPDX-License-Identifier: MIT
#include "core/pin/pinplan.h"
#include "core/pin/dockerfilerefs.h"
#include "core/pin/pinresolver.h"
#include "core/pin/yamlrefs.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace strata::pin {

namespace {

bool isDockerfileName(const QString &path)
{
    const QString n = QFileInfo(path).fileName().toLower();
    return n == u"dockerfile" || n == u"containerfile" || n.startsWith(u"dockerfile."_s) ||
           n.startsWith(u"containerfile."_s) || n.endsWith(u".dockerfile"_s) || n.endsWith(u".containerfile"_s);
}

Result<QByteArray> readBounded(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::Io, u"cannot read: %1"_s.arg(f.errorString()), path);
    if (f.size() > MaxPinFileBytes)
        return makeError(ErrorCode::TooLarge,
                         u"%1 bytes; pin reads files up to %2 bytes"_s.arg(f.size()).arg(MaxPinFileBytes), path);
    QByteArray b = f.read(MaxPinFileBytes + 1);
    if (b.size() > MaxPinFileBytes)
        return makeError(ErrorCode::TooLarge, u"more than %1 bytes"_s.arg(MaxPinFileBytes), path);
    return b;
}

} // namespace

QString pinStatusName(PinStatus s)
{
    switch (s) {
    case PinStatus::Pinnable: return u"pinnable"_s;
    case PinStatus::Pinned: return u"pinned"_s;
    case PinStatus::Moved: return u"moved"_s;
    case PinStatus::LeftAlone: return u"left-alone"_s;
    case PinStatus::Unresolved: return u"unresolved"_s;
    case PinStatus::Invalid: return u"invalid"_s;
    }
    return {};
}

int PinFile::count(PinStatus s) const
{
    return int(std::count_if(entries.begin(), entries.end(), [s](const PinEntry &e) { return e.status == s; }));
}

Result<PinFile> scanPinFile(const QString &path)
{
    Result<QByteArray> bytes = readBounded(path);
    if (!bytes)
        return bytes.error();
    PinFile file;
    file.path = path;
    file.bytes = bytes.value();
    QList<FoundReference> found;
    if (isDockerfileName(path)) {
        Result<QList<FoundReference>> r = findDockerfileReferences(file.bytes);
        if (!r)
            return makeError(r.error().code, r.error().message, path + u", "_s + r.error().context);
        file.kind = u"Dockerfile"_s;
        found = r.value();
    } else {
        Result<YamlReferences> r = findYamlReferences(file.bytes);
        if (!r)
            return makeError(r.error().code, r.error().message,
                             r.error().context.isEmpty() ? path : path + u", "_s + r.error().context);
        file.kind = r->kinds.join(u", "_s);
        found = r->references;
    }
    for (const FoundReference &f : found) {
        PinEntry e;
        e.found = f;
        e.pinned = f.text;
        file.entries << e;
    }
    return file;
}

void resolvePinFile(PinFile &file, PinResolver &resolver, JobContext *job)
{
    for (PinEntry &e : file.entries) {
        const FoundReference &f = e.found;
        if (!f.leftAlone.isEmpty()) {
            e.status = PinStatus::LeftAlone;
            e.message = f.leftAlone;
            continue;
        }
        Result<ParsedReference> ref = ParsedReference::parse(f.text);
        if (!ref) {
            e.status = PinStatus::Invalid;
            e.message = f.text.isEmpty() && !f.notEditable.isEmpty() ? f.notEditable : ref.error().message;
            continue;
        }
        if (!ref->isPinned() && !f.notEditable.isEmpty()) {
            e.status = PinStatus::Unresolved;
            e.message = u"cannot be edited in place: "_s + f.notEditable;
            continue;
        }
        RegistryReference ask = ref->registry;
        if (ref->isPinned() && ref->tag.isEmpty()) { // name@digest: only whether it exists, and its platforms
            ask.tag.clear();
            ask.digest = ref->digest;
        }
        if (job && job->isCanceled()) {
            e.status = PinStatus::Unresolved;
            e.message = u"canceled"_s;
            continue;
        }
        Result<Resolution> r = resolver.resolve(ask, job);
        if (!r) {
            e.status = PinStatus::Unresolved;
            e.message = r.error().toString();
            continue;
        }
        e.current = r->digest;
        e.mediaType = r->mediaType;
        e.platforms = r->platforms;
        if (!ref->isPinned()) {
            e.status = PinStatus::Pinnable;
            e.pinned = pinnedText(f.text, ref.value(), r->digest);
        } else if (r->digest == ref->digest || ref->tag.isEmpty()) {
            e.status = PinStatus::Pinned;
        } else {
            e.status = PinStatus::Moved;
            e.message = u"the tag %1 now points to %2; the pinned %3 is kept"_s.arg(ref->tag, r->digest.toString(),
                                                                                    ref->digest.toString());
        }
    }
}

QByteArray pinnedBytes(const PinFile &file)
{
    QList<const PinEntry *> edits;
    for (const PinEntry &e : file.entries)
        if (e.status == PinStatus::Pinnable && e.found.offset >= 0)
            edits << &e;
    // From the end, so earlier offsets stay valid.
    std::sort(edits.begin(), edits.end(),
              [](const PinEntry *a, const PinEntry *b) { return a->found.offset > b->found.offset; });
    QByteArray out = file.bytes;
    qsizetype previous = -1;
    for (const PinEntry *e : edits) {
        const QByteArray was = e->found.text.toUtf8();
        if (e->found.offset == previous || out.mid(e->found.offset, was.size()) != was)
            continue; // the same place twice (cannot happen from the scanners), or not what was found there
        previous = e->found.offset;
        out.insert(e->found.offset + was.size(), e->pinned.toUtf8().mid(was.size()));
    }
    return out;
}

Status writePinFile(const PinFile &file)
{
    Result<QByteArray> now = readBounded(file.path);
    if (!now)
        return now.error();
    if (now.value() != file.bytes)
        return makeError(ErrorCode::Malformed, u"the file changed since it was read; not written"_s, file.path);
    const QByteArray bytes = pinnedBytes(file);
    if (bytes == file.bytes)
        return Ok{};
    QSaveFile out(file.path);
    if (!out.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Io, u"cannot write: %1"_s.arg(out.errorString()), file.path);
    if (out.write(bytes) != bytes.size() || !out.commit())
        return makeError(ErrorCode::Io, u"cannot write: %1"_s.arg(out.errorString()), file.path);
    return Ok{};
}

} // namespace strata::pin
