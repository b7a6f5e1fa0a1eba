// SPDX-License-Identifier: MIT
// The explorer's persistent preferences and window state (QSettings under Strata/Strata).
#pragma once

#include <QByteArray>
#include <QLatin1StringView>
#include <QStringList>

namespace strata::ui {

class Settings final
{
public:
    static constexpr int MaxRecent = 10;

    static QStringList recentSources();
    // Moves `source` to the front, dropping duplicates and the oldest beyond MaxRecent.
    static void addRecentSource(const QString &source);
    static void clearRecentSources();

    static bool verifyAfterLoad();
    static void setVerifyAfterLoad(bool on);
    // Registry sources: look up what is attached (referrers API or tag, cosign tags) when one opens.
    static bool lookUpAttached();
    static void setLookUpAttached(bool on);
    // Record what each reference resolved to in the tag history journal (core/journal), shared with the CLI.
    static bool recordTagHistory();
    static void setRecordTagHistory(bool on);

    // The folder a kind of file dialog was last left in (ui/dialogs/filedialogs.h); empty when never used.
    static QString lastFolder(QLatin1StringView kind);
    static void setLastFolder(QLatin1StringView kind, const QString &folder);

    static QByteArray windowGeometry();
    static void setWindowGeometry(const QByteArray &g);
    static QByteArray windowState();
    static void setWindowState(const QByteArray &s);
    static QByteArray splitterState();
    static void setSplitterState(const QByteArray &s);
    static QByteArray treeHeaderState();
    static void setTreeHeaderState(const QByteArray &s);

    // The compare window: its geometry and the files tree above the details.
    static QByteArray compareGeometry();
    static void setCompareGeometry(const QByteArray &g);
    static QByteArray compareDetailsSplitter();
    static void setCompareDetailsSplitter(const QByteArray &s);
};

} // namespace strata::ui
