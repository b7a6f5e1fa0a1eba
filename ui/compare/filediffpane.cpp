// SPDX-License-Identifier: MIT
// File details and text diff.
#include "ui/compare/filediffpane.h"
#include "core/layers/layerfile.h"
#include "ui/compare/comparestyle.h"
#include "ui/compare/linediff.h"
#include "ui/jobs/backgroundjob.h"
#include "ui/theme/monospacefont.h"

#include <QDateTime>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QStringDecoder>
#include <QTextBlock>
#include <QTextCursor>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace strata::ui {

namespace {

struct SideText
{
    bool present = false;
    bool ok = false;
    QString text;
    QString why; // when not ok
};

struct BothTexts
{
    SideText sides[2];
};

SideText readText(const ImageGraphPtr &g, int layerNode, const QString &path)
{
    SideText t;
    if (!g || layerNode < 0)
        return t;
    t.present = true;
    Result<LayerFileContent> r = readLayerFile(*g, layerNode, path, FileDiffPane::MaxTextBytes + 1);
    if (!r) {
        t.why = r.error().message;
        return t;
    }
    if (r->truncated || r->size > FileDiffPane::MaxTextBytes) {
        t.why = QCoreApplication::translate("FileDiffPane", "larger than 256 KB");
        return t;
    }
    if (r->data.contains('\0')) {
        t.why = QCoreApplication::translate("FileDiffPane", "binary");
        return t;
    }
    QStringDecoder dec(QStringDecoder::Utf8);
    t.text = dec.decode(r->data);
    if (dec.hasError()) {
        t.why = QCoreApplication::translate("FileDiffPane", "not UTF-8 text");
        return t;
    }
    t.ok = true;
    return t;
}

QString sideHtml(const FileDiffModel::Side &s, const QString &title, const ImageGraphPtr &g)
{
    QString h = u"<b>"_s + title.toHtmlEscaped() + u"</b><br>"_s;
    if (!s.entry)
        return h + QCoreApplication::translate("FileDiffPane", "<i>absent</i>");
    const LayerEntry &e = *s.entry;
    h += FileDiffModel::describe(e).toHtmlEscaped() + u"<br>"_s;
    h += QCoreApplication::translate("FileDiffPane", "owner %1:%2, modified %3")
             .arg(e.uid)
             .arg(e.gid)
             .arg(QDateTime::fromSecsSinceEpoch(e.mtime, Qt::UTC).toString(Qt::ISODate)) +
         u"<br>"_s;
    Q_UNUSED(g);
    h += QCoreApplication::translate("FileDiffPane", "from layer %1").arg(s.layer + 1);
    if (!e.contentHash.isEmpty())
        h += u"<br>"_s +
             MonospaceFont::codeHtml(u"sha256:"_s + QString::fromLatin1(e.contentHash.toHex().left(16)) + u"…"_s);
    return h;
}

} // namespace

FileDiffPane::FileDiffPane(QThreadPool *pool, QWidget *parent)
    : QWidget(parent), m_details(new QLabel(this)), m_diff(new QPlainTextEdit(this)),
      m_read(new BackgroundJob(pool, this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_details->setTextFormat(Qt::RichText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setWordWrap(true);
    m_diff->setReadOnly(true);
    m_diff->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_diff->setFont(MonospaceFont::font());
    m_diff->setObjectName(u"lineDiff"_s);
    layout->addWidget(m_details);
    layout->addWidget(m_diff, 1);
    clear();
}

void FileDiffPane::clear()
{
    m_read->discard();
    m_details->setText(tr("Select a file to compare its two versions."));
    m_diff->clear();
}

void FileDiffPane::showTextDiff(const QString &left, const QString &right)
{
    const QList<DiffLine> lines = lineDiff(splitLines(left), splitLines(right));
    m_diff->clear();
    QTextCursor cursor(m_diff->document());
    const QPalette pal = m_diff->palette();
    QTextCharFormat same;
    QTextCharFormat added;
    added.setForeground(CompareStyle::color(DiffKind::Added, pal));
    QTextCharFormat removed;
    removed.setForeground(CompareStyle::color(DiffKind::Removed, pal));
    QTextBlockFormat plainBlock;
    QTextBlockFormat addedBlock;
    addedBlock.setBackground(CompareStyle::background(DiffKind::Added, pal));
    QTextBlockFormat removedBlock;
    removedBlock.setBackground(CompareStyle::background(DiffKind::Removed, pal));
    cursor.beginEditBlock();
    bool first = true;
    for (const DiffLine &l : lines) {
        const bool isAdd = l.kind == DiffLine::Kind::Added, isDel = l.kind == DiffLine::Kind::Removed;
        const QTextBlockFormat &bf = isAdd ? addedBlock : isDel ? removedBlock : plainBlock;
        if (first)
            cursor.setBlockFormat(bf);
        else
            cursor.insertBlock(bf);
        first = false;
        const QString prefix = isAdd ? u"+ "_s : isDel ? u"- "_s : u"  "_s;
        cursor.insertText(prefix + l.text, isAdd ? added : isDel ? removed : same);
    }
    cursor.endEditBlock();
}

void FileDiffPane::showFile(const FileDiffModel::FileNode *node, const ImageGraphPtr graphs[2], const int images[2])
{
    m_read->discard();
    m_diff->clear();
    if (!node) {
        clear();
        Q_EMIT contentShown();
        return;
    }
    QString html = u"<p><b>"_s + node->path.toHtmlEscaped() + u"</b>"_s;
    if (node->changed)
        html +=
            u" — "_s + fileStatusName(node->change.status).toHtmlEscaped() +
            (node->change.details.isEmpty() ? QString() : u": "_s + node->change.details.join(u"; "_s).toHtmlEscaped());
    html += u"</p><table width='100%'><tr><td width='50%' valign='top'>"_s +
            sideHtml(node->sides[0], tr("Left"), graphs[0]) + u"</td><td valign='top'>"_s +
            sideHtml(node->sides[1], tr("Right"), graphs[1]) + u"</td></tr></table>"_s;
    m_details->setText(html);

    int layerNodes[2] = {-1, -1};
    bool anyFile = false;
    for (int s = 0; s < 2; ++s) {
        const auto &side = node->sides[s];
        if (!side.entry || !graphs[s] || images[s] < 0)
            continue;
        const bool readable = side.entry->type == EntryType::File || side.entry->type == EntryType::Hardlink;
        if (!readable || side.entry->size > MaxTextBytes)
            continue;
        const QList<int> &nodes = graphs[s]->images[images[s]].layerNodes;
        if (side.layer >= 0 && side.layer < nodes.size()) {
            layerNodes[s] = nodes[side.layer];
            anyFile = true;
        }
    }
    if (!anyFile) {
        m_diff->setPlainText(tr("No text to compare (not a regular file, or larger than 256 KB)."));
        Q_EMIT contentShown();
        return;
    }
    m_diff->setPlainText(tr("Reading…"));
    const ImageGraphPtr g0 = graphs[0], g1 = graphs[1];
    const QString path = node->path;
    const QString paths[2] = {node->sides[0].entry ? node->sides[0].entry->path : path,
                              node->sides[1].entry ? node->sides[1].entry->path : path};
    const QString p0 = paths[0], p1 = paths[1];
    const int n0 = layerNodes[0], n1 = layerNodes[1];
    m_read->start(
        this,
        [g0, g1, n0, n1, p0, p1] {
            BothTexts t;
            t.sides[0] = readText(g0, n0, p0);
            t.sides[1] = readText(g1, n1, p1);
            return t;
        },
        [this](const BothTexts &t) {
            for (const SideText &s : t.sides) {
                if (s.present && !s.ok) {
                    m_diff->setPlainText(tr("No line diff: %1.").arg(s.why));
                    Q_EMIT contentShown();
                    return;
                }
            }
            showTextDiff(t.sides[0].text, t.sides[1].text);
            Q_EMIT contentShown();
        });
}

} // namespace strata::ui
