// SPDX-License-Identifier: MIT
// The options that say what the user trusts (`strata verify --key … --trusted-root … --policy …`), shared by the
// verbs that check signatures.
#pragma once

#include "core/trust/trustoptions.h"

#include <QCommandLineParser>

namespace strata::cli {

void addTrustOptions(QCommandLineParser &parser);
trust::TrustOptions trustOptionsFrom(const QCommandLineParser &parser);
// True when any signature-related option was given (the text report then lists every signature).
bool trustOptionsGiven(const QCommandLineParser &parser);

} // namespace strata::cli
