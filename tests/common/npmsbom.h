// SPDX-License-Identifier: MIT
// SBOMs written by a real tool at test time: npm's own `npm sbom` over tests/npm's lock file.
#pragma once

#include <QString>

namespace strata::test {

// Runs `npm sbom --package-lock-only --sbom-format FORMAT` ("spdx" or "cyclonedx") in a temporary copy of
// tests/npm (package.json and package-lock.json only: no node_modules, no network) and returns the path of the
// document it printed. Fails the test run (qFatal) when npm is missing or fails.
QString npmSbom(const QString &format);

} // namespace strata::test
