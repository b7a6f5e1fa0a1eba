// SPDX-License-Identifier: MIT
// Remembered folders for file dialogs.
#include "ui/dialogs/filedialogs.h"
#include "ui/settings.h"

#include <QDir>
#include <QFileInfo>

namespace strata::ui {

QString FileDialogs::startFolder(const char *kind)
{
    const QString last = Settings::lastFolder(QLatin1StringView(kind));
    return !last.isEmpty() && QFileInfo(last).isDir() ? last : QDir::homePath();
}

void FileDialogs::remember(const char *kind, const QString &path)
{
    if (path.isEmpty())
        return;
    Settings::setLastFolder(QLatin1StringView(kind), QFileInfo(path).absolutePath());
}

QString FileDialogs::openFile(QWidget *parent, const char *kind, const QString &caption, const QString &filter)
{
    const QString path = QFileDialog::getOpenFileName(parent, caption, startFolder(kind), filter);
    remember(kind, path);
    return path;
}

QString FileDialogs::existingFolder(QWidget *parent, const char *kind, const QString &caption)
{
    const QString path = QFileDialog::getExistingDirectory(parent, caption, startFolder(kind));
    remember(kind, path);
    return path;
}

QString FileDialogs::saveFile(QWidget *parent, const char *kind, const QString &caption, const QString &suggestedName,
                              const QString &filter, QFileDialog::Options options)
{
    const QString path = QFileDialog::getSaveFileName(parent, caption, QDir(startFolder(kind)).filePath(suggestedName),
                                                      filter, nullptr, options);
    remember(kind, path);
    return path;
}

} // namespace strata::ui
