// SPDX-License-Identifier: MIT
// All layers of one image listed (and verified) in one pass per layer, on all cores.
#pragma once

#include "core/verify/verifier.h"

namespace strata {

struct ImageListing
{
    int imageIndex = -1;
    QList<LayerTocPtr> layers; // in layer order; null where a layer could not be read
    VerifyReport report;       // the verification that came with the same pass
};

// The first image that is runnable (not an attestation) and passes `filter`, or -1.
int firstRunnableImage(const ImageGraph &g, const std::function<bool(const ImageInfo &)> &filter = {});

// Synchronous; errors: NotFound (no such image), Canceled.
Result<ImageListing> listImage(const ImageGraph &g, int imageIndex, JobContext *job = nullptr);

struct ImageListingPair
{
    ImageListing left;
    ImageListing right;
};

// Both images listed at once, for a comparison: the right's layers whose stored bytes are one of the
// left's layers (the same blob, or an uncompressed layer with the same diff_id) are only hashed and
// take the left's listing (right.report.layersReused counts them). Synchronous: both sides' blobs
// are measured on the worker pool (core/jobs/taskgroup.h), side by side. Each job may be null;
// errors: NotFound, Canceled (of either side).
Result<ImageListingPair> listImagePair(const ImageGraph &left, int leftImage, JobContext *leftJob,
                                       const ImageGraph &right, int rightImage, JobContext *rightJob);

} // namespace strata
