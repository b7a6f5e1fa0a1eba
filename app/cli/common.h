// SPDX-License-Identifier: MIT
// What the verbs share: error printing and the --platform filter.
#pragma once

#include "core/model/imagegraph.h"
#include "core/result.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <functional>

namespace strata::cli {

using ImageFilter = std::function<bool(const ImageInfo &)>;

void printError(const QString &line);
// An empty filter for an empty text. Errors: Malformed.
Result<ImageFilter> platformFilter(const QString &text);
QCommandLineOption platformOption();
QCommandLineOption jsonOption();
// --tls-verify=true|false for docker:// sources (skopeo's spelling).
QCommandLineOption tlsVerifyOption();
// Parses SOURCE, applies --tls-verify, opens it. Errors: as SourceSpec::parse and SourceOpener::open.
Result<ImageGraphPtr> openSource(const QString &text, const QCommandLineParser &parser);

} // namespace strata::cli
