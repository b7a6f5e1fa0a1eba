// SPDX-License-Identifier: MIT
// Where the test images are, and the truth recorded about them by real tools.
#pragma once

#include "core/model/problem.h"

#include <QJsonObject>
#include <QString>

namespace strata::test {

// The images built by tests/fixtures/make-fixtures.sh (under the build folder).
QString fixture(const QString &relative);
// ../shared/fixtures/public: images made by other projects.
QString publicFixture(const QString &relative);
// truth.json's entry for a fixture ("good/oci-gzip"), computed with skopeo/sha256sum/jq.
QJsonObject truth(const QString &relative);
// The strata executable (for CLI tests), from STRATA_BIN.
QString strataBinary();
// A copy of `source` (file or folder) in a fresh temporary folder that lives as long as the process.
QString scratchCopy(const QString &source);
// One line per problem ("kind: object: message"), for failure messages.
QString problemsText(const ProblemList &problems);
// The standard output of `bash -c 'set -eo pipefail; script'`; a script that fails ends the test run
// (qFatal with its standard error): it builds the test's expectations with real tools.
QByteArray shellOutput(const QString &script);
// The whole file; a file that cannot be read ends the test run (qFatal).
QByteArray readFile(const QString &path);
// `s` as one single-quoted shell word.
QString shellQuoted(const QString &s);

} // namespace strata::test
