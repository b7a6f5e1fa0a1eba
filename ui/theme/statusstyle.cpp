// SPDX-License-Identifier: MIT
// Status colours and icons. Icons come from resources/icons/ through SvgIcon and are cached.
#include "ui/theme/statusstyle.h"
#include "ui/theme/svgicon.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace strata::ui {

bool StatusStyle::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor StatusStyle::color(RowStatus s, const QPalette &palette)
{
    const bool dark = isDark(palette);
    // Pairs chosen for a contrast ratio above 4.5:1 on white and on #1e1e1e respectively.
    switch (s) {
    case RowStatus::Verified: return dark ? QColor(0x81, 0xc7, 0x84) : QColor(0x1b, 0x6e, 0x2c);
    case RowStatus::Checking: return dark ? QColor(0x64, 0xb5, 0xf6) : QColor(0x15, 0x59, 0xb0);
    case RowStatus::Warning:
    case RowStatus::Unverifiable: return dark ? QColor(0xe6, 0xc3, 0x5c) : QColor(0x7a, 0x5c, 0x00);
    case RowStatus::Missing: return dark ? QColor(0xff, 0xab, 0x5c) : QColor(0xa3, 0x40, 0x00);
    // Not the mismatch red: nothing was proven wrong, the bytes did not come.
    case RowStatus::Unreadable: return dark ? QColor(0xb3, 0x9d, 0xdb) : QColor(0x5e, 0x35, 0xb1);
    case RowStatus::Mismatch:
    case RowStatus::Error: return dark ? QColor(0xff, 0x80, 0x80) : QColor(0xb7, 0x1c, 0x1c);
    case RowStatus::None:
    case RowStatus::NotChecked:
    case RowStatus::NothingToCheck:
    case RowStatus::NotIncluded: break;
    }
    return palette.color(QPalette::Disabled, QPalette::Text);
}

QColor StatusStyle::failureBelowColor(const QPalette &palette)
{
    return color(RowStatus::Mismatch, palette);
}

QColor StatusStyle::diffBackground(const QPalette &palette)
{
    return isDark(palette) ? QColor(0x8a, 0x2b, 0x2b) : QColor(0xff, 0xcd, 0xd2);
}

QIcon StatusStyle::namedIcon(const QString &name)
{
    static QHash<QString, QIcon> cache;
    auto it = cache.find(name);
    if (it == cache.end())
        it = cache.insert(name, SvgIcon::load(u":/icons/"_s + name + u".svg"_s));
    return *it;
}

QIcon StatusStyle::icon(RowStatus s, bool failureBelow)
{
    if (failureBelow && !isFailure(s))
        return namedIcon(u"status-below"_s);
    switch (s) {
    case RowStatus::None: return {};
    case RowStatus::NotChecked:
    case RowStatus::NothingToCheck: return namedIcon(u"status-notchecked"_s);
    case RowStatus::NotIncluded: return namedIcon(u"status-notincluded"_s);
    case RowStatus::Checking: return namedIcon(u"status-checking"_s);
    case RowStatus::Verified: return namedIcon(u"status-verified"_s);
    case RowStatus::Warning:
    case RowStatus::Unverifiable: return namedIcon(u"status-unverifiable"_s);
    case RowStatus::Mismatch: return namedIcon(u"status-mismatch"_s);
    case RowStatus::Missing: return namedIcon(u"status-missing"_s);
    case RowStatus::Error: return namedIcon(u"status-error"_s);
    case RowStatus::Unreadable: return namedIcon(u"status-unreadable"_s);
    }
    return {};
}

QIcon StatusStyle::kindIcon(NodeKind kind, bool attestation)
{
    if (attestation)
        return namedIcon(u"kind-attestation"_s);
    switch (kind) {
    case NodeKind::Source: return namedIcon(u"kind-source"_s);
    case NodeKind::Index: return namedIcon(u"kind-index"_s);
    case NodeKind::Manifest: return namedIcon(u"kind-manifest"_s);
    case NodeKind::Config: return namedIcon(u"kind-config"_s);
    case NodeKind::Layer:
    case NodeKind::LegacyLayer: return namedIcon(u"kind-layer"_s);
    case NodeKind::Blob: return namedIcon(u"kind-blob"_s);
    case NodeKind::Signature: return namedIcon(u"kind-signature"_s);
    case NodeKind::Attached: return namedIcon(u"kind-attached"_s);
    }
    return {};
}

QIcon StatusStyle::historyIcon()
{
    return namedIcon(u"kind-history"_s);
}

} // namespace strata::ui
