// SPDX-License-Identifier: MIT
// The machine-readable form of a graph and a verification report (the CLI's --json).
#pragma once

#include "core/verify/verifier.h"

#include <QJsonArray>
#include <QJsonObject>

namespace strata::report {

// {"source","format","ok","images":[…],"tree":{…},"problems":[…],"checks":{…}}. `verify` may be null
// (inspect). Images failing `filter` are left out.
QJsonObject toJson(const ImageGraph &g, const VerifyReport *verify,
                   const std::function<bool(const ImageInfo &)> &filter = {});

QJsonObject problemToJson(const Problem &p);

// Every attached artifact of the graph, in node order: {kind, label, foundBy, digest, mediaType, artifactType,
// size, created, subject, annotations, summary, verified (null: nothing checks signatures yet), …}.
QJsonArray attachedToJson(const ImageGraph &g, const VerifyReport *verify = nullptr);

} // namespace strata::report
