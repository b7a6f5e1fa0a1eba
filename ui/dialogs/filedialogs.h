// SPDX-License-Identifier: MIT
// File dialogs that start where the same kind of dialog was last left (Settings::lastFolder), not in the
// process's current folder.
#pragma once

#include <QFileDialog>
#include <QString>

namespace strata::ui {

class FileDialogs final
{
public:
    // Kinds of dialog, each with its own remembered folder.
    static constexpr auto OpenImage = "openImage";   // Open File…, Compare With…, the compare window's sides
    static constexpr auto OpenFolder = "openFolder"; // Open Folder… (the folder above the one chosen)
    static constexpr auto PinFile = "pinFile";
    static constexpr auto TrustFile = "trustFile"; // keys, certificates, trusted roots, policies
    static constexpr auto Export = "export";       // compare reports, SBOMs, files saved from a preview

    // The folder a dialog of `kind` starts in: where it was last left, while that folder exists; else the home folder.
    static QString startFolder(const char *kind);
    // Remembers the folder of `path` (a file; for OpenFolder the folder above `path`).
    static void remember(const char *kind, const QString &path);

    static QString openFile(QWidget *parent, const char *kind, const QString &caption, const QString &filter = {});
    static QString existingFolder(QWidget *parent, const char *kind, const QString &caption);
    // `suggestedName` is placed in the start folder.
    static QString saveFile(QWidget *parent, const char *kind, const QString &caption, const QString &suggestedName,
                            const QString &filter = {}, QFileDialog::Options options = {});
};

} // namespace strata::ui
