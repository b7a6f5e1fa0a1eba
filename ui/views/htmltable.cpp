// SPDX-License-Identifier: MIT
#include "ui/views/htmltable.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace strata::ui::html {

QString row(const QString &field, const QString &valueHtml)
{
    return valueHtml.isEmpty() ? QString()
                               : u"<tr><td style=\"padding-right:12px\"><b>%1</b></td><td>%2</td></tr>"_s.arg(
                                     field.toHtmlEscaped(), valueHtml);
}

QString text(const QString &field, const QString &value)
{
    return row(field, value.toHtmlEscaped());
}

QString mono(const QString &field, const QString &value)
{
    return value.isEmpty() ? QString() : row(field, u"<code>%1</code>"_s.arg(value.toHtmlEscaped()));
}

QString table(const QString &heading, const QString &rows)
{
    return rows.isEmpty() ? QString()
                          : u"<h4>%1</h4><table cellspacing=\"2\">%2</table>"_s.arg(heading.toHtmlEscaped(), rows);
}

QString when(const QDateTime &t)
{
    return t.isValid() ? QLocale::c().toString(t.toUTC(), u"yyyy-MM-dd HH:mm:ss 'UTC'"_s) : QString();
}

} // namespace strata::ui::html
