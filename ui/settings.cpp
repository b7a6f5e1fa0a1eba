// SPDX-License-Identifier: MIT
// Settings keys in one place.
#include "ui/settings.h"
#include "core/journal/resolvedreferences.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace strata::ui {

namespace {

// Versioned keys: a header or splitter layout saved by an older column set must not be restored.
constexpr auto RecentKey = "recentSources";
constexpr auto VerifyKey = "verifyAfterLoad";
constexpr auto LookUpAttachedKey = "lookUpAttached";
constexpr auto GeometryKey = "window/geometry";
constexpr auto StateKey = "window/state";
constexpr auto SplitterKey = "window/splitter.v1";
constexpr auto HeaderKey = "window/treeHeader.v1";
constexpr auto CompareGeometryKey = "compare/geometry";
constexpr auto CompareDetailsKey = "compare/detailsSplitter.v1";

QByteArray bytes(const char *key)
{
    return QSettings().value(QLatin1StringView(key)).toByteArray();
}

void setBytes(const char *key, const QByteArray &b)
{
    QSettings().setValue(QLatin1StringView(key), b);
}

} // namespace

QStringList Settings::recentSources()
{
    return QSettings().value(QLatin1StringView(RecentKey)).toStringList();
}

void Settings::addRecentSource(const QString &source)
{
    QStringList list = recentSources();
    list.removeAll(source);
    list.prepend(source);
    while (list.size() > MaxRecent)
        list.removeLast();
    QSettings().setValue(QLatin1StringView(RecentKey), list);
}

void Settings::clearRecentSources()
{
    QSettings().remove(QLatin1StringView(RecentKey));
}

bool Settings::verifyAfterLoad()
{
    return QSettings().value(QLatin1StringView(VerifyKey), true).toBool();
}

void Settings::setVerifyAfterLoad(bool on)
{
    QSettings().setValue(QLatin1StringView(VerifyKey), on);
}

bool Settings::lookUpAttached()
{
    return QSettings().value(QLatin1StringView(LookUpAttachedKey), true).toBool();
}

void Settings::setLookUpAttached(bool on)
{
    QSettings().setValue(QLatin1StringView(LookUpAttachedKey), on);
}

bool Settings::recordTagHistory()
{
    return journal::recordingEnabled();
}

void Settings::setRecordTagHistory(bool on)
{
    journal::setRecordingEnabled(on);
}

QString Settings::lastFolder(QLatin1StringView kind)
{
    return QSettings().value(u"lastFolder/"_s + kind).toString();
}

void Settings::setLastFolder(QLatin1StringView kind, const QString &folder)
{
    QSettings().setValue(u"lastFolder/"_s + kind, folder);
}

QByteArray Settings::windowGeometry()
{
    return bytes(GeometryKey);
}
void Settings::setWindowGeometry(const QByteArray &g)
{
    setBytes(GeometryKey, g);
}
QByteArray Settings::windowState()
{
    return bytes(StateKey);
}
void Settings::setWindowState(const QByteArray &s)
{
    setBytes(StateKey, s);
}
QByteArray Settings::splitterState()
{
    return bytes(SplitterKey);
}
void Settings::setSplitterState(const QByteArray &s)
{
    setBytes(SplitterKey, s);
}
QByteArray Settings::treeHeaderState()
{
    return bytes(HeaderKey);
}
void Settings::setTreeHeaderState(const QByteArray &s)
{
    setBytes(HeaderKey, s);
}

QByteArray Settings::compareGeometry()
{
    return bytes(CompareGeometryKey);
}
void Settings::setCompareGeometry(const QByteArray &g)
{
    setBytes(CompareGeometryKey, g);
}
QByteArray Settings::compareDetailsSplitter()
{
    return bytes(CompareDetailsKey);
}
void Settings::setCompareDetailsSplitter(const QByteArray &s)
{
    setBytes(CompareDetailsKey, s);
}

} // namespace strata::ui
