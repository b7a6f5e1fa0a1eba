// SPDX-License-Identifier: MIT
// Format detection and reader dispatch: an OCI layout first (oci-layout and index.json), else manifest.json, else
// the pre-1.10 `repositories` (the order of containerd core/images/archive/importer.go, then moby's v1 loader).
#include "core/sources/sourceopener.h"
#include "core/attached/attachmentlinker.h"
#include "core/io/dircontainer.h"
#include "core/io/tarcontainer.h"
#include "core/logging.h"
#include "core/sources/dirtransportreader.h"
#include "core/sources/dockerarchivereader.h"
#include "core/sources/enginesource.h"
#include "core/sources/ocilayoutreader.h"
#include "core/sources/registrydirpath.h"
#include "core/sources/registrydirsource.h"
#include "core/sources/registrysource.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace strata {

namespace {

ProblemKind problemKindFor(ErrorCode c)
{
    switch (c) {
    case ErrorCode::UnsafePath: return ProblemKind::UnsafePath;
    case ErrorCode::Truncated: return ProblemKind::Truncated;
    case ErrorCode::TooLarge: return ProblemKind::TooLarge;
    case ErrorCode::Io:
    case ErrorCode::Unavailable: return ProblemKind::Unreadable;
    default: return ProblemKind::Malformed;
    }
}

bool allLayersUncompressedOci(const ImageGraph &g)
{
    bool any = false;
    for (const Node &n : g.nodes) {
        if (n.kind != NodeKind::Layer || !n.descriptor)
            continue;
        any = true;
        if (n.descriptor->mediaType != QLatin1StringView(mediatype::OciLayer))
            return false;
    }
    return any;
}

QString dockerFlavour(const ImageGraph &g)
{
    for (const Node &n : g.nodes) {
        if (n.kind == NodeKind::Config && n.member.startsWith(u"sha256:"_s))
            return u"docker tarball (go-containerregistry / crane / kaniko)"_s;
        if (n.kind == NodeKind::Layer && !n.member.contains(u'/') && n.member.endsWith(u".tar"_s))
            return u"docker-archive (podman / skopeo)"_s;
    }
    return u"docker save (legacy, Docker 1.10–24)"_s;
}

// "Not an image", unless the archive is cut off or damaged: writers put manifest.json last (skopeo,
// moby), so a truncated archive loses it first, and that is what the user must be told.
Error notAnImage(const Container &c, const QString &message)
{
    const QList<Error> structural = c.structuralProblems();
    if (!structural.isEmpty() && structural.constLast().code == ErrorCode::Truncated)
        return makeError(ErrorCode::Truncated,
                         u"the archive is truncated (%1), and what remains holds no manifest.json or index.json"_s.arg(
                             structural.constLast().message),
                         c.path());
    return makeError(ErrorCode::NotAnImage, message, c.path());
}

Status readDirTransport(ImageGraph &g, const Container &c, const SourceSpec &spec, bool isDir)
{
    if (!DirTransportReader::looksLikeDirTransport(c))
        return notAnImage(c, c.exists(u"index.json"_s)
                                 ? u"an OCI layout (index.json), not a dir: folder; open it as oci:"_s
                                 : u"no manifest.json object and no version file: not a dir: folder"_s);
    g.format = isDir ? u"containers/image dir: folder"_s : u"containers/image dir: folder, in an archive"_s;
    g.transport = isDir ? u"dir"_s : QString();
    return DirTransportReader::read(g, c, 0, spec.selection);
}

Status readArchiveOrLayout(ImageGraph &g, const Container &c, const SourceSpec &spec, bool isDir)
{
    if (spec.kind == SourceSpec::Kind::DirTransport ||
        (spec.kind == SourceSpec::Kind::Auto && DirTransportReader::looksLikeDirTransport(c)))
        return readDirTransport(g, c, spec, isDir);
    const bool layout = OciLayoutReader::looksLikeLayout(c);
    const bool dockerJson = DockerArchiveReader::hasManifestJson(c);
    if (!layout && !dockerJson) {
        // There, but unusable (a symlink, a FIFO, a link leaving the archive): say that, not "not an image".
        for (const QString &top : {u"index.json"_s, u"manifest.json"_s}) {
            Result<MemberStat> st = c.stat(top);
            if (!st && st.error().code != ErrorCode::NotFound)
                return st.error();
        }
    }
    if (spec.kind == SourceSpec::Kind::OciLayout || spec.kind == SourceSpec::Kind::OciArchive) {
        if (!layout)
            return notAnImage(c, u"no index.json: not an OCI layout"_s);
    } else if (spec.kind == SourceSpec::Kind::DockerArchive && !dockerJson) {
        if (DockerArchiveReader::hasRepositoriesOnly(c)) {
            g.format = u"pre-1.10 docker save (legacy v1)"_s;
            return DockerArchiveReader::readLegacyV1(g, c, 0);
        }
        return notAnImage(c, u"no manifest.json: not a docker-archive"_s);
    }

    const bool useLayout = layout && spec.kind != SourceSpec::Kind::DockerArchive;
    const bool useDocker =
        dockerJson && spec.kind != SourceSpec::Kind::OciLayout && spec.kind != SourceSpec::Kind::OciArchive;
    if (useLayout) {
        // With both, the docker reader only cross-checks unless a selection was made for docker names.
        const Selection sel = useDocker ? Selection{} : spec.selection;
        if (Status s = OciLayoutReader::read(g, c, 0, sel); !s)
            return s;
    }
    if (useDocker) {
        if (Status s = DockerArchiveReader::read(g, c, 0, spec.selection); !s)
            return s;
    }
    // A tar with both is what `docker save` writes and skopeo reads as docker-archive:.
    if (useDocker && !isDir)
        g.transport = u"docker-archive"_s;
    else if (useLayout)
        g.transport = isDir ? u"oci"_s : u"oci-archive"_s;
    if (useLayout && useDocker)
        g.format = allLayersUncompressedOci(g) || g.images.isEmpty() || g.nodes.size() < 3
                       ? u"Docker 25+ save, legacy manifest.json + OCI layout"_s
                       : u"containerd export, OCI layout + manifest.json"_s;
    else if (useLayout)
        g.format = isDir ? u"OCI layout directory"_s : u"OCI archive"_s;
    else if (useDocker)
        g.format = dockerFlavour(g);
    else if (DockerArchiveReader::hasRepositoriesOnly(c)) {
        g.format = u"pre-1.10 docker save (legacy v1)"_s;
        return DockerArchiveReader::readLegacyV1(g, c, 0);
    } else if (isDir) {
        return makeError(ErrorCode::NotAnImage,
                         u"the folder holds no index.json or manifest.json: not an image layout"_s, c.path());
    } else {
        return notAnImage(
            c, u"a tar archive, but it holds no manifest.json, index.json or repositories: not a container image"_s);
    }
    return Ok{};
}

} // namespace

Result<ImageGraphPtr> SourceOpener::open(const QString &text, JobContext *job)
{
    Result<SourceSpec> spec = SourceSpec::parse(text);
    if (!spec)
        return spec.error();
    return open(spec.value(), job);
}

Result<ImageGraphPtr> SourceOpener::open(const SourceSpec &spec, JobContext *job)
{
    Result<ImageGraphPtr> g = openUnlinked(spec, job);
    if (!g)
        return g;
    // The graph was made just now and is not shared yet: the last step may still change it.
    attached::linkAttachments(*std::const_pointer_cast<ImageGraph>(g.value()));
    return g;
}

Result<ImageGraphPtr> SourceOpener::openUnlinked(const SourceSpec &spec, JobContext *job)
{
    qCDebug(lcSources) << "open" << spec.text;
    if (spec.kind == SourceSpec::Kind::Registry)
        return openRegistrySource(spec, job);
    if (spec.kind == SourceSpec::Kind::DockerDaemon)
        return EngineSource::open(spec, job);
    if (spec.kind == SourceSpec::Kind::RegistryDir ||
        (spec.kind == SourceSpec::Kind::Auto && registrydir::isRegistryStorage(spec.path)))
        return RegistryDirSource::open(spec, job);
    const QFileInfo fi(spec.path);
    if (!fi.exists())
        return makeError(ErrorCode::NotFound, u"no such file or folder"_s, spec.path);
    auto g = std::make_shared<ImageGraph>();
    g->sourcePath = spec.path;
    g->sourceSpec = spec.text;
    Node root;
    root.kind = NodeKind::Source;
    root.title = fi.fileName().isEmpty() ? spec.path : fi.fileName();
    root.present = true;
    g->addNode(root, -1);

    ContainerPtr container;
    QString compressionNote;
    if (fi.isDir()) {
        if (spec.kind == SourceSpec::Kind::DockerArchive || spec.kind == SourceSpec::Kind::OciArchive)
            return makeError(ErrorCode::NotAnImage, u"is a folder, not an archive"_s, spec.path);
        Result<std::shared_ptr<DirContainer>> d = DirContainer::openFolder(spec.path);
        if (!d)
            return d.error();
        container = d.value();
    } else {
        if (spec.kind == SourceSpec::Kind::OciLayout)
            return makeError(ErrorCode::NotAnImage,
                             u"is a file; oci: names a layout folder (use oci-archive: for a tar)"_s, spec.path);
        if (spec.kind == SourceSpec::Kind::DirTransport)
            return makeError(ErrorCode::NotAnImage, u"is a file; dir: names a folder"_s, spec.path);
        Result<std::shared_ptr<TarContainer>> t = TarContainer::openArchive(spec.path, job);
        if (!t)
            return t.error();
        if (t.value()->outerCompression() != mediatype::Compression::None)
            compressionNote = u", %1-compressed"_s.arg(mediatype::compressionName(t.value()->outerCompression()));
        container = t.value();
    }
    g->container = container;
    g->nodes[0].member = QString();
    if (Status s = readArchiveOrLayout(*g, *container, spec, fi.isDir()); !s)
        return s.error();
    g->format += compressionNote;
    for (const Error &e : container->structuralProblems())
        g->addProblem(problemKindFor(e.code), 0, e.message);
    return ImageGraphPtr(std::move(g));
}

} // namespace strata
