// SPDX-License-Identifier: MIT
// What the verbs share: error printing and the --platform filter.
#pragma once

#include "core/model/imagegraph.h"
#include "core/result.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <functional>
#include <optional>

namespace strata::cli {

using ImageFilter = std::function<bool(const ImageInfo &)>;

void printError(const QString &line);
// Parses a verb's arguments. An exit code when the verb is done already: the arguments are wrong
// (the error printed, ExitError) or --help was asked for (the help printed, ExitOk); else nothing.
std::optional<int> parseVerbArguments(QCommandLineParser &parser, const QStringList &args);
// An empty filter for an empty text. Errors: Malformed.
Result<ImageFilter> platformFilter(const QString &text);
QCommandLineOption platformOption();
QCommandLineOption jsonOption();
// --tls-verify=true|false for docker:// sources (skopeo's spelling).
QCommandLineOption tlsVerifyOption();
// The value of --tls-verify. Errors: Malformed (neither true nor false).
Result<bool> tlsVerifyValue(const QCommandLineParser &parser);
// --no-attached: no referrers or cosign tag lookups for docker:// sources.
QCommandLineOption noAttachedOption();
// --no-journal: the references resolved are not recorded in the tag history journal (core/journal).
QCommandLineOption noJournalOption();
// Parses SOURCE, applies --tls-verify, --no-attached and --artifact-type, opens it. Errors: as SourceSpec::parse and
// SourceOpener::open.
Result<ImageGraphPtr> openSource(const QString &text, const QCommandLineParser &parser);

} // namespace strata::cli
