// SPDX-License-Identifier: MIT
// A registry image presented as an OCI layout, so the layout reader, verifier, layer listing and
// compare work on it unchanged: a synthesized index.json and oci-layout describe the manifest that
// REPO:TAG (or @DIGEST) resolved to, and blobs/<alg>/<hex> maps to /manifests/<digest> for manifests
// and indexes, /blobs/<digest> for configs and layers. Blobs are fetched only when opened, streamed.
#pragma once

#include "core/io/container.h"
#include "core/registry/attacheddiscovery.h"
#include "core/registry/registryclient.h"
#include "core/registry/registryreference.h"

#include <QHash>
#include <QMutex>
#include <QSet>

namespace strata {

// Whether (and how) to look up what is attached when a registry image opens.
struct RegistryDiscovery
{
    bool enabled = true;
    QString artifactType; // the referrers API's filter
};

class RegistryContainer final : public Container
{
public:
    // Resolves the reference (one manifest GET), then looks up what is attached to it (attacheddiscovery.h): each
    // artifact found becomes one more entry of the synthesized index.json, annotated with how it was found and
    // its subject (unless `discover` is false). Errors: as RegistryClient::fetchManifest; a failed lookup is only a
    // note.
    static Result<std::shared_ptr<RegistryContainer>> open(std::shared_ptr<const RegistryClient> client,
                                                           const RegistryReference &ref, JobContext *job,
                                                           const RegistryDiscovery &discover = {});

    QString path() const override;
    Result<MemberStat> stat(const QString &name) const override;
    // Blob streams must be read on the thread that opened them.
    Result<ByteStreamPtr> open(const QString &name) const override;
    QStringList list(const QString &dir) const override;

    const RegistryReference &reference() const { return m_ref; }
    const ManifestResponse &resolved() const { return m_root; }
    std::shared_ptr<const RegistryClient> client() const { return m_client; }
    // What the attached-artifact lookups could not do (cut lists, refused entries, failed requests).
    const QList<DiscoveryNote> &discoveryNotes() const { return m_notes; }

private:
    RegistryContainer() = default;
    // The cached manifest for a digest, fetching it when it is known (or found) to be one.
    Result<QByteArray> manifestBytes(const Digest &d, bool mustBeManifest) const;
    void learnChildren(const QByteArray &body) const;

    std::shared_ptr<const RegistryClient> m_client;
    RegistryReference m_ref;
    ManifestResponse m_root;
    QByteArray m_indexJson;
    QByteArray m_ociLayout;
    QList<DiscoveryNote> m_notes;
    mutable QMutex m_mutex;
    mutable QHash<QString, QByteArray> m_manifests; // digest → bytes (each ≤ limits::ManifestBytes)
    mutable QSet<QString> m_manifestDigests;        // named by an index: fetched from /manifests/
};

} // namespace strata
