// SPDX-License-Identifier: MIT
// Stored manifests and the references between them (what `registry garbage-collect` marks).
#include "core/sources/registrydirrefs.h"
#include "core/io/dircontainer.h"
#include "core/json/jsondocument.h"
#include "core/json/jsonlimits.h"
#include "core/mediatypes.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace strata {

namespace {

void addDigest(QList<Digest> &out, const QJsonValue &descriptor)
{
    if (Result<Digest> d = Digest::parse(descriptor.toObject().value("digest"_L1).toString()); d && d->isVerifiable())
        out << d.value();
}

} // namespace

RegistryManifests::RegistryManifests(std::shared_ptr<DirContainer> v2, const RegistryInventory &inventory)
    : m_v2(std::move(v2)), m_inv(inventory)
{
}

StoredManifest RegistryManifests::get(const Digest &d)
{
    if (auto it = m_cache.constFind(d); it != m_cache.constEnd())
        return *it;
    StoredManifest m;
    const QString file = registrydir::blobDataPath(d);
    if (!m_inv.blobs.contains(d)) {
        m.error = u"%1 is not stored"_s.arg(file);
    } else if (m_bytesRead > limits::MaxLoadedJsonBytes) {
        m.error =
            u"over the %1-byte budget for manifests read from one source; not read"_s.arg(limits::MaxLoadedJsonBytes);
    } else if (Result<QByteArray> raw = m_v2->readSmall(file, limits::ManifestBytes); !raw) {
        m.error = raw.error().message;
    } else {
        m_bytesRead += raw->size();
        Result<QJsonObject> obj = json::parseObject(raw.value(), limits::ManifestBytes, file);
        if (!obj) {
            m.error = obj.error().message;
        } else {
            const QJsonObject &o = obj.value();
            m.readable = true;
            m.mediaType = json::optString(o, "mediaType"_L1);
            const bool hasManifests = o.value("manifests"_L1).isArray();
            if (m.mediaType.isEmpty()) {
                // OCI documents may omit mediaType; the registry kept the Content-Type it was pushed with
                // nowhere on disk, so infer it the way distribution's manifest handlers do.
                if (o.value("schemaVersion"_L1).toInt() == 1)
                    m.mediaType = QString::fromLatin1(mediatype::DockerSchema1Signed);
                else
                    m.mediaType = QString::fromLatin1(hasManifests ? mediatype::OciIndex : mediatype::OciManifest);
            }
            for (const QJsonValue &c : o.value("manifests"_L1).toArray())
                addDigest(m.children, c);
            if (o.contains("config"_L1))
                addDigest(m.blobs, o.value("config"_L1));
            for (const QJsonValue &l : o.value("layers"_L1).toArray())
                addDigest(m.blobs, l);
            for (const QJsonValue &l : o.value("fsLayers"_L1).toArray()) // schema 1
                if (Result<Digest> dd = Digest::parse(l.toObject().value("blobSum"_L1).toString());
                    dd && dd->isVerifiable())
                    m.blobs << dd.value();
            if (o.contains("subject"_L1)) {
                addDigest(m.blobs, o.value("subject"_L1));
                if (Result<Digest> sd = Digest::parse(o.value("subject"_L1).toObject().value("digest"_L1).toString()))
                    m.subject = sd.value();
            }
        }
    }
    return *m_cache.insert(d, m);
}

QSet<Digest> RegistryManifests::referencedFromAllRepositories(JobContext *job)
{
    QSet<Digest> seen;
    QList<Digest> queue;
    for (const RegistryRepository &r : m_inv.repositories) {
        for (const auto &t : r.tags)
            queue << t.second.digest;
        for (const RegistryLink &l : r.revisions)
            queue << l.digest;
    }
    while (!queue.isEmpty()) {
        if (job && job->isCanceled())
            break;
        const Digest d = queue.takeLast();
        if (seen.contains(d))
            continue;
        seen.insert(d);
        const StoredManifest m = get(d);
        for (const Digest &b : m.blobs)
            seen.insert(b);
        for (const Digest &c : m.children) {
            if (!seen.contains(c))
                queue << c;
        }
    }
    return seen;
}

} // namespace strata
