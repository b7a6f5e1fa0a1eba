// SPDX-License-Identifier: MIT
// Taking the producer's listings.
#include "core/verify/sharedlistings.h"
#include "core/logging.h"

namespace strata {

QList<BlobTask *> adoptSharedListings(QList<BlobTask> &tasks, const ImageGraph &g, LayerShare &share, JobContext *job)
{
    QList<BlobTask *> again;
    for (BlobTask &t : tasks) {
        if (!t.hashFirst || (!t.sameFile && !t.measure))
            continue;
        const Node &n = g.nodes[t.nodes.first()];
        const std::optional<LayerShare::Shared> shared =
            t.sameFile ? share.waitSameFile(g, n, job) : share.wait(*t.measure, job);
        const bool usable = shared && (!t.sameFile || shared->measure.digest.algorithm() == t.algorithm) &&
                            shared->measure.uncompressedDigest.algorithm() == t.diffAlgorithm;
        if (usable) {
            // Uncompressed bytes: this measure already holds the diff_id; else the same blob measured there.
            if (t.sameFile || t.measure->compression != mediatype::Compression::None)
                t.measure = shared->measure;
            t.toc = shared->toc;
            t.reused = true;
        } else if (!(job && job->isCanceled())) {
            t.hashFirst = t.sameFile = false;
            again << &t;
        }
    }
    qCDebug(lcVerify) << "shared listings:" << again.size() << "layers without a match, measured in full";
    return again;
}

} // namespace strata
