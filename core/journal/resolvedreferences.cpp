// SPDX-License-Identifier: MIT
// Graph → resolved references, and the journal's outcome as problems on the graph.
#include "core/journal/resolvedreferences.h"
#include "core/sources/registrycontainer.h"
#include "core/sources/sourcespec.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace strata::journal {

namespace {

constexpr auto RecordKey = "recordTagHistory";

// cosign's signature, attestation and SBOM tags (sha256-<hex>.sig): rewritten whenever one is added.
bool isArtifactTag(const QString &ref)
{
    static const QRegularExpression re(u"(^|[:/])sha(256|512)-[0-9a-f]{32,128}(\\.[a-z]+)?$"_s);
    return re.match(ref).hasMatch();
}

bool isDigestReference(const QString &ref)
{
    static const QRegularExpression id(u"^(sha256:)?[0-9a-f]{12,64}$"_s);
    return ref.contains(u'@') || id.match(ref).hasMatch();
}

QString canonicalSource(const ImageGraph &g)
{
    const QFileInfo fi(g.sourcePath);
    const QString canonical = fi.canonicalFilePath();
    return canonical.isEmpty() ? fi.absoluteFilePath() : canonical;
}

// The digest a named node stands for: its descriptor's, or for a docker save entry (no manifest digest in the
// archive) its image's config digest, the image ID.
Digest digestNamed(const ImageGraph &g, const Node &n)
{
    if (n.descriptor)
        return n.descriptor->digest;
    if (n.nameDigest)
        return *n.nameDigest;
    if (n.imageIndex >= 0 && n.imageIndex < g.images.size())
        return configDigestOf(g, g.images[n.imageIndex]);
    return {};
}

void fromNodes(const ImageGraph &g, QList<ResolvedReference> &out, const QString &source, const QString &via)
{
    for (const Node &n : g.nodes) {
        if (n.refNames.isEmpty() || n.attachment || n.signature || n.kind == NodeKind::Attached ||
            n.kind == NodeKind::Signature)
            continue;
        const Digest d = digestNamed(g, n);
        if (d.isNull())
            continue;
        for (const QString &ref : n.refNames) {
            if (isDigestReference(ref) || isArtifactTag(ref))
                continue;
            // A short ref.name beside the full image name it abbreviates ("v1" beside "docker.io/x/app:v1") is
            // the same reference: recorded once, under the full name.
            const bool abbreviation = std::any_of(n.refNames.begin(), n.refNames.end(), [&](const QString &other) {
                return other != ref && other.endsWith(u':' + ref);
            });
            if (!abbreviation)
                out << ResolvedReference{source, ref, d, via, {}};
        }
    }
}

} // namespace

QList<ResolvedReference> referencesOf(const ImageGraph &g)
{
    QList<ResolvedReference> out;
    Result<SourceSpec> spec = SourceSpec::parse(g.sourceSpec.isEmpty() ? g.sourcePath : g.sourceSpec);
    const SourceSpec::Kind kind = spec ? spec->kind : SourceSpec::Kind::Auto;
    if (kind == SourceSpec::Kind::Registry) {
        const auto *c = dynamic_cast<const RegistryContainer *>(g.container.get());
        if (!c || !c->reference().digest.isNull())
            return out;
        const RegistryReference &ref = c->reference();
        out << ResolvedReference{u"docker://"_s + ref.host, ref.toString(), c->resolved().digest, u"registry tag"_s,
                                 ref.host + u'/' + ref.repository};
        return out;
    }
    if (kind == SourceSpec::Kind::DockerDaemon) {
        const QString name = spec->selection.reference;
        if (name.isEmpty() || isDigestReference(name) || g.images.isEmpty())
            return out;
        const Digest id = configDigestOf(g, g.images.first());
        if (!id.isNull())
            out << ResolvedReference{u"docker-daemon"_s, name, id, u"engine image name"_s, {}};
        return out;
    }
    const bool registryDir =
        kind == SourceSpec::Kind::RegistryDir || g.format.startsWith(u"registry storage"_s, Qt::CaseInsensitive);
    const bool dockerSave = g.format.contains(u"docker"_s, Qt::CaseInsensitive) && !g.format.contains(u"OCI"_s);
    fromNodes(g, out, canonicalSource(g),
              registryDir  ? u"registry storage tag"_s
              : dockerSave ? u"docker save RepoTags"_s
                           : u"OCI ref.name"_s);
    return out;
}

JournalKey journalKeyOf(const QString &sourceText)
{
    Result<SourceSpec> spec = SourceSpec::parse(sourceText);
    if (!spec || (spec->kind == SourceSpec::Kind::Auto && !QFileInfo::exists(spec->path)))
        return {{}, sourceText};
    if (spec->kind == SourceSpec::Kind::Registry) {
        Result<RegistryReference> ref = RegistryReference::parse(spec->path);
        if (!ref)
            return {{}, sourceText};
        return {u"docker://"_s + ref->host, ref->toString()};
    }
    if (spec->kind == SourceSpec::Kind::DockerDaemon)
        return {u"docker-daemon"_s, spec->selection.reference};
    const QFileInfo fi(spec->path);
    const QString canonical = fi.canonicalFilePath();
    return {canonical.isEmpty() ? fi.absoluteFilePath() : canonical, spec->selection.reference};
}

bool recordingEnabled()
{
    return QSettings(u"Strata"_s, u"Strata"_s).value(QLatin1StringView(RecordKey), true).toBool();
}

void setRecordingEnabled(bool on)
{
    QSettings(u"Strata"_s, u"Strata"_s).setValue(QLatin1StringView(RecordKey), on);
}

RecordOutcome recordAndNote(ImageGraph &g, const QString &path)
{
    RecordOutcome out;
    const QList<ResolvedReference> refs = referencesOf(g);
    if (refs.isEmpty())
        return out;
    Result<std::unique_ptr<ReferenceJournal>> j = ReferenceJournal::open(path);
    if (!j) {
        out.notice = u"Tag history not recorded: %1"_s.arg(j.error().toString());
        return out;
    }
    out.notice = j.value()->notice();
    Result<QList<TagMove>> moves = j.value()->record(refs);
    if (!moves) {
        out.notice = u"Tag history not recorded: %1"_s.arg(moves.error().toString());
        return out;
    }
    out.moves = moves.value();
    for (const TagMove &m : std::as_const(out.moves))
        g.addProblem(ProblemKind::TagMoved, 0,
                     m.message() + u" (first seen %1, last seen %2 in %3)"_s.arg(
                                       m.earlierFirstSeen.toString(Qt::ISODate),
                                       m.earlierLastSeen.toString(Qt::ISODate), m.now.source),
                     m.earlier.toString(), m.now.digest.toString())
            .severity = Severity::Warning;
    return out;
}

} // namespace strata::journal
