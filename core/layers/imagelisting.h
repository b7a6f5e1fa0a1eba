// SPDX-License-Identifier: MIT
// All layers of one image listed (and verified) in one pass per layer, on all cores.
#pragma once

#include "verify/verifier.h"

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

} // namespace strata
