// SPDX-License-Identifier: MIT
// core's logging categories, one per area, all named "strata.core.<area>" and quiet below info:
// QT_LOGGING_RULES="strata.core.*.debug=true" (or "strata.core.registry.debug=true") shows the details.
// Messages never carry secrets (credentials, tokens, Authorization headers).
#pragma once

#include <QLoggingCategory>

namespace strata {

Q_DECLARE_LOGGING_CATEGORY(lcIo)       // strata.core.io: archives, folders, decompression
Q_DECLARE_LOGGING_CATEGORY(lcSources)  // strata.core.sources: which reader opens a source
Q_DECLARE_LOGGING_CATEGORY(lcRegistry) // strata.core.registry: HTTP exchanges with a registry, credentials
Q_DECLARE_LOGGING_CATEGORY(lcEngine)   // strata.core.engine: the Docker/Podman engine API socket
Q_DECLARE_LOGGING_CATEGORY(lcLayers)   // strata.core.layers: layer listings and the merged tree
Q_DECLARE_LOGGING_CATEGORY(lcVerify)   // strata.core.verify: the verifier
Q_DECLARE_LOGGING_CATEGORY(lcCompare)  // strata.core.compare: image comparison

} // namespace strata
