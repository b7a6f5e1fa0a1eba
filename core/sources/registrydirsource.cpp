// SPDX-License-Identifier: MIT
// Registry storage → a synthesized OCI layout read by OciLayoutReader, plus the storage's own checks.
#include "core/sources/registrydirsource.h"
#include "core/attached/attachmentlinker.h"
#include "core/attached/referrertags.h"
#include "core/io/dircontainer.h"
#include "core/sources/ocilayoutreader.h"
#include "core/sources/registrydircontainer.h"
#include "core/sources/registrydirpath.h"
#include "core/sources/registrydirrefs.h"
#include "core/sources/registrydirscan.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace strata {

namespace {

struct Entry
{
    QString repository;
    QString tag; // empty: an untagged manifest
    RegistryLink link;
};

QString listed(QStringList names)
{
    const qsizetype total = names.size();
    if (names.isEmpty())
        return u"none"_s;
    if (total > 20) {
        names = names.mid(0, 20);
        names << u"… %1 more"_s.arg(total - 20);
    }
    return names.join(u", "_s);
}

// When one tag or digest is asked for, what the same repository holds attached to it comes along, so the linker
// can place it: cosign's sha256-<hex>.sig/.att/.sbom tags and the referrers tag sha256-<hex> of a selected manifest
// (or of a child of a selected index), and untagged manifests whose OCI subject is one of them. Bounded by
// attached::MaxAttachedPerSubject in all.
void addAttachedEntries(const RegistryRepository &r, QList<Entry> &out, RegistryManifests &manifests)
{
    QSet<Digest> subjects;
    QSet<Digest> taken;
    for (const Entry &e : std::as_const(out)) {
        if (e.repository != r.name)
            continue;
        subjects.insert(e.link.digest);
        taken.insert(e.link.digest);
        for (const Digest &c : manifests.get(e.link.digest).children)
            subjects.insert(c);
    }
    int added = 0;
    QSet<Digest> tagged;
    QSet<Digest> children; // of attached indexes (the referrers tag's entries): listed under them already
    for (const auto &t : r.tags) {
        tagged.insert(t.second.digest);
        const std::optional<attached::TagTarget> target = attached::parseTag(t.first);
        if (!target || !subjects.contains(target->subject) || added >= attached::MaxAttachedPerSubject)
            continue;
        if (std::any_of(out.cbegin(), out.cend(),
                        [&](const Entry &e) { return e.repository == r.name && e.tag == t.first; }))
            continue;
        out << Entry{r.name, t.first, t.second};
        ++added;
        taken.insert(t.second.digest);
        for (const Digest &c : manifests.get(t.second.digest).children)
            children.insert(c);
    }
    for (const RegistryLink &l : r.revisions) {
        if (added >= attached::MaxAttachedPerSubject)
            break;
        if (taken.contains(l.digest) || children.contains(l.digest))
            continue;
        const StoredManifest m = manifests.get(l.digest);
        if (m.subject.isNull() || !subjects.contains(m.subject))
            continue;
        if (tagged.contains(l.digest))
            continue; // a tag of its own that the selection did not ask for: not an attachment to bring along
        out << Entry{r.name, QString(), l};
        taken.insert(l.digest);
        ++added;
    }
}

Result<QList<Entry>> selectEntries(const RegistryInventory &inv, const registrydir::Reference &ref,
                                   RegistryManifests &manifests, const QString &context)
{
    QList<Entry> out;
    QList<const RegistryRepository *> repos;
    if (ref.repository.isEmpty()) {
        for (const RegistryRepository &r : inv.repositories)
            repos << &r;
    } else if (const RegistryRepository *r = inv.repository(ref.repository)) {
        repos << r;
    } else {
        QStringList names;
        for (const RegistryRepository &rr : inv.repositories)
            names << rr.name;
        return makeError(
            ErrorCode::NotFound,
            u"the storage has no repository \"%1\" (repositories: %2)"_s.arg(ref.repository, listed(names)), context);
    }
    for (const RegistryRepository *r : repos) {
        QSet<Digest> tagged;
        QSet<Digest> children;
        QStringList tagNames;
        for (const auto &t : r->tags) {
            tagNames << t.first;
            tagged.insert(t.second.digest);
            if (!ref.tag.isEmpty() && t.first != ref.tag)
                continue;
            if (!ref.digest.isEmpty() && t.second.digest.toString() != ref.digest)
                continue;
            out << Entry{r->name, t.first, t.second};
            for (const Digest &c : manifests.get(t.second.digest).children)
                children.insert(c);
        }
        if ((!ref.tag.isEmpty() || !ref.digest.isEmpty()) && !out.isEmpty())
            addAttachedEntries(*r, out, manifests);
        if (!ref.tag.isEmpty()) {
            if (out.isEmpty())
                return makeError(
                    ErrorCode::NotFound,
                    u"the repository \"%1\" has no tag \"%2\" (tags: %3)"_s.arg(r->name, ref.tag, listed(tagNames)),
                    context);
            continue;
        }
        // Untagged manifests (a tag moved on, or pushed by digest) are images too, unless they are
        // the platform manifests of an index shown above.
        QList<Entry> untagged;
        for (const RegistryLink &l : r->revisions) {
            if (!ref.digest.isEmpty() && l.digest.toString() != ref.digest)
                continue;
            for (const Digest &c : manifests.get(l.digest).children)
                children.insert(c);
            if (!tagged.contains(l.digest))
                untagged << Entry{r->name, QString(), l};
        }
        for (const Entry &e : std::as_const(untagged)) {
            if (!children.contains(e.link.digest) && (ref.digest.isEmpty() || !tagged.contains(e.link.digest)))
                out << e;
        }
        if (!ref.digest.isEmpty() && out.isEmpty())
            return makeError(ErrorCode::NotFound,
                             u"the repository \"%1\" has no manifest %2"_s.arg(r->name, ref.digest), context);
    }
    return out;
}

QByteArray synthesizeIndex(const QList<Entry> &entries, const RegistryInventory &inv, RegistryManifests &manifests)
{
    QJsonArray list;
    for (const Entry &e : entries) {
        const Digest &d = e.link.digest;
        if (!inv.blobs.contains(d))
            continue; // a dangling link: shown as its own row
        QJsonObject annotations;
        if (!e.tag.isEmpty()) {
            annotations.insert("org.opencontainers.image.ref.name"_L1, e.tag);
            annotations.insert("io.containerd.image.name"_L1, QString(e.repository + u':' + e.tag));
        } else {
            annotations.insert("io.containerd.image.name"_L1, QString(e.repository + u'@' + d.toString()));
        }
        const StoredManifest m = manifests.get(d);
        list << QJsonObject{
            {u"mediaType"_s, m.mediaType.isEmpty() ? QString::fromLatin1(mediatype::OciManifest) : m.mediaType},
            {u"digest"_s, d.toString()},
            {u"size"_s, inv.blobs.value(d)},
            {u"annotations"_s, annotations}};
    }
    return QJsonDocument(QJsonObject{{u"schemaVersion"_s, 2},
                                     {u"mediaType"_s, QString::fromLatin1(mediatype::OciIndex)},
                                     {u"manifests"_s, list}})
        .toJson(QJsonDocument::Compact);
}

int addGroup(ImageGraph &g, const QString &title, const QString &note)
{
    Node n;
    n.kind = NodeKind::Blob;
    n.title = title;
    n.present = true; // a heading, not a blob: no member, nothing to verify
    n.note = note;
    return g.addNode(n, 0);
}

void addStorageChecks(ImageGraph &g, int indexNode, const QList<Entry> &entries, const RegistryInventory &inv,
                      const registrydir::Reference &ref, RegistryManifests &manifests, JobContext *job)
{
    // Tag links whose manifest is gone: rows among the tags, so they are seen where the tag is looked for.
    for (const Entry &e : entries) {
        if (inv.blobs.contains(e.link.digest))
            continue;
        Node n;
        n.kind = NodeKind::Manifest;
        n.refNames << (e.tag.isEmpty() ? e.repository + u'@' + e.link.digest.toString() : e.repository + u':' + e.tag);
        n.title = n.refNames.constLast();
        n.member = u"blobs/%1/%2"_s.arg(e.link.digest.algorithmName(), e.link.digest.encoded());
        n.nameDigest = e.link.digest;
        n.note = u"A dangling link: the registry would answer \"manifest unknown\" for it."_s;
        const int id = g.addNode(n, indexNode);
        g.addProblem(ProblemKind::MissingBlob, id,
                     u"dangling %1 link: %2 names %3, but %4 does not exist"_s.arg(
                         e.tag.isEmpty() ? u"revision"_s : u"tag"_s, e.link.file, e.link.digest.toString(),
                         registrydir::blobDataPath(e.link.digest)));
    }
    // Layer links whose blob is gone, in the repositories shown.
    QList<QPair<QString, RegistryLink>> dangling;
    for (const RegistryRepository &r : inv.repositories) {
        if (!ref.repository.isEmpty() && r.name != ref.repository)
            continue;
        for (const RegistryLink &l : r.layers) {
            if (!inv.blobs.contains(l.digest))
                dangling << qMakePair(r.name, l);
        }
    }
    if (!dangling.isEmpty()) {
        const int group =
            addGroup(g, u"layer links without a blob"_s,
                     u"Links in a repository's _layers folder whose blob is not stored: the registry would "
                     "answer \"blob unknown\" for them."_s);
        for (const auto &[repo, l] : std::as_const(dangling)) {
            Node n;
            n.kind = NodeKind::Blob;
            n.title = u"%1 %2"_s.arg(repo, l.digest.shortString());
            n.member = u"blobs/%1/%2"_s.arg(l.digest.algorithmName(), l.digest.encoded());
            n.nameDigest = l.digest;
            const int id = g.addNode(n, group);
            g.addProblem(ProblemKind::MissingBlob, id,
                         u"dangling layer link: %1 names %2, but %3 does not exist"_s.arg(
                             l.file, l.digest.toString(), registrydir::blobDataPath(l.digest)));
        }
    }
    if (!ref.repository.isEmpty())
        return;
    // Orphans only make sense for the whole storage: a blob of another repository is not one.
    const QSet<Digest> referenced = manifests.referencedFromAllRepositories(job);
    QList<Digest> orphans;
    for (const Digest &d : inv.blobOrder) {
        if (!referenced.contains(d))
            orphans << d;
    }
    if (orphans.isEmpty())
        return;
    const int group =
        addGroup(g, u"orphan blobs"_s,
                 u"Stored blobs that no manifest of any repository references (what `registry "
                 "garbage-collect` would delete). Each is still verified against the digest its path names."_s);
    for (const Digest &d : std::as_const(orphans)) {
        Node n;
        n.kind = NodeKind::Blob;
        n.title = d.shortString();
        n.member = u"blobs/%1/%2"_s.arg(d.algorithmName(), d.encoded());
        n.nameDigest = d;
        n.present = true;
        n.storedSize = inv.blobs.value(d);
        const int id = g.addNode(n, group);
        g.addProblem(ProblemKind::OrphanBlob, id,
                     u"orphan blob: %1 is stored (%2 bytes) but no manifest of any repository references it"_s
                         .arg(registrydir::blobDataPath(d))
                         .arg(n.storedSize));
    }
}

} // namespace

Result<ImageGraphPtr> RegistryDirSource::open(const SourceSpec &spec, JobContext *job)
{
    Result<registrydir::Reference> ref = registrydir::parseReference(spec.selection.reference);
    if (!ref)
        return ref.error();
    Result<registrydir::OpenedStorage> storage = registrydir::openStorage(spec.path, job);
    if (!storage)
        return storage.error();
    const std::shared_ptr<DirContainer> &dir = storage->dir;
    const RegistryInventory &inv = storage->inventory;
    RegistryManifests manifests(dir, inv);
    Result<QList<Entry>> entries = selectEntries(inv, ref.value(), manifests, spec.path);
    if (!entries)
        return entries.error();
    auto container = std::make_shared<RegistryDirContainer>(dir, synthesizeIndex(entries.value(), inv, manifests));

    auto g = std::make_shared<ImageGraph>();
    g->sourcePath = spec.path;
    g->sourceSpec = spec.text;
    g->container = container;
    g->format = u"registry storage (distribution filesystem driver)"_s;
    Node root;
    root.kind = NodeKind::Source;
    root.title = QFileInfo(spec.path).fileName().isEmpty() ? spec.path : QFileInfo(spec.path).fileName();
    if (!spec.selection.reference.isEmpty())
        root.title += u" — "_s + spec.selection.reference;
    root.present = true;
    root.note = u"A registry's storage folder, read directly: %1 repositories, %2 tags, %3 stored blobs."_s
                    .arg(inv.repositories.size())
                    .arg(inv.tagCount())
                    .arg(inv.blobs.size());
    g->addNode(root, -1);
    if (Status s = OciLayoutReader::read(*g, *container, 0, Selection{}); !s)
        return s.error();
    int indexNode = -1;
    for (const int c : g->nodes[0].children) {
        if (g->nodes[c].member == u"index.json") {
            indexNode = c;
            g->nodes[c].title = ref->repository.isEmpty() ? u"tags"_s : ref->repository;
            g->nodes[c].note =
                u"Synthesized by Strata from the tag links under repositories/*/_manifests/tags: a registry "
                "stores no index.json."_s;
        }
    }
    // Each tag's row is named after its repository and tag (the platform follows), not the platform alone.
    if (indexNode >= 0) {
        for (const int c : std::as_const(g->nodes[indexNode].children)) {
            Node &n = g->nodes[c];
            if (n.refNames.isEmpty())
                continue;
            const Platform p = n.imageIndex >= 0 ? g->images[n.imageIndex].platform : n.platform;
            const QString what = n.kind == NodeKind::Index ? n.title : p.isEmpty() ? QString() : p.toString();
            n.title = what.isEmpty() ? n.refNames.constLast() : u"%1 (%2)"_s.arg(n.refNames.constLast(), what);
        }
    }
    for (const QString &p : std::as_const(inv.problems))
        g->addProblem(ProblemKind::Malformed, 0, p).severity = Severity::Warning;
    addStorageChecks(*g, indexNode, entries.value(), inv, ref.value(), manifests, job);
    if (job && job->isCanceled())
        return makeError(ErrorCode::Canceled, u"canceled"_s, spec.path);
    return ImageGraphPtr(std::move(g));
}

} // namespace strata
