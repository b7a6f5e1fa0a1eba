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
// `plain` escaped, with a zero-width space after each '/', '.', ':' and '+', so that a media type, digest or
// annotation key wraps there ("manifest.v1+<wrap>json") rather than mid-word. The pane's copy and plain text
// drop these spaces again (plainText()).
QString breakable(const QString &plain);
// Text taken from the pane without the zero-width spaces breakable() put in.
QString plainText(QString text);
// "2026-11-20 14:03:07 UTC", or empty for an invalid time.
QString when(const QDateTime &t);

} // namespace strata::ui::html
