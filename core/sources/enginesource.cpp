// SPDX-License-Identifier: MIT
// docker-daemon: → GET /images/{name}/get → a spooled, unlinked archive → the usual readers.
#include "core/sources/enginesource.h"
#include "core/engine/engineclient.h"
#include "core/sources/sourceopener.h"

#include <QFile>
#include <QTemporaryDir>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace strata {

QString EngineSource::repoDigestExplanation()
{
    return u"The engine's repo digest (RepoDigests, shown by `docker images --digests`) is the digest of the manifest "
           "a registry served when the image was pulled or pushed. Saving an image does not keep that manifest: a "
           "docker-archive holds the config and the uncompressed layers with a manifest.json that is not "
           "content-addressed, and Docker 25+ writes a new OCI manifest for the uncompressed layers. So the manifest "
           "digest inside the saved archive, if any, differs from the repo digest. What must match is the image ID "
           "(the config digest) and the layers' diff_ids."_s;
}

namespace {

Status writeAll(int fd, const char *p, qint64 n, const QString &file)
{
    while (n > 0) {
        const ssize_t w = ::write(fd, p, static_cast<size_t>(n));
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return makeError(ErrorCode::Io,
                             u"cannot write the spooled image: %1"_s.arg(QString::fromLocal8Bit(std::strerror(errno))),
                             file);
        p += w;
        n -= w;
    }
    return Ok{};
}

} // namespace

Result<ImageGraphPtr> EngineSource::open(const SourceSpec &spec, JobContext *job)
{
    const QString ref = spec.selection.reference;
    if (Status s = EngineClient::checkReference(ref); !s)
        return s.error();
    Result<EngineEndpoint> ep = findEngine();
    if (!ep)
        return ep.error();
    const EngineClient client(ep.value());
    Result<EngineInfo> info = client.version(job);
    if (!info)
        return makeError(
            info.error().code,
            u"cannot reach the container engine at %1 (%2): %3"_s.arg(ep->socketPath, ep->origin, info.error().message),
            spec.text);
    Result<EngineImage> image = client.inspectImage(ref, job);
    if (!image)
        return image.error();

    QTemporaryDir tmp; // private (0700), removed when this function returns
    if (!tmp.isValid())
        return makeError(ErrorCode::Io, u"cannot create a private temporary folder"_s, spec.text);
    const QString file = tmp.filePath(u"image.tar"_s);
    const int fd = ::open(QFile::encodeName(file).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return makeError(ErrorCode::Io, QString::fromLocal8Bit(std::strerror(errno)), file);
    if (job && image->size > 0)
        job->setTotal(image->size);
    qint64 received = 0;
    Status saved = client.saveImage(
        ref,
        [&](const char *p, qint64 n) {
            received += n;
            return writeAll(fd, p, n, file);
        },
        job);
    ::close(fd);
    if (!saved) {
        // An engine that stopped mid-export (a stopped daemon) says nothing about the image: the error
        // stays Unavailable, with how far the export got.
        if (saved.error().code == ErrorCode::Unavailable && received > 0)
            return makeError(
                ErrorCode::Unavailable,
                u"the export of \"%1\" stopped after %2 bytes: %3"_s.arg(ref).arg(received).arg(saved.error().message),
                saved.error().context);
        return saved.error();
    }

    SourceSpec inner;
    inner.path = file;
    inner.text = file;
    Result<ImageGraphPtr> opened = SourceOpener::open(inner, job);
    if (!opened)
        return opened.error();
    // The archive's descriptor stays open in the container; the folder goes when `tmp` does.
    auto g = std::make_shared<ImageGraph>(*opened.value());
    g->sourcePath = spec.text;
    g->sourceSpec = spec.text;
    g->format = u"saved by %1 from %2: %3"_s.arg(info->display(), ep->socketPath, g->format);
    Node &root = g->nodes[0];
    root.title = ref;
    QStringList facts{u"Image ID %1."_s.arg(image->id)};
    if (!image->repoDigests.isEmpty())
        facts << u"Repo digests: %1."_s.arg(image->repoDigests.join(u", "_s));
    else
        facts << u"No repo digest: the image was built or loaded locally, never pulled or pushed."_s;
    root.note = facts.join(u' ') + u' ' + repoDigestExplanation();
    // The image ID is the config digest: the saved archive must hold exactly that config.
    bool found = false;
    for (const ImageInfo &img : std::as_const(g->images)) {
        if (img.configNode >= 0 && g->nodes[img.configNode].digest().toString() == image->id)
            found = true;
    }
    if (!found && !g->images.isEmpty())
        g->addProblem(
            ProblemKind::DigestMismatch, 0,
            u"the engine says the image ID is %1, but the archive it saved holds no config with that digest"_s.arg(
                image->id),
            image->id, g->nodes[g->images.first().configNode].digest().toString());
    return ImageGraphPtr(std::move(g));
}

} // namespace strata
