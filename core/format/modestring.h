// SPDX-License-Identifier: MIT
// The ten-character mode column of `ls -l` ("drwxr-xr-x"), one spelling for the CLI and the window.
#pragma once

#include <QString>

namespace strata::format {

// The first letter: what ls prints for the file type (coreutils lib/filemode.c), plus two letters for layer
// entries that are not files on a disk: 'h' a hard link (tar typeflag '1', whose target holds the data) and
// 'w' a whiteout or opaque marker (image-spec layer.md §Whiteouts).
enum class ModeType : char {
    File = '-',
    Directory = 'd',
    Symlink = 'l',
    Hardlink = 'h',
    CharDevice = 'c',
    BlockDevice = 'b',
    Fifo = 'p',
    Whiteout = 'w',
};

// The type letter, then rwx for owner, group and others; set-user-ID and set-group-ID show as 's' over an
// x bit and 'S' without one, the sticky bit as 't' / 'T' (as ls does). Bits above 07777 are ignored.
QString modeString(ModeType type, quint32 mode);

} // namespace strata::format
