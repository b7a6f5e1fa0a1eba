// SPDX-License-Identifier: MIT
// Colours JSON keys, strings, numbers and literals, with palette-aware colours.
#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace strata::ui {

class JsonHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonHighlighter)

public:
    explicit JsonHighlighter(QTextDocument *document);
    // Re-derives the colours (call after a palette change).
    void setDark(bool dark);

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_key, m_string, m_number, m_literal;
};

} // namespace strata::ui
