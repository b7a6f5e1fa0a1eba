// SPDX-License-Identifier: MIT
// The one font for text whose characters must line up: digests, JSON, file content, diffs, details.
#pragma once

#include <QFont>
#include <QString>

namespace strata::ui {

class MonospaceFont final
{
public:
    // The system fixed font when its hex digits line up, else the first family of a fallback chain
    // whose do (whatever fonts the user has: fontconfig may answer "monospace" with a font whose
    // fixed-pitch flag is false although its digits share one width, or the reverse). Chosen once,
    // on the GUI thread (font metrics need the application's font database).
    static QFont font();

    // True when "0123456789abcdef:" all have the same advance in `font`: what a digest column needs.
    static bool hexDigitsAlign(const QFont &font);

    // A style sheet for rich text (QTextDocument::setDefaultStyleSheet): <code> and <pre> in font().
    static QString styleSheet();

    // `escapedHtml` in font() for rich text that takes no style sheet (QLabel): a <code> with its family.
    static QString codeHtml(const QString &escapedHtml);
};

} // namespace strata::ui
