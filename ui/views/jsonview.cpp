// SPDX-License-Identifier: MIT
// JSON view.
#include "ui/views/jsonview.h"
#include "ui/theme/monospacefont.h"
#include "ui/theme/statusstyle.h"
#include "ui/views/jsonhighlighter.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QTextBlock>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace strata::ui {

JsonView::JsonView(QWidget *parent)
    : QWidget(parent), m_find(new QLineEdit(this)), m_matchLabel(new QLabel(this)),
      m_pretty(new QRadioButton(tr("Pretty"), this)), m_raw(new QRadioButton(tr("Raw bytes"), this)),
      m_note(new QLabel(this)), m_text(new QPlainTextEdit(this)), m_highlighter(new JsonHighlighter(m_text->document()))
{
    setObjectName(u"jsonView"_s);
    m_find->setObjectName(u"jsonFind"_s);
    m_text->setObjectName(u"jsonText"_s);
    m_find->setPlaceholderText(tr("Find in JSON"));
    m_find->setClearButtonEnabled(true);
    m_find->setAccessibleName(tr("Find in JSON"));
    m_pretty->setChecked(true);
    m_pretty->setToolTip(tr("Indented for reading; keys keep their order"));
    m_raw->setToolTip(tr("The exact bytes that were hashed"));
    auto *prev = new QToolButton(this);
    prev->setArrowType(Qt::UpArrow);
    prev->setToolTip(tr("Previous match (Shift+Enter)"));
    auto *next = new QToolButton(this);
    next->setArrowType(Qt::DownArrow);
    next->setToolTip(tr("Next match (Enter)"));

    m_text->setReadOnly(true);
    m_text->setFont(MonospaceFont::font());
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_note->setWordWrap(true);
    m_note->hide();
    m_highlighter->setDark(StatusStyle::isDark(palette()));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_find, 1);
    bar->addWidget(prev);
    bar->addWidget(next);
    bar->addWidget(m_matchLabel);
    bar->addSpacing(12);
    bar->addWidget(m_pretty);
    bar->addWidget(m_raw);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_note);
    layout->addWidget(m_text, 1);

    connect(m_pretty, &QRadioButton::toggled, this, [this](bool on) { setMode(on ? Mode::Pretty : Mode::Raw); });
    connect(m_find, &QLineEdit::textChanged, this, [this] {
        highlightMatches();
        m_text->moveCursor(QTextCursor::Start);
        findNext();
    });
    connect(m_find, &QLineEdit::returnPressed, this, [this] { findNext(); });
    connect(next, &QToolButton::clicked, this, [this] { findNext(); });
    connect(prev, &QToolButton::clicked, this, [this] { findNext(true); });
}

void JsonView::setContent(const QByteArray &bytes, const QString &note)
{
    m_bytes = bytes;
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
    render();
}

void JsonView::clear()
{
    setContent({});
}

void JsonView::setMode(Mode m)
{
    if (m == m_mode)
        return;
    m_mode = m;
    const QSignalBlocker block(m_pretty);
    m_pretty->setChecked(m == Mode::Pretty);
    m_raw->setChecked(m == Mode::Raw);
    render();
}

QString JsonView::shownText() const
{
    return m_text->toPlainText();
}

void JsonView::render()
{
    QString text = QString::fromUtf8(m_bytes);
    if (m_mode == Mode::Pretty) {
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(m_bytes, &err);
        if (err.error == QJsonParseError::NoError)
            text = QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    }
    // The raw bytes are usually one long line: wrap them so they can be read without scrolling.
    m_text->setLineWrapMode(m_mode == Mode::Raw ? QPlainTextEdit::WidgetWidth : QPlainTextEdit::NoWrap);
    m_text->setPlainText(text);
    highlightMatches();
}

void JsonView::focusFind()
{
    m_find->setFocus(Qt::ShortcutFocusReason);
    m_find->selectAll();
}

bool JsonView::findNext(bool backwards)
{
    const QString needle = m_find->text();
    if (needle.isEmpty())
        return false;
    const QTextDocument::FindFlags flags = backwards ? QTextDocument::FindBackward : QTextDocument::FindFlags();
    if (m_text->find(needle, flags))
        return true;
    // Wrap around once.
    m_text->moveCursor(backwards ? QTextCursor::End : QTextCursor::Start);
    return m_text->find(needle, flags);
}

void JsonView::highlightMatches()
{
    QList<QTextEdit::ExtraSelection> selections;
    const QString needle = m_find->text();
    if (!needle.isEmpty()) {
        QTextCharFormat fmt;
        fmt.setBackground(StatusStyle::isDark(palette()) ? QColor(0x6b, 0x5a, 0x10) : QColor(0xff, 0xeb, 0x80));
        for (QTextCursor c = m_text->document()->find(needle); !c.isNull(); c = m_text->document()->find(needle, c))
            selections << QTextEdit::ExtraSelection{c, fmt};
    }
    m_matches = static_cast<int>(selections.size());
    m_text->setExtraSelections(selections);
    m_matchLabel->setText(needle.isEmpty() ? QString()
                          : m_matches == 1 ? tr("1 match")
                                           : tr("%1 matches").arg(m_matches));
}

void JsonView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        m_highlighter->setDark(StatusStyle::isDark(palette()));
}

} // namespace strata::ui
