// SPDX-License-Identifier: MIT
// npm at test time: SBOMs written by `npm sbom` over tests/npm's lock file, and tests/npm's tools installed.
#pragma once

#include <QString>

namespace strata::test {

// Runs `npm sbom --package-lock-only --sbom-format FORMAT` ("spdx" or "cyclonedx") in a temporary copy of
// tests/npm (package.json and package-lock.json only: no node_modules, no network) and returns the path of the
// document it printed. Fails the test run (qFatal) when npm is missing or fails.
QString npmSbom(const QString &format);

// tests/npm installed by `npm ci` once per build folder (FIXTURES/../test-npm, shared by the suites), installed
// again when the lock file changed or `marker` (a file under node_modules) is missing. Empty when npm ci fails (its
// output is in a warning).
QString npmTools(const QString &marker);

} // namespace strata::test
