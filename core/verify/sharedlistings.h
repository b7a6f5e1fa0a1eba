// SPDX-License-Identifier: MIT
// The consumer side of a LayerShare, after its first pass: layers that were only hashed take the
// producer's measure and listing of the same bytes, or are measured in full after all.
#pragma once

#include "core/verify/layershare.h"
#include "core/verify/verifyplan.h"

namespace strata {

// Blocks on the share (never on a pool thread: call it where the run is waited for). Returns the
// tasks that found no match and must run again as ordinary tasks (their flags are cleared).
QList<BlobTask *> adoptSharedListings(QList<BlobTask> &tasks, const ImageGraph &graph, LayerShare &share,
                                      JobContext *job);

} // namespace strata
