// SPDX-License-Identifier: MIT
// The OCI-layout view of one registry image.
#include "core/sources/registrycontainer.h"
#include "core/format/sizeformat.h"
#include "core/io/memorystream.h"
#include "core/json/jsondocument.h"
#include "core/json/jsonlimits.h"
#include "core/mediatypes.h"
#include "core/sources/blobpaths.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace strata {

namespace {

// The manifests an index names (valid digests only), for the referrers lookups.
QList<Digest> childDigests(const QByteArray &body)
{
    QList<Digest> out;
    Result<QJsonObject> o = json::parseObject(body, limits::ManifestBytes, QString());
    if (!o)
        return out;
    for (const QJsonValue &v : o->value("manifests"_L1).toArray())
        if (Result<Digest> d = Digest::parse(v.toObject().value("digest"_L1).toString()); d && d->isVerifiable())
            if (!out.contains(d.value()))
                out << d.value();
    return out;
}

} // namespace

Result<std::shared_ptr<RegistryContainer>> RegistryContainer::open(std::shared_ptr<const RegistryClient> client,
                                                                   const RegistryReference &ref, JobContext *job,
                                                                   const RegistryDiscovery &discover)
{
    Result<ManifestResponse> m = client->fetchManifest(ref.repository, ref.reference(), job);
    if (!m)
        return m.error();
    std::shared_ptr<RegistryContainer> c(new RegistryContainer);
    c->m_client = std::move(client);
    c->m_ref = ref;
    c->m_root = m.value();
    // By digest, the descriptor names the digest asked for, so a registry serving other bytes shows up
    // as a digest mismatch in verification; by tag, the digest of the bytes received.
    const Digest named = ref.digest.isNull() ? m->digest : ref.digest;
    QString mediaType = m->mediaType;
    if (!mediatype::isIndex(mediaType) && !mediatype::isManifest(mediaType)) {
        // A registry that sends no (or a generic) Content-Type: fall back on the document's own field.
        if (Result<QJsonObject> o = json::parseObject(m->body, limits::ManifestBytes, ref.toString()))
            if (const QString own = json::optString(o.value(), "mediaType"_L1); !own.isEmpty())
                mediaType = own;
    }
    QJsonObject annotations{
        {u"org.opencontainers.image.ref.name"_s, ref.digest.isNull() ? ref.tag : ref.digest.toString()},
        {u"io.containerd.image.name"_s, ref.toString()}};
    const QJsonObject desc{{u"mediaType"_s, mediaType},
                           {u"digest"_s, named.toString()},
                           {u"size"_s, m->body.size()},
                           {u"annotations"_s, annotations}};
    QJsonArray manifests{desc};
    c->m_manifests.insert(named.toString(), m->body);
    c->learnChildren(m->body);
    Result<AttachedDiscovery> found =
        discover.enabled
            ? discoverAttached(*c->m_client, ref.repository, named, childDigests(m->body), job, discover.artifactType)
            : Result<AttachedDiscovery>(AttachedDiscovery{});
    if (!found)
        return found.error();
    c->m_notes = found->notes;
    // index.json is read with limits::TopLevelJsonBytes: artifacts past that budget are left out, and said.
    qsizetype bytes = QJsonDocument(manifests).toJson(QJsonDocument::Compact).size() + 100;
    int left = 0;
    for (const DiscoveredArtifact &a : std::as_const(found->artifacts)) {
        const QJsonObject o = a.descriptor.toJson();
        const qsizetype size = QJsonDocument(o).toJson(QJsonDocument::Compact).size() + 1;
        if (bytes + size > limits::TopLevelJsonBytes) {
            ++left;
            continue;
        }
        bytes += size;
        manifests.append(o);
        QMutexLocker lock(&c->m_mutex);
        c->m_manifestDigests.insert(a.descriptor.digest.toString());
        if (!a.manifest.isEmpty() && !c->m_manifests.contains(a.descriptor.digest.toString()))
            c->m_manifests.insert(a.descriptor.digest.toString(), a.manifest);
    }
    if (left > 0)
        c->m_notes << DiscoveryNote{named, ProblemKind::TooLarge,
                                    u"%1 attached artifacts found in the registry are not shown: their descriptors "
                                    "would make the image's index larger than %2"_s.arg(
                                        format::countText(left), format::sizeText(limits::TopLevelJsonBytes))};
    const QJsonObject index{{u"schemaVersion"_s, 2},
                            {u"mediaType"_s, QString::fromLatin1(mediatype::OciIndex)},
                            {u"manifests"_s, manifests}};
    c->m_indexJson = QJsonDocument(index).toJson(QJsonDocument::Compact);
    c->m_ociLayout = QByteArrayLiteral("{\"imageLayoutVersion\":\"1.0.0\"}");
    return c;
}

QString RegistryContainer::path() const
{
    return u"docker://"_s + m_ref.toString();
}

void RegistryContainer::learnChildren(const QByteArray &body) const
{
    Result<QJsonObject> o = json::parseObject(body, limits::ManifestBytes, QString());
    if (!o)
        return;
    QMutexLocker lock(&m_mutex);
    for (const QJsonValue &v : o->value("manifests"_L1).toArray())
        if (Result<Digest> d = Digest::parse(v.toObject().value("digest"_L1).toString()); d && d->isVerifiable())
            m_manifestDigests.insert(d->toString());
}

Result<QByteArray> RegistryContainer::manifestBytes(const Digest &d, bool mustBeManifest) const
{
    const QString key = d.toString();
    {
        QMutexLocker lock(&m_mutex);
        auto it = m_manifests.constFind(key);
        if (it != m_manifests.constEnd())
            return *it;
        if (!mustBeManifest && !m_manifestDigests.contains(key))
            return makeError(ErrorCode::NotFound, u"not known as a manifest"_s, key);
    }
    Result<ManifestResponse> m = m_client->fetchManifest(m_ref.repository, key, nullptr);
    if (!m)
        return m.error();
    learnChildren(m->body);
    QMutexLocker lock(&m_mutex);
    m_manifests.insert(key, m->body);
    return m->body;
}

Result<MemberStat> RegistryContainer::stat(const QString &name) const
{
    if (name == u"index.json")
        return MemberStat{name, name, m_indexJson.size(), false};
    if (name == u"oci-layout")
        return MemberStat{name, name, m_ociLayout.size(), false};
    const std::optional<Digest> d = name.startsWith(u"blobs/"_s) ? digestFromMemberName(name) : std::nullopt;
    if (!d || ociBlobPath(*d) != name)
        return makeError(ErrorCode::NotFound, u"no such member in a registry image"_s,
                         path() + u": "_s + name.left(200));
    if (Result<QByteArray> m = manifestBytes(*d, false))
        return MemberStat{name, name, m->size(), false};
    else if (m.error().code != ErrorCode::NotFound || m.error().message != u"not known as a manifest")
        return m.error();
    Result<qint64> size = m_client->statBlob(m_ref.repository, *d, nullptr);
    if (!size) {
        // Some registries serve manifests only under /manifests/: try there before calling it missing.
        if (size.error().code == ErrorCode::NotFound)
            if (Result<QByteArray> m = manifestBytes(*d, true))
                return MemberStat{name, name, m->size(), false};
        return size.error();
    }
    return MemberStat{name, name, qMax<qint64>(size.value(), 0), false};
}

Result<ByteStreamPtr> RegistryContainer::open(const QString &name) const
{
    if (name == u"index.json")
        return ByteStreamPtr(std::make_unique<MemoryStream>(m_indexJson));
    if (name == u"oci-layout")
        return ByteStreamPtr(std::make_unique<MemoryStream>(m_ociLayout));
    const std::optional<Digest> d = name.startsWith(u"blobs/"_s) ? digestFromMemberName(name) : std::nullopt;
    if (!d || ociBlobPath(*d) != name)
        return makeError(ErrorCode::NotFound, u"no such member in a registry image"_s,
                         path() + u": "_s + name.left(200));
    if (Result<QByteArray> m = manifestBytes(*d, false))
        return ByteStreamPtr(std::make_unique<MemoryStream>(m.value()));
    else if (m.error().code != ErrorCode::NotFound || m.error().message != u"not known as a manifest")
        return m.error();
    Result<ByteStreamPtr> s = m_client->openBlob(m_ref.repository, *d, nullptr);
    if (!s && s.error().code == ErrorCode::NotFound)
        if (Result<QByteArray> m = manifestBytes(*d, true))
            return ByteStreamPtr(std::make_unique<MemoryStream>(m.value()));
    return s;
}

QStringList RegistryContainer::list(const QString &dir) const
{
    if (dir.isEmpty())
        return {u"index.json"_s, u"oci-layout"_s};
    return {};
}

} // namespace strata
