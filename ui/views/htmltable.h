// SPDX-License-Identifier: MIT
// The field/value tables of the details pane's sections (signature, attached artifact, verification), in
// QTextBrowser's rich-text subset. A row without a value and a table without rows are left out.
#pragma once

#include <QDateTime>
#include <QString>

namespace strata::ui::html {

QString row(const QString &field, const QString &valueHtml);
QString text(const QString &field, const QString &value);
QString mono(const QString &field, const QString &value);
QString table(const QString &heading, const QString &rows);
// "2026-11-20 14:03:07 UTC", or empty for an invalid time.
QString when(const QDateTime &t);

} // namespace strata::ui::html
