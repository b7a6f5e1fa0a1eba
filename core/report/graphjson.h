// SPDX-License-Identifier: MIT
// The machine-readable form of a graph and a verification report (the CLI's --json).
#pragma once

#include "core/trust/imagetrust.h"
#include "core/verify/verifier.h"

#include <QJsonArray>
#include <QJsonObject>

namespace strata::report {

// {"source","format","ok","images":[…],"tree":{…},"problems":[…],"checks":{…},"trust":{…}}. `verify` may be
// null (inspect), and `trust` (no signature checks asked for). Images failing `filter` are left out.
QJsonObject toJson(const ImageGraph &g, const VerifyReport *verify,
                   const std::function<bool(const ImageInfo &)> &filter = {},
                   const trust::TrustReport *trust = nullptr);

QJsonObject problemToJson(const Problem &p);

// Every attached artifact of the graph, in node order: {kind, label, foundBy, digest, mediaType, artifactType,
// size, created, subject, annotations, summary, verified, …}. `verified` is true or false when `trust` checked
// the artifact's signatures (with reason, signer, signatures[]), null otherwise.
QJsonArray attachedToJson(const ImageGraph &g, const VerifyReport *verify = nullptr,
                          const trust::TrustReport *trust = nullptr);

// {"summary", "subjects": [{digest, badge, verified, failed, notChecked, signers}]}.
QJsonObject trustToJson(const ImageGraph &g, const trust::TrustReport &trust);

} // namespace strata::report
