// SPDX-License-Identifier: MIT
// Human-readable output of inspect and verify.
#pragma once

#include "core/trust/imagetrust.h"
#include "core/verify/verifier.h"

#include <QTextStream>

namespace strata::cli {

// What is attached to each manifest (like `oras discover`), optionally only one artifactType or predicate type.
void printReferrers(QTextStream &out, const ImageGraph &g, const QString &artifactType);
bool matchesArtifactType(const Attachment &a, const QString &artifactType);
void printInspect(QTextStream &out, const ImageGraph &g, const std::function<bool(const ImageInfo &)> &filter);
void printVerify(QTextStream &out, const ImageGraph &g, const VerifyReport &rep,
                 const std::function<bool(const ImageInfo &)> &filter, const trust::TrustReport *trust = nullptr);

} // namespace strata::cli
