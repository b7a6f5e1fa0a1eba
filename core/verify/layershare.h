// SPDX-License-Identifier: MIT
// Two verifications of a comparison running at once: layers the left image has already inflated,
// hashed and listed are not inflated or listed again on the right.
#pragma once

#include "core/layers/layertoc.h"
#include "core/model/imagegraph.h"
#include "core/verify/blobcheck.h"

#include <QHash>
#include <QSet>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>

namespace strata {

// Thread-safe. One producer (the left image's verification) publishes the measure and listing of
// every layer it inflated completely; one consumer (the right's) only hashes the stored bytes of a
// layer the producer also has, then takes the producer's result when those bytes hash to the same
// digest (the same blob), or, for an uncompressed layer, to the producer's diff_id (the same tar
// stream). The match is on computed digests, never on declared ones, so a corrupt blob on either
// side is still caught; a layer with no match is measured in full afterwards.
class LayerShare final
{
public:
    struct Shared
    {
        BlobMeasure measure; // the producer's, of the same bytes
        LayerTocPtr toc;
    };

    // Before the runs: the producer will measure the layers of `image` in `g`. Declared digests,
    // used only to choose which consumer layers are worth hashing first.
    void expectLayersOf(const ImageGraph &g, int image);
    // Whether the consumer should hash `n` first and wait for the producer's listing.
    bool mayShare(const Node &n) const;
    // Before the runs: the consumer will measure the layers of `image` in `g` (after expectLayersOf).
    void expectConsumerLayersOf(const ImageGraph &g, int image);
    // Producer: whether the consumer will probably take `n`'s listing. Such a listing is made without
    // per-file content hashes: files the two images share need none, and listImagePair hashes the
    // few a comparison needs afterwards (a shared file overwritten by a file of the same size).
    bool consumerMayReuse(const Node &n) const;

    // Whether `n`'s bytes are the very file the producer reads (the same container and member, as
    // when both images are tags of one layout): then the consumer does not read them at all.
    bool sameFile(const ImageGraph &g, const Node &n) const;

    // Producer: a layer (`member` of `g`) measured and listed without a decompression error.
    void publish(const ImageGraph &g, const QString &member, const BlobMeasure &m, LayerTocPtr toc);
    // Producer: no more results (its run ended or was cancelled). Wakes every waiting consumer.
    void close();

    // Consumer: blocks until a matching result is published or the producer closed (or `job` is
    // cancelled). `stored` is the consumer's measure of its stored bytes, without decompression.
    std::optional<Shared> wait(const BlobMeasure &stored, JobContext *job);
    // Consumer, for a sameFile() layer: the producer's result for that file.
    std::optional<Shared> waitSameFile(const ImageGraph &g, const Node &n, JobContext *job);

private:
    std::optional<Shared> findLocked(const BlobMeasure &stored) const;
    std::optional<Shared> waitFor(const std::function<std::optional<Shared>()> &find, JobContext *job);
    static QString fileKey(const ImageGraph &g, const QString &member);

    QSet<QString> m_expected;       // declared blob digests and diff_ids of the producer's layers
    QSet<QString> m_expectedFiles;  // container path and member of the producer's layers
    QSet<QString> m_consumerShares; // declared digests of the consumer's layers that mayShare
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    QHash<QString, Shared> m_byBlob;   // computed stored digest → result
    QHash<QString, Shared> m_byDiffId; // computed diff_id → result
    QHash<QString, Shared> m_byFile;   // container path and member → result
    bool m_closed = false;
};

} // namespace strata
