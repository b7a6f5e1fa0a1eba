// SPDX-License-Identifier: MIT
// What one verification run will do, decided before any blob is read: which nodes are in scope,
// which are checked from the bytes already in memory, which stored blobs are read (one task per
// distinct blob, largest first), which are decompressed and listed, and which may reuse the
// listing of a comparison's other side.
#pragma once

#include "core/verify/blobcheck.h"
#include "core/verify/verifier.h"

namespace strata {

// One distinct stored blob and everything to do with it; filled in by its task.
struct BlobTask
{
    QString member;
    QList<int> nodes; // every node whose bytes are this member
    qint64 size = 0;
    DigestAlgorithm algorithm = DigestAlgorithm::Sha256;
    DigestAlgorithm diffAlgorithm = DigestAlgorithm::Sha256;
    bool decompress = false;
    bool list = false;
    bool hashContents = true; // per-file content hashes in the listing
    bool hashFirst = false;   // a consumer of a LayerShare: stored bytes only, then the producer's listing
    bool sameFile = false;    // a consumer reading the producer's very file: not read here at all

    // The outcome.
    Result<BlobMeasure> measure = makeError(ErrorCode::Canceled, QStringLiteral("not run"));
    LayerTocPtr toc;
    bool reused = false; // the listing (and measure) came from the LayerShare
};

struct VerifyPlan
{
    QList<Problem> loadProblems;    // of the graph, for the nodes in scope
    QHash<int, CheckStatus> unread; // nodes checked without reading: absent, or not content-addressed
    QList<int> documents;           // JSON documents checked from the bytes the graph holds
    QList<BlobTask> tasks;          // largest first
    qint64 totalBytes = 0;          // of the tasks: the run's progress total
};

VerifyPlan makeVerifyPlan(const ImageGraph &graph, const VerifyOptions &options);

// Hashes a document the graph holds in memory (index, manifest, config) as a measure.
BlobMeasure measureDocument(const Node &n);

} // namespace strata
