// SPDX-License-Identifier: MIT
// The few Docker Engine API calls Strata needs (also served by Podman's compatible API): version,
// the image list, one image's facts, and `docker save` as a stream.
#pragma once

#include "core/engine/enginesocket.h"
#include "core/engine/unixhttpclient.h"

namespace strata {

struct EngineInfo
{
    QString product;    // "Docker Engine", "Podman Engine"
    QString version;    // "4.3.1"
    QString apiVersion; // "1.41"
    QString display() const;
};

struct EngineImage
{
    QString id;              // "sha256:<hex>": the config digest
    QStringList repoTags;    // "docker.io/strata/sample:v1"; "<none>:<none>" dropped
    QStringList repoDigests; // "docker.io/strata/sample@sha256:…": registry manifest digests
    qint64 size = -1;
    qint64 created = 0; // seconds since the epoch
};

// One row of `docker images --digests`: an image once per tag, or once untagged.
struct EngineImageRow
{
    QString repository; // "<none>" when untagged
    QString tag;        // "<none>" when untagged
    QString repoDigest; // the repo digest for this repository, or "<none>"
    QString imageId;
    qint64 size = -1;
    qint64 created = 0;
    QString reference; // what docker-daemon: takes to open it: "repo:tag", or the image ID
};
QList<EngineImageRow> engineImageRows(const QList<EngineImage> &images);

class EngineClient final
{
public:
    explicit EngineClient(EngineEndpoint endpoint);
    const EngineEndpoint &endpoint() const { return m_endpoint; }

    // All blocking; call from a worker. Errors: those of UnixHttpClient, plus NotFound (404, with the
    // engine's message), Io (another non-2xx answer), Malformed (JSON that is not what the API defines),
    // TooLarge (answers over the caps: 64 MiB for the list, 8 MiB otherwise).
    // Product and version from GET /_ping's headers (cheap, unlike /version on Podman).
    Result<EngineInfo> version(JobContext *job = nullptr) const;
    Result<QList<EngineImage>> listImages(JobContext *job = nullptr) const;
    Result<EngineImage> inspectImage(const QString &reference, JobContext *job = nullptr) const;
    // Streams GET /images/{reference}/get (a docker-archive, or Docker 25+'s OCI + manifest.json tar).
    Status saveImage(const QString &reference, const UnixHttpClient::BodySink &sink, JobContext *job = nullptr) const;

    // Checks a name, name:tag, name@digest or image ID before it goes into a URL path: the characters of
    // the reference grammar only, at most 512. Errors: Malformed.
    static Status checkReference(const QString &reference);

private:
    Result<QByteArray> getJson(const QByteArray &target, qint64 cap, JobContext *job) const;

    EngineEndpoint m_endpoint;
    UnixHttpClient m_http;
};

} // namespace strata
