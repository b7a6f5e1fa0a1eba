// SPDX-License-Identifier: MIT
// Turns descriptors into graph nodes, down from an index to configs and layers, for every reader whose documents
// are content-addressed (OCI layouts and archives, dir: folders). The reader says where a digest's bytes live.
#pragma once

#include "core/model/imagegraph.h"

#include <QJsonObject>
#include <QSet>

#include <functional>

namespace strata {

// TooLarge for a limit hit, Malformed for anything else.
ProblemKind problemKindForInvalidDescriptor(const Error &e);

class DescriptorWalker final
{
public:
    struct Naming
    {
        std::function<QString(const Digest &)> document; // a manifest's or index's member
        std::function<QString(const Digest &)> blob;     // a config's, layer's or other blob's member
    };

    DescriptorWalker(ImageGraph &g, const Container &c, Naming naming);

    // Called for each manifest or index node once it and everything below it are added.
    std::function<void(int nodeId)> onDocument;
    // A manifest none of whose blobs is stored gets them as "not included" instead of missing.
    bool noBlobsMeansNotIncluded = false;

    // Adds the node for `d` under `parent` and, for a manifest or index, what it references. `nested`: the
    // document was reached through an index, so its absence is allowed.
    void addDescriptor(const Descriptor &d, int parent, int depth, bool nested, const QString &name);
    // The children of an index node already added (`obj` is its parsed JSON).
    void walkIndex(int id, const QJsonObject &obj, int depth, const QString &name);
    // The config and layers of a manifest node already added.
    void addManifest(int id, const QJsonObject &obj, const QString &name);

private:
    void readDocument(int id, const Descriptor &d, int depth, const QString &name);
    QString nameFor(const Descriptor &d, const QString &inherited) const;
    static QString titleFor(const Node &n, const Descriptor &d);

    ImageGraph &m_g;
    const Container &m_c;
    Naming m_naming;
    QSet<QString> m_onPath; // digests of the indexes being walked: a repeat is a cycle
    bool m_budgetReported = false;
};

} // namespace strata
