// SPDX-License-Identifier: MIT
// JSON highlighting. JSON strings cannot span lines (RFC 8259 §7: control characters are escaped), so
// each block is coloured on its own, for the pretty view and the one-line raw view alike.
#include "ui/views/jsonhighlighter.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace strata::ui {

JsonHighlighter::JsonHighlighter(QTextDocument *document) : QSyntaxHighlighter(document)
{
    setDark(false);
}

void JsonHighlighter::setDark(bool dark)
{
    m_key.setForeground(dark ? QColor(0x9c, 0xdc, 0xfe) : QColor(0x00, 0x4d, 0x99));
    m_key.setFontWeight(QFont::DemiBold);
    m_string.setForeground(dark ? QColor(0xce, 0x91, 0x78) : QColor(0xa3, 0x15, 0x15));
    m_number.setForeground(dark ? QColor(0xb5, 0xce, 0xa8) : QColor(0x09, 0x86, 0x58));
    m_literal.setForeground(dark ? QColor(0x56, 0x9c, 0xd6) : QColor(0x00, 0x00, 0xcc));
    rehighlight();
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    static const QRegularExpression token(
        uR"("(?:[^"\\]|\\.)*"(\s*:)?|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|\b(?:true|false|null)\b)"_s);
    for (auto it = token.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QChar first = m.captured(0).front();
        if (first == u'"') {
            const bool isKey = m.capturedLength(1) > 0;
            const qsizetype len = m.capturedLength(0) - m.capturedLength(1);
            setFormat(static_cast<int>(m.capturedStart(0)), static_cast<int>(len), isKey ? m_key : m_string);
        } else if (first == u'-' || first.isDigit()) {
            setFormat(static_cast<int>(m.capturedStart(0)), static_cast<int>(m.capturedLength(0)), m_number);
        } else {
            setFormat(static_cast<int>(m.capturedStart(0)), static_cast<int>(m.capturedLength(0)), m_literal);
        }
    }
}

} // namespace strata::ui
