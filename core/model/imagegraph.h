// SPDX-License-Identifier: MIT
// A loaded image source as an immutable graph: source → (index →)* manifest → config + layers.
// Built once on a worker, then shared read-only (std::shared_ptr<const ImageGraph>).
#pragma once

#include "core/io/container.h"
#include "core/mediatypes.h"
#include "core/model/attachment.h"
#include "core/model/descriptor.h"
#include "core/model/imageconfig.h"
#include "core/model/manifest.h"
#include "core/model/problem.h"
#include "core/signatures/storedsignature.h"

#include <memory>
#include <optional>

namespace strata {

// Attached: the group of artifacts that refer to its parent (or, under the source, to nothing in it).
enum class NodeKind { Source, Index, Manifest, Config, Layer, Blob, LegacyLayer, Signature, Attached };
QString nodeKindName(NodeKind k);

// What an identifier is: five different digests that people confuse (image-spec config.md
// §ImageID, §Layer DiffID, §Layer ChainID; moby daemon/containerd/image_list.go for the containerd store's image ID).
enum class IdentifierKind { IndexDigest, ManifestDigest, ConfigDigest, LayerDigest, DiffId, ChainId, None };
QString identifierKindName(IdentifierKind k);

struct Node
{
    int id = -1;
    int parent = -1;
    int row = 0; // position among the parent's children
    QList<int> children;
    NodeKind kind = NodeKind::Blob;
    QString title; // "index.json", "linux/amd64", "config", "layer 3"

    std::optional<Descriptor> descriptor; // as declared by whoever references it, describing the stored bytes
    std::optional<Descriptor>
        registryDescriptor; // docker save LayerSources: the pushed (compressed) form, not stored here
    QString member;         // where its bytes are in the container; empty when nowhere
    bool present = false;
    bool absenceAllowed = false;      // "not included", not corruption
    qint64 storedSize = -1;           // length of the member
    std::optional<Digest> nameDigest; // the digest the member's file name claims
    QByteArray raw;                   // JSON documents: the exact bytes, hashed as they are
    DocumentKind documentKind = DocumentKind::Unknown;

    int imageIndex = -1;                  // into ImageGraph::images
    int layerIndex = -1;                  // position in the manifest's layers
    std::optional<Digest> expectedDiffId; // rootfs.diff_ids[layerIndex]
    Digest chainId;
    QString createdBy;
    Platform platform;
    QStringList refNames;   // tags / names pointing here
    QString attestationFor; // the manifest digest this attestation describes
    QString note;           // an explanation shown to the user
    // What a document no one names by digest hashes to (a dir: folder's manifest.json): the digest a registry
    // would serve it under. Not a claim, so nothing is verified against it.
    std::optional<Digest> computedDigest;
    // NodeKind::Signature: the decoded signature, and whether what it claims to sign is its parent's digest.
    std::shared_ptr<const StoredSignature> signature;
    // An artifact placed under the manifest it refers to: what it is and how it was found.
    std::shared_ptr<const Attachment> attachment;

    IdentifierKind identifierKind() const;
    // The digest that names this node, from the descriptor or (legacy) the member name.
    Digest digest() const;
};

struct ImageInfo
{
    QString name; // "strata/sample:v1", or "image 2"
    Platform platform;
    int manifestNode = -1; // -1 for docker-archive images without an OCI manifest
    int configNode = -1;
    QList<int> layerNodes;
    std::shared_ptr<const ImageConfig> config;
    bool attestation = false;
};

struct ImageGraph
{
    QString sourcePath;
    QString sourceSpec; // as the user gave it
    QString format;     // "OCI layout", "docker save (legacy)", "Docker 25+ save, legacy + OCI layout", …
    // The containers/image transport that reads what was opened ("oci", "oci-archive", "docker-archive", "dir"),
    // also when the user gave a plain path; empty when none does (registry storage, a docker-save folder, a
    // pre-1.10 save). What a containers-policy.json is scoped by.
    QString transport;
    QList<Node> nodes; // nodes[0] is the source
    QList<ImageInfo> images;
    ProblemList problems;       // found while loading: structure, parsing, missing blobs
    qint64 jsonBytesLoaded = 0; // while loading, against limits::MaxLoadedJsonBytes
    ContainerPtr container;

    int addNode(Node node, int parent);
    // Moves a node (and what is below it) to the end of another parent's children. The caller makes sure
    // `parent` is not below `id`.
    void moveNode(int id, int parent);
    bool isBelow(int id, int ancestor) const; // `ancestor` is on id's path to the root (or is id)
    const Node &node(int id) const { return nodes[id]; }
    // "layer 2 of strata/sample:v1 (sha256:ab12…)", for messages.
    QString describe(int nodeId) const;
    // Returns the problem added, so a caller can adjust its severity.
    Problem &addProblem(ProblemKind kind, int nodeId, const QString &message, const QString &expected = {},
                        const QString &actual = {});
};

using ImageGraphPtr = std::shared_ptr<const ImageGraph>;

// The manifest or index an attached artifact (or stored signature) refers to: its attachment's subject, or
// for a node the linker has not placed, its parent's digest.
Digest attachedSubjectOf(const ImageGraph &g, const Node &n);
// The artifacts placed in a node's "attached" group (none when it has no group), in tree order.
QList<int> attachedTo(const ImageGraph &g, int nodeId);

// The digest naming an image's config: the descriptor's, the member name's, or sha256 of the bytes
// (which is the image ID by definition, config.md §ImageID).
Digest configDigestOf(const ImageGraph &g, const ImageInfo &img);

} // namespace strata
