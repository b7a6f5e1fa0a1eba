// SPDX-License-Identifier: MIT
// The digest pinned is the one `docker pull NAME:TAG` resolves: for a multi-platform image, the index's own digest
// (the runtime then picks its platform), never one platform's manifest.
#include "core/pin/pinresolver.h"
#include "core/io/bytestream.h"
#include "core/json/jsondocument.h"
#include "core/json/jsonlimits.h"
#include "core/mediatypes.h"
#include "core/model/manifest.h"
#include "core/registry/registryclient.h"
#include "core/sources/registrysource.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace strata::pin {

PinResolver::PinResolver(bool tlsVerify) : m_tlsVerify(tlsVerify) {}

PinResolver::~PinResolver() = default;

std::shared_ptr<const RegistryClient> PinResolver::client(const QString &host)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_clients.constFind(host);
    if (it != m_clients.constEnd())
        return *it;
    RegistryOptions options;
    options.tlsVerify = m_tlsVerify && !isInsecureRegistry(host);
    auto c = std::make_shared<const RegistryClient>(host, options);
    m_clients.insert(host, c);
    return c;
}

Result<Resolution> PinResolver::resolve(const RegistryReference &ref, JobContext *job)
{
    const QString key = ref.toString();
    {
        QMutexLocker lock(&m_mutex);
        auto it = m_cache.constFind(key);
        if (it != m_cache.constEnd())
            return *it;
    }
    Result<Resolution> r = lookUp(ref, job);
    if (!r && r.error().code == ErrorCode::Canceled)
        return r;
    QMutexLocker lock(&m_mutex);
    m_cache.insert(key, r);
    return r;
}

Result<Resolution> PinResolver::lookUp(const RegistryReference &ref, JobContext *job)
{
    const std::shared_ptr<const RegistryClient> c = client(ref.host);
    if (job)
        job->setCurrentObject(ref.toString());
    Result<ManifestResponse> m = c->fetchManifest(ref.repository, ref.reference(), job);
    if (!m)
        return m.error();
    Resolution r;
    r.digest = m->digest;
    r.mediaType = m->mediaType;
    const QString ctx = ref.toString();
    Result<QJsonObject> o = json::parseObject(m->body, limits::ManifestBytes, ctx);
    if (!o)
        return o.error();
    if (o->contains(u"manifests"_s)) {
        Result<Index> idx = Index::fromJson(o.value(), ctx);
        if (!idx)
            return idx.error();
        for (const Descriptor &d : idx->manifests)
            if (d.platform && !d.platform->isUnknown() && !d.platform->isEmpty() &&
                !r.platforms.contains(d.platform->toString()))
                r.platforms << d.platform->toString();
        return r;
    }
    // A single manifest: its config says which platform (one more small request).
    Result<Manifest> man = Manifest::fromJson(o.value(), ctx);
    if (!man || man->config.digest.isNull())
        return r;
    Result<ByteStreamPtr> blob = c->openBlob(ref.repository, man->config.digest, job);
    if (!blob)
        return r; // the digest is what matters; the platform is a courtesy
    Result<QByteArray> bytes = readAllBounded(*blob.value(), limits::ConfigBytes, ctx);
    if (!bytes)
        return r;
    Result<QJsonObject> cfg = json::parseObject(bytes.value(), limits::ConfigBytes, ctx);
    if (cfg && cfg->contains(u"architecture"_s)) {
        const Platform p = Platform::fromJson(cfg.value());
        if (!p.isEmpty())
            r.platforms << p.toString();
    }
    return r;
}

} // namespace strata::pin
