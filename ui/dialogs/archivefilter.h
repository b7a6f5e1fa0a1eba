// SPDX-License-Identifier: MIT
// The file-dialog filter for image archives: every outer compression Strata reads.
#pragma once

#include <QCoreApplication>
#include <QString>

namespace strata::ui {

inline QString imageArchiveFilter()
{
    return QCoreApplication::translate(
        "strata::ui",
        "Image archives (*.tar *.tar.gz *.tgz *.tar.zst *.tar.xz *.txz *.tar.bz2 *.tbz2 *.tar.lz4 *.oci);;All "
        "files (*)");
}

} // namespace strata::ui
