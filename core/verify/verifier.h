// SPDX-License-Identifier: MIT
// Verifies every digest, size and diff_id of a loaded graph against the bytes, blobs in parallel.
#pragma once

#include "core/jobs/jobcontext.h"
#include "core/json/jsonlimits.h"
#include "core/layers/layertoc.h"
#include "core/model/imagegraph.h"

#include <QHash>
#include <QSet>
#include <functional>
#include <memory>

namespace strata {

class LayerShare;

// Unreadable: the bytes could not be obtained (see ProblemKind::Unreadable); nothing is known about them.
enum class CheckStatus { NotChecked, Verified, Mismatch, Missing, Error, Unverifiable, Unreadable };
QString checkStatusName(CheckStatus s);

struct NodeResult
{
    CheckStatus status = CheckStatus::NotChecked;
    Digest computedDigest;
    qint64 computedSize = -1;
    Digest computedDiffId;
    qint64 uncompressedSize = -1;
    mediatype::Compression compression = mediatype::Compression::None;
    int checksPassed = 0;
    int checksTotal = 0;
};

struct VerifyOptions
{
    bool fast = false; // skip decompression: no diff_id for compressed layers
    int threads = 0;   // at most this many blob tasks at once; 0: as many as the pool has threads; 1: on the caller
    bool listLayers = false; // build each layer's table of contents in the same pass (decompresses even with fast)
    // Run the hashing threads at a lower scheduling priority (nice 5), so that an interactive
    // thread in the same process (the GUI) is scheduled first when the cores are busy.
    bool background = false;
    qint64 maxUncompressed = limits::MaxUncompressedBytes; // per layer; past it: a too-large problem, no diff_id
    // Which images to verify (platform filter); empty: all. Nodes outside any image (indexes) always are.
    std::function<bool(const ImageInfo &)> imageFilter;
    // Only these nodes (by id); empty: all. Load problems of other nodes are left out (Verifier::retry).
    QSet<int> onlyNodes;
    // Two verifications of a comparison at once (see LayerShare): Publish hands this run's listed
    // layers to `share` and closes it when the run ends; Reuse only hashes the stored bytes of layers
    // the other run also has and takes its listing. With listLayers only.
    enum class ShareRole { Publish, Reuse };
    std::shared_ptr<LayerShare> share;
    ShareRole shareRole = ShareRole::Publish;
};

struct VerifyReport
{
    QHash<int, NodeResult> results; // by node id
    QHash<int, LayerTocPtr> tocs;   // by layer node id, with listLayers
    ProblemList problems;           // the graph's load problems first, then verification's, by node
    bool canceled = false;
    qint64 bytesRead = 0;
    int checksPassed = 0;
    int checksTotal = 0;
    int layersListed = 0; // distinct layer blobs listed by this run
    int layersReused = 0; // distinct layer blobs whose listing came from a LayerShare

    bool ok() const; // no problem of Error severity, and not canceled
    // Whether a problem about the image's own bytes or documents (of Error severity, other than
    // Unreadable) was found: a verdict on the image, not on the reading.
    bool problemsProven() const;
    // Every object in scope was read (no Unreadable problem), so the verdict is complete.
    bool complete() const { return unreadableNodes().isEmpty(); }
    // The nodes with an Unreadable problem (at load or while verifying), ascending.
    QList<int> unreadableNodes() const;
    // The objects verification looked at (the nodes in `results`).
    int objectsInScope() const { return static_cast<int>(results.size()); }
};

class VerifyRun;

// A run is planned (verifyplan.h), its blobs measured by tasks on the worker pool (verifyscheduler.h,
// blobcheck.h), a comparison's consumer side takes the producer's listings (sharedlistings.h), and
// each node's checks compare what was measured with what was declared (nodechecks.h).
class Verifier final
{
public:
    // Synchronous: returns when every blob task is done or the job is cancelled. At most `threads`
    // tasks at once, on the worker pool (core/jobs/taskgroup.h). Progress is in stored bytes read;
    // job->total() is set first. Thread-safe on a const graph.
    static VerifyReport run(const ImageGraph &graph, const VerifyOptions &options, JobContext *job = nullptr);
    // The same, started: the blob tasks are queued and the call returns; finish() waits for them and
    // gives the report. `graph`, `options` and `job` must outlive the run.
    static std::unique_ptr<VerifyRun> start(const ImageGraph &graph, const VerifyOptions &options,
                                            JobContext *job = nullptr);
    // The objects of `previous` whose bytes could not be read while verifying (status Unreadable, present in the
    // graph): what retry() reads again. Objects unreadable when the source was opened need it opened again.
    static QSet<int> retriable(const ImageGraph &graph, const VerifyReport &previous);
    // Reads only retriable(previous) again (`options.onlyNodes` is set here) and returns `previous` with those
    // objects' results and problems replaced by the new ones. Synchronous, as run().
    static VerifyReport retry(const ImageGraph &graph, const VerifyReport &previous, VerifyOptions options,
                              JobContext *job = nullptr);
};

class VerifyRun final
{
public:
    ~VerifyRun(); // waits for the tasks (without assembling a report)
    VerifyReport finish();

private:
    friend class Verifier;
    struct State;
    explicit VerifyRun(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

} // namespace strata
