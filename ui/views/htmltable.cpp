// SPDX-License-Identifier: MIT
#include "ui/views/htmltable.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace strata::ui::html {

namespace {
constexpr char16_t ZeroWidthSpace = 0x200B;
}

QString breakable(const QString &plain)
{
    const QString escaped = plain.toHtmlEscaped(); // entities hold none of "/.:+"
    QString out;
    out.reserve(escaped.size() + escaped.size() / 8);
    for (const QChar c : escaped) {
        out += c;
        if (c == u'/' || c == u'.' || c == u':' || c == u'+')
            out += QChar(ZeroWidthSpace);
    }
    return out;
}

QString plainText(QString text)
{
    return text.remove(QChar(ZeroWidthSpace));
}

QString row(const QString &field, const QString &valueHtml)
{
    return valueHtml.isEmpty() ? QString()
                               : u"<tr><td style=\"padding-right:12px\"><b>%1</b></td><td>%2</td></tr>"_s.arg(
                                     breakable(field), valueHtml);
}

QString text(const QString &field, const QString &value)
{
    return row(field, value.toHtmlEscaped());
}

QString mono(const QString &field, const QString &value)
{
    return value.isEmpty() ? QString() : row(field, u"<code>%1</code>"_s.arg(breakable(value)));
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
