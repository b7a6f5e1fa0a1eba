// SPDX-License-Identifier: MIT
// What the graph declares about a node, compared with what was measured of its bytes: one small
// function per check (size, digest, embedded data, file name, layer tar/compression/diff_id …).
#pragma once

#include "core/model/imagegraph.h"
#include "core/verify/blobcheck.h"
#include "core/verify/verifier.h"

namespace strata {

// Collects results and problems of one verification run. Not thread-safe: used after the blob
// tasks are done, on the thread that assembles the report.
class NodeChecks final
{
public:
    NodeChecks(const ImageGraph &graph, QHash<int, NodeResult> &results) : m_graph(graph), m_results(results) {}

    // Runs every check on node `id` whose bytes measured `m`. `fast`: no decompression was asked for.
    void apply(int id, const BlobMeasure &m, bool fast);
    // The node's bytes could not be read to their end: Unreadable for a read failure or a blob gone
    // since the source was opened, else a problem with the bytes read (truncated, malformed).
    void applyFailure(int id, const Error &e);

    // The problems found, ordered by node (stable within a node).
    ProblemList takeProblems();

    // For the checks: one check done on the current node (a failed one turns it into a mismatch).
    void count(NodeResult &r, bool pass);
    void add(ProblemKind kind, int node, const QString &message, const QString &expected = {},
             const QString &actual = {});
    void add(Problem p) { m_problems << std::move(p); }
    const ImageGraph &graph() const { return m_graph; }

private:
    const ImageGraph &m_graph;
    QHash<int, NodeResult> &m_results;
    ProblemList m_problems;
};

// What one check looks at. A new kind of check is one function of this type, listed in nodechecks.cpp.
struct CheckInput
{
    int id;
    const Node &node;
    const BlobMeasure &measure;
    NodeResult &result;
    bool fast;
};
using NodeCheck = void (*)(const CheckInput &, NodeChecks &);

} // namespace strata
