// SPDX-License-Identifier: MIT
// Every string the explorer can put on the clipboard for a row, built without any widget.
#pragma once

#include "core/model/imagegraph.h"

#include <QCoreApplication>

namespace strata::ui {

enum class CopyKind {
    Digest,                  // "sha256:<64 hex>"
    ShortDigest,             // "sha256:<12 hex>"
    Hex,                     // the encoded part only
    PinnedReference,         // "repo@sha256:…", where a repository name is known
    DiffId,                  // rootfs.diff_ids[i] of a layer
    PlatformManifestDigest,  // the digest of the image's (platform) manifest
    IndexDigest,             // the digest of the index above it
    DocumentJson,            // the document's exact bytes
    DescriptorJson,          // the descriptor that references the node
    SkopeoInspect,           // "skopeo inspect docker://repo@sha256:…"
    DockerPull,              // "docker pull repo@sha256:…"
    CreatedBy,               // a history step's command
    CosignVerify,            // "cosign verify --key cosign.pub repo@sha256:<subject>"
    CosignVerifyAttestation, // "cosign verify-attestation --key cosign.pub --type … repo@sha256:<subject>"
    CosignDownloadSbom,      // "cosign download sbom repo@sha256:<subject>"
    OrasDiscover,            // "oras discover repo@sha256:<subject>"
    NotationVerify,          // "notation verify repo@sha256:<subject>"
};

struct CopyItem
{
    CopyKind kind;
    QString label; // menu text
    QString text;  // what goes on the clipboard
};

class CopyActions final
{
    Q_DECLARE_TR_FUNCTIONS(CopyActions)
public:
    // The actions that apply to node `nodeId`, in menu order; those without a value are left out.
    static QList<CopyItem> forNode(const ImageGraph &g, int nodeId);
    // For an empty-layer history step row.
    static QList<CopyItem> forHistory(const ImageGraph &g, int imageIndex, int historyIndex);
    // What Ctrl+C copies: the digest, or for a history step its command. Empty kind list: nothing.
    static std::optional<CopyItem> primary(const QList<CopyItem> &items);
    static std::optional<CopyItem> find(const QList<CopyItem> &items, CopyKind kind);

    // "docker.io/library/hello-world:latest" → "docker.io/library/hello-world"; a bare tag ("v1",
    // as OCI ref.name annotations often hold), a placeholder ("image 2") or garbage → empty.
    static QString repositoryOf(const QString &name);
    // "repo@sha256:…" for the nearest node at or above `nodeId` that has both a digest and a name with a
    // repository: the name points at that node, so that is the digest to pin. Empty when none.
    static QString pinnedReference(const ImageGraph &g, int nodeId);
    // The repository an attached artifact (or an attached group) lives in: a name on it, on its subject or
    // above, else the source's docker:// reference. Empty when none is known.
    static QString artifactRepository(const ImageGraph &g, int nodeId);
    // Stands for the repository in commands when none is known; the menu text says to replace it.
    static QString repositoryPlaceholder() { return QStringLiteral("IMAGE"); }
};

} // namespace strata::ui
