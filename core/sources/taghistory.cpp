// SPDX-License-Identifier: MIT
#include "core/sources/taghistory.h"
#include "core/io/dircontainer.h"
#include "core/sources/registrydirpath.h"
#include "core/sources/registrydirscan.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace strata {

QString RepositoryHistory::pinned(const Digest &d) const
{
    return repository + u'@' + d.toString();
}

QString RepositoryHistory::sourceFor(const Digest &d) const
{
    return u"registry-dir:%1/%2"_s.arg(storage, pinned(d));
}

Result<RepositoryHistory> readTagHistory(const QString &text, JobContext *job)
{
    Result<SourceSpec> spec =
        registrydir::parseSpec(text.startsWith(u"registry-dir:"_s) ? text : u"registry-dir:"_s + text);
    if (!spec)
        return spec.error();
    Result<registrydir::Reference> ref = registrydir::parseReference(spec->selection.reference);
    if (!ref)
        return ref.error();
    if (ref->repository.isEmpty() || !ref->digest.isEmpty())
        return makeError(ErrorCode::Malformed,
                         u"tag history is for a repository or a tag: registry-dir:PATH/REPO[:TAG], not a digest"_s,
                         text);
    Result<registrydir::OpenedStorage> storage = registrydir::openStorage(spec->path, job);
    if (!storage)
        return storage.error();
    const RegistryInventory *inv = &storage->inventory;
    const RegistryRepository *repo = inv->repository(ref->repository);
    if (!repo)
        return makeError(ErrorCode::NotFound, u"no repository %1 in this storage"_s.arg(ref->repository), spec->path);

    RepositoryHistory out;
    out.storage = spec->path;
    out.repository = repo->name;
    out.problems = inv->problems;
    QHash<QString, Digest> current;
    for (const auto &[tag, link] : repo->tags)
        current.insert(tag, link.digest);
    QStringList tags = repo->tagHistory.keys();
    for (const auto &[tag, link] : repo->tags)
        if (!tags.contains(tag))
            tags << tag;
    std::sort(tags.begin(), tags.end());
    if (!ref->tag.isEmpty()) {
        if (!tags.contains(ref->tag))
            return makeError(ErrorCode::NotFound, u"no tag %1 in repository %2"_s.arg(ref->tag, repo->name),
                             spec->path);
        tags = {ref->tag};
    }
    QSet<QString> named;
    for (const QString &tag : repo->tagHistory.keys())
        for (const RegistryLink &l : repo->tagHistory.value(tag))
            named.insert(l.digest.toString());
    for (const QString &tag : std::as_const(tags)) {
        TagHistory h;
        h.tag = tag;
        h.current = current.value(tag);
        for (const RegistryLink &l : repo->tagHistory.value(tag))
            h.entries << TagHistoryEntry{l.digest, l.modified, l.digest == h.current, inv->blobs.contains(l.digest)};
        // A current link the index does not list (storage written by hand or by an old registry): still shown.
        if (!h.current.isNull() &&
            std::none_of(h.entries.cbegin(), h.entries.cend(), [](const TagHistoryEntry &e) { return e.current; }))
            h.entries.prepend(TagHistoryEntry{h.current, {}, true, inv->blobs.contains(h.current)});
        out.tags << h;
    }
    for (const RegistryLink &r : repo->revisions)
        if (!named.contains(r.digest.toString()) && !current.values().contains(r.digest))
            out.untagged << r.digest;
    return out;
}

} // namespace strata
