// SPDX-License-Identifier: MIT
// What the manifests stored in a registry refer to: their media types (the storage keeps none beside
// the bytes), their children, configs and layers, and so which stored blobs nothing refers to.
#pragma once

#include "core/sources/registrydirscan.h"

#include <QSet>

namespace strata {

struct StoredManifest
{
    bool readable = false;
    QString error;          // why it could not be read or parsed
    QString mediaType;      // declared, or inferred from the fields when the document has none
    QList<Digest> children; // an index's manifests
    QList<Digest> blobs;    // a manifest's config and layers (and subject, when present)
    Digest subject;         // an OCI 1.1 subject, when present and valid
};

class RegistryManifests final
{
public:
    RegistryManifests(std::shared_ptr<DirContainer> v2, const RegistryInventory &inventory);

    // Reads (once) and parses the stored manifest `d`, bounded by limits::ManifestBytes.
    StoredManifest get(const Digest &d);

    // Every digest referenced from the manifests of every repository: the tagged and revision
    // manifests, their children (transitively) and their configs and layers. Reads at most
    // limits::MaxLoadedJsonBytes of manifests. Thread-compatible, not thread-safe.
    QSet<Digest> referencedFromAllRepositories(JobContext *job = nullptr);

private:
    std::shared_ptr<DirContainer> m_v2;
    const RegistryInventory &m_inv;
    QHash<Digest, StoredManifest> m_cache;
    qint64 m_bytesRead = 0;
};

} // namespace strata
