// SPDX-License-Identifier: MIT
// The sample image embedded in the binary, made available as a real file for the readers.
#pragma once

#include "core/result.h"

namespace strata::ui {

class SampleImage final
{
public:
    // Copies :/sample/sample.oci.tar to a private temporary folder (once per process) and returns its
    // path; the readers need a path, not a QIODevice. Errors: NotFound (not embedded), Io.
    static Result<QString> path();
    // What Recent lists for the sample (its copy's path changes with each run): openSource() of it opens the sample.
    static QString recentEntry();
    // "Sample image" for recentEntry() or the copy's path, else `source` as it is: how Recent and titles name it.
    static QString displayName(const QString &source);
    // Registers the strata_ui resources (a static library's .qrc is not linked in otherwise).
    static void initResources();
};

} // namespace strata::ui
