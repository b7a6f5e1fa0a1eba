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

namespace {

RepositoryHistory historyOf(const QString &storage, const RegistryInventory &inv, const RegistryRepository &repo,
                            const QStringList &tags)
{
    RepositoryHistory out;
    out.storage = storage;
    out.repository = repo.name;
    out.problems = inv.problems;
    QHash<QString, Digest> current;
    for (const auto &[tag, link] : repo.tags)
        current.insert(tag, link.digest);
    QSet<QString> named;
    for (auto it = repo.tagHistory.cbegin(); it != repo.tagHistory.cend(); ++it)
        for (const RegistryLink &l : it.value())
            named.insert(l.digest.toString());
    for (const QString &tag : tags) {
        TagHistory h;
        h.tag = tag;
        h.current = current.value(tag);
        for (const RegistryLink &l : repo.tagHistory.value(tag))
            h.entries << TagHistoryEntry{l.digest, l.modified, l.digest == h.current, inv.blobs.contains(l.digest)};
        // A current link the index does not list (storage written by hand or by an old registry): still shown.
        if (!h.current.isNull() &&
            std::none_of(h.entries.cbegin(), h.entries.cend(), [](const TagHistoryEntry &e) { return e.current; }))
            h.entries.prepend(TagHistoryEntry{h.current, {}, true, inv.blobs.contains(h.current)});
        out.tags << h;
    }
    const QList<Digest> currents = current.values();
    for (const RegistryLink &r : repo.revisions)
        if (!named.contains(r.digest.toString()) && !currents.contains(r.digest))
            out.untagged << r.digest;
    return out;
}

QStringList tagsOf(const RegistryRepository &repo)
{
    QStringList tags = repo.tagHistory.keys();
    for (const auto &[tag, link] : repo.tags)
        if (!tags.contains(tag))
            tags << tag;
    std::sort(tags.begin(), tags.end());
    return tags;
}

struct ParsedHistorySpec
{
    QString path;
    registrydir::Reference ref;
};

Result<ParsedHistorySpec> parseHistorySpec(const QString &text, bool repositoryRequired)
{
    Result<SourceSpec> spec =
        registrydir::parseSpec(text.startsWith(u"registry-dir:"_s) ? text : u"registry-dir:"_s + text);
    if (!spec)
        return spec.error();
    Result<registrydir::Reference> ref = registrydir::parseReference(spec->selection.reference);
    if (!ref)
        return ref.error();
    if ((repositoryRequired && ref->repository.isEmpty()) || !ref->digest.isEmpty())
        return makeError(ErrorCode::Malformed,
                         repositoryRequired
                             ? u"tag history is for a repository or a tag: registry-dir:PATH/REPO[:TAG], not a digest"_s
                             : u"tag history is for a storage folder, a repository or a tag: "
                               "registry-dir:PATH[/REPO[:TAG]], not a digest"_s,
                         text);
    return ParsedHistorySpec{spec->path, ref.value()};
}

} // namespace

Result<RepositoryHistory> readTagHistory(const QString &text, JobContext *job)
{
    Result<ParsedHistorySpec> spec = parseHistorySpec(text, true);
    if (!spec)
        return spec.error();
    Result<QList<RepositoryHistory>> all = readStorageHistory(text, job);
    if (!all)
        return all.error();
    return all->first();
}

Result<QList<RepositoryHistory>> readStorageHistory(const QString &text, JobContext *job)
{
    Result<ParsedHistorySpec> spec = parseHistorySpec(text, false);
    if (!spec)
        return spec.error();
    const registrydir::Reference &ref = spec->ref;
    Result<registrydir::OpenedStorage> storage = registrydir::openStorage(spec->path, job);
    if (!storage)
        return storage.error();
    const RegistryInventory &inv = storage->inventory;
    QList<RepositoryHistory> out;
    if (ref.repository.isEmpty()) {
        for (const RegistryRepository &repo : inv.repositories) {
            if (job && job->isCanceled())
                return makeError(ErrorCode::Canceled, u"canceled"_s, spec->path);
            out << historyOf(spec->path, inv, repo, tagsOf(repo));
        }
        return out;
    }
    const RegistryRepository *repo = inv.repository(ref.repository);
    if (!repo)
        return makeError(ErrorCode::NotFound, u"no repository %1 in this storage"_s.arg(ref.repository), spec->path);
    QStringList tags = tagsOf(*repo);
    if (!ref.tag.isEmpty()) {
        if (!tags.contains(ref.tag))
            return makeError(ErrorCode::NotFound, u"no tag %1 in repository %2"_s.arg(ref.tag, repo->name), spec->path);
        tags = {ref.tag};
    }
    out << historyOf(spec->path, inv, *repo, tags);
    return out;
}

} // namespace strata
