// SPDX-License-Identifier: MIT
// The headless verbs: inspect, verify. Each returns the process exit status.
#pragma once

#include <QStringList>

namespace strata::cli {

// Exit status contract: 0 everything verified / shown, 1 problems found, 2 unreadable source or bad usage.
enum ExitCode { ExitOk = 0, ExitProblems = 1, ExitError = 2 };

bool isVerb(const QString &arg);
// `args` starts with the program name, then the verb.
int run(const QStringList &args);

} // namespace strata::cli
