// SPDX-License-Identifier: MIT
// A node's JSON: pretty-printed or the exact bytes, highlighted and searchable.
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QRadioButton;

namespace strata::ui {

class JsonHighlighter;

class JsonView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonView)

public:
    enum class Mode { Pretty, Raw };

    explicit JsonView(QWidget *parent = nullptr);

    // `bytes` exactly as stored. `note` explains what is shown (e.g. a descriptor, not a document).
    void setContent(const QByteArray &bytes, const QString &note = {});
    void clear();
    void setMode(Mode m);
    Mode mode() const { return m_mode; }
    QString shownText() const;
    void focusFind();
    // Moves to the next (or previous) match of the find field's text; false when there is none.
    bool findNext(bool backwards = false);
    int matchCount() const { return m_matches; }
    QLineEdit *findField() const { return m_find; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void render();
    void highlightMatches();

    QLineEdit *m_find;
    QLabel *m_matchLabel;
    QRadioButton *m_pretty;
    QRadioButton *m_raw;
    QLabel *m_note;
    QPlainTextEdit *m_text;
    JsonHighlighter *m_highlighter;
    QByteArray m_bytes;
    Mode m_mode = Mode::Pretty;
    int m_matches = 0;
};

} // namespace strata::ui
