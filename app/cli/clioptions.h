// SPDX-License-Identifier: MIT
// Help text shared by the verbs and the GUI's --help.
#pragma once

#include <QString>

namespace strata::cli {

QString sourceSyntaxHelp();

} // namespace strata::cli
