// SPDX-License-Identifier: MIT
// What changed between two images: layers matched by content, the config field by field, and the
// merged filesystems file by file.
#pragma once

#include "core/verify/imagelisting.h"

namespace strata {

struct LayerPair
{
    enum class Status { Shared, Changed, Added, Removed };
    int left = -1;  // layer index in the left image, -1 when added
    int right = -1; // layer index in the right image, -1 when removed
    Status status = Status::Shared;
    bool recompressed = false; // shared content (diff_id) stored as different blobs
};
QString layerStatusName(LayerPair::Status s);

struct ConfigChange
{
    QString field; // "Env.PATH", "Labels.org.opencontainers.image.version", "Cmd", "history[3].created_by"
    QString left;  // empty with leftMissing when absent
    QString right;
    bool leftMissing = false;
    bool rightMissing = false;
};

struct FileChange
{
    enum class Status { Added, Removed, Modified, Metadata };
    QString path;
    Status status = Status::Modified;
    int leftLayer = -1;
    int rightLayer = -1;
    QStringList details; // "size 12 → 14", "mode 0644 → 0755", "content", "link target a → b"
};
QString fileStatusName(FileChange::Status s);

struct CompareOptions
{
    bool ignoreTimestamps = false;
    bool ignoreMetadata = false; // drop metadata-only changes
};

struct ImageComparison
{
    bool identical = false;   // the same manifest (or, without manifests, the same config and blobs)
    bool sameContent = false; // the same config digest: the same diff_ids and runtime config
    QList<LayerPair> layers;
    QList<ConfigChange> config;
    QList<FileChange> files; // sorted by path
    qint64 leftSize = 0;     // stored bytes of layers
    qint64 rightSize = 0;
    int count(LayerPair::Status s) const;
};

// Layer identities → pairs: longest common subsequence over content identities (diff_id, else
// the blob digest), then unmatched runs between matches paired in order as "changed".
QList<LayerPair> matchLayers(const QList<QString> &left, const QList<QString> &right);

QList<ConfigChange> compareConfigs(const ImageConfig *left, const ImageConfig *right);

QList<FileChange> compareFiles(const QList<LayerTocPtr> &left, const QList<LayerTocPtr> &right,
                               const CompareOptions &o);

// Everything, from two listings (which carry the graphs' layer order).
ImageComparison compareImages(const ImageGraph &lg, const ImageListing &l, const ImageGraph &rg, const ImageListing &r,
                              const CompareOptions &o);

} // namespace strata

namespace strata {

struct ImagePairing
{
    QList<QPair<int, int>> pairs; // (left image, right image), same os/arch/variant
    QList<int> unpairedLeft;
    QList<int> unpairedRight;
};
// Runnable images paired by platform; a single runnable image on each side pairs whatever its platform.
ImagePairing pairImages(const ImageGraph &left, const ImageGraph &right);

} // namespace strata
