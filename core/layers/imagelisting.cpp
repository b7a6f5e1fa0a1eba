// SPDX-License-Identifier: MIT
// Listing an image's layers through the verifier's single pass.
#include "imagelisting.h"

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

Result<ImageListing> listImage(const ImageGraph &g, int imageIndex, JobContext *job)
{
    if (imageIndex < 0 || imageIndex >= g.images.size())
        return makeError(ErrorCode::NotFound, u"no such image"_s, g.sourcePath);
    ImageListing out;
    out.imageIndex = imageIndex;
    VerifyOptions o;
    o.listLayers = true;
    const ImageInfo *chosen = &g.images[imageIndex];
    o.imageFilter = [chosen](const ImageInfo &img) { return &img == chosen; };
    out.report = Verifier::run(g, o, job);
    if (out.report.canceled)
        return makeError(ErrorCode::Canceled, u"canceled"_s, g.sourcePath);
    for (int ln : g.images[imageIndex].layerNodes)
        out.layers << out.report.tocs.value(ln);
    return out;
}

} // namespace strata
