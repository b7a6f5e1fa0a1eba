// SPDX-License-Identifier: MIT
// Listing an image's layers through the verifier's single pass.
#include "core/verify/imagelisting.h"
#include "core/layers/mergedtree.h"
#include "core/layers/tarstreamparser.h"
#include "core/verify/blobcheck.h"
#include "core/verify/layershare.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace strata {

int firstRunnableImage(const ImageGraph &g, const std::function<bool(const ImageInfo &)> &filter)
{
    for (qsizetype i = 0; i < g.images.size(); ++i) {
        if (!g.images[i].attestation && (!filter || filter(g.images[i])))
            return static_cast<int>(i);
    }
    return -1;
}

namespace {

VerifyOptions listingOptions(const ImageGraph &g, int imageIndex, std::shared_ptr<LayerShare> share,
                             VerifyOptions::ShareRole role)
{
    VerifyOptions o;
    o.listLayers = true;
    o.share = std::move(share);
    o.shareRole = role;
    const ImageInfo *chosen = &g.images[imageIndex];
    o.imageFilter = [chosen](const ImageInfo &img) { return &img == chosen; };
    return o;
}

Result<ImageListing> listingOf(const ImageGraph &g, int imageIndex, VerifyReport report)
{
    if (report.canceled)
        return makeError(ErrorCode::Canceled, u"canceled"_s, g.sourcePath);
    ImageListing out;
    out.imageIndex = imageIndex;
    out.report = std::move(report);
    for (int ln : g.images[imageIndex].layerNodes)
        out.layers << out.report.tocs.value(ln);
    return out;
}

bool validImage(const ImageGraph &g, int imageIndex)
{
    return imageIndex >= 0 && imageIndex < g.images.size();
}

Error noSuchImage(const ImageGraph &g)
{
    return makeError(ErrorCode::NotFound, u"no such image"_s, g.sourcePath);
}

// Lists layer `node` again with content hashes, checking that its stored bytes are still the ones
// verified (`digest`). Errors: as measureBlob, Io (the file changed meanwhile).
Result<LayerTocPtr> listWithHashes(const ImageGraph &g, int node, const Digest &digest, JobContext *job)
{
    const Node &n = g.nodes[node];
    Result<ByteStreamPtr> s = g.container->open(n.member);
    if (!s)
        return s.error();
    TarStreamParser parser;
    BlobCheckOptions bo;
    bo.algorithm = digest.algorithm();
    bo.decompress = true;
    bo.uncompressedSink = [&parser](const char *p, qint64 len) { return parser.feed(p, len); };
    std::vector<char> buffer;
    Result<BlobMeasure> m = measureBlob(*s.value(), bo, job, buffer);
    if (!m)
        return m.error();
    if (!(m->digest == digest))
        return makeError(ErrorCode::Io, u"the layer changed while it was being compared"_s, g.describe(node));
    LayerToc toc = parser.finish();
    if (m->hasDecompressError)
        toc.problems << u"the listing stops where decompression failed"_s; // as the verifier says it
    return std::make_shared<const LayerToc>(std::move(toc));
}

// Layers listed once for both sides carry no content hashes (see LayerShare::consumerMayReuse). A
// comparison needs them only where a file of one side and a file of the other have the same path
// and size but are not the same entry of a shared listing: those layers are listed again, hashed.
void addNeededContentHashes(ImageListingPair &p, const ImageGraph &lg, const ImageGraph &rg, JobContext *job)
{
    const MergedTree lt = MergedTree::build(p.left.layers);
    const MergedTree rt = MergedTree::build(p.right.layers);
    QSet<int> need[2]; // layer indices per side
    for (auto li = lt.entries().begin(), ri = rt.entries().begin();
         li != lt.entries().end() && ri != rt.entries().end();) {
        if (li.key() < ri.key()) {
            ++li;
        } else if (ri.key() < li.key()) {
            ++ri;
        } else {
            const LayerEntry &a = lt.entry(*li);
            const LayerEntry &b = rt.entry(*ri);
            const bool sameEntry =
                p.left.layers[li->layer] == p.right.layers[ri->layer] && li->entryIndex == ri->entryIndex;
            if (!sameEntry && a.type == EntryType::File && b.type == EntryType::File && a.size == b.size &&
                a.size > 0) {
                if (a.contentHash.isEmpty())
                    need[0].insert(li->layer);
                if (b.contentHash.isEmpty())
                    need[1].insert(ri->layer);
            }
            ++li;
            ++ri;
        }
    }
    ImageListing *sides[2] = {&p.left, &p.right};
    const ImageGraph *graphs[2] = {&lg, &rg};
    for (int side = 0; side < 2; ++side) {
        for (int layer : std::as_const(need[side])) {
            const LayerTocPtr old = sides[side]->layers[layer];
            if (!old)
                continue;
            const int node = graphs[side]->images[sides[side]->imageIndex].layerNodes[layer];
            const NodeResult r = sides[side]->report.results.value(node);
            if (r.status != CheckStatus::Verified)
                continue;
            Result<LayerTocPtr> fresh = listWithHashes(*graphs[side], node, r.computedDigest, job);
            if (!fresh)
                continue;
            // The listing may be shared with the other side: replace it wherever it is.
            for (ImageListing *l : sides) {
                for (LayerTocPtr &t : l->layers) {
                    if (t == old)
                        t = fresh.value();
                }
                for (LayerTocPtr &t : l->report.tocs) {
                    if (t == old)
                        t = fresh.value();
                }
            }
        }
    }
}

} // namespace

Result<ImageListing> listImage(const ImageGraph &g, int imageIndex, JobContext *job)
{
    if (!validImage(g, imageIndex))
        return noSuchImage(g);
    const VerifyOptions o = listingOptions(g, imageIndex, nullptr, VerifyOptions::ShareRole::Publish);
    return listingOf(g, imageIndex, Verifier::run(g, o, job));
}

Result<ImageListingPair> listImagePair(const ImageGraph &left, int leftImage, JobContext *leftJob,
                                       const ImageGraph &right, int rightImage, JobContext *rightJob)
{
    if (!validImage(left, leftImage))
        return noSuchImage(left);
    if (!validImage(right, rightImage))
        return noSuchImage(right);
    auto share = std::make_shared<LayerShare>();
    share->expectLayersOf(left, leftImage);
    share->expectConsumerLayersOf(right, rightImage);
    // Both sides' blob tasks share the worker pool. The right waits for the left's listings here, on
    // the calling thread, never on a pool thread; the left's run closes the share when its last task ends.
    const VerifyOptions lo = listingOptions(left, leftImage, share, VerifyOptions::ShareRole::Publish);
    const VerifyOptions ro = listingOptions(right, rightImage, share, VerifyOptions::ShareRole::Reuse);
    std::unique_ptr<VerifyRun> leftRun = Verifier::start(left, lo, leftJob);
    Result<ImageListing> r = listingOf(right, rightImage, Verifier::run(right, ro, rightJob));
    Result<ImageListing> l = listingOf(left, leftImage, leftRun->finish());
    if (!l)
        return l.error();
    if (!r)
        return r.error();
    ImageListingPair pair{std::move(l.value()), std::move(r.value())};
    addNeededContentHashes(pair, left, right, rightJob);
    if (rightJob && rightJob->isCanceled())
        return makeError(ErrorCode::Canceled, u"canceled"_s, right.sourcePath);
    return pair;
}

} // namespace strata
