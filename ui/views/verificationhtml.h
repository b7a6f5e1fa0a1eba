// SPDX-License-Identifier: MIT
// The details pane's "Verification" section: for a signature node, each of its signatures' verdicts (state,
// reason, signer, signed digest against this manifest's, signing time, the checks passed); for a manifest or index
// that signatures refer to, the summary and a link to each signature.
#pragma once

#include "core/trust/imagetrust.h"

#include <QCoreApplication>

namespace strata::ui {

class VerificationHtml final
{
    Q_DECLARE_TR_FUNCTIONS(VerificationHtml)
public:
    // Empty when the report says nothing about the node (or is null). Links to signatures are "node:<id>".
    static QString forNode(const ImageGraph &g, int nodeId, const trust::TrustReport *report);
};

} // namespace strata::ui
