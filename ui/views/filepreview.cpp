// SPDX-License-Identifier: MIT
#include "ui/views/filepreview.h"
#include "core/layers/layerfile.h"
#include "ui/dialogs/filedialogs.h"
#include "ui/jobs/backgroundjob.h"
#include "ui/models/nodeformat.h"
#include "ui/theme/monospacefont.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace strata::ui {

namespace {
struct ReadOutcome
{
    LayerFileContent content;
    Error error;
    bool ok = false;
};

bool looksLikeText(const QByteArray &bytes)
{
    if (bytes.contains('\0'))
        return false;
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    // The preview may end inside a multi-byte sequence: ignore up to 3 trailing bytes.
    const QString s = utf8(bytes.first(qMax<qsizetype>(0, bytes.size() - 3)));
    return !utf8.hasError() && !s.contains(QChar::ReplacementCharacter);
}
} // namespace

FilePreview::FilePreview(QThreadPool *pool, QWidget *parent)
    : QWidget(parent), m_read(new BackgroundJob(pool, this)), m_saves(new BackgroundJob(pool, this)),
      m_info(new QLabel(this)), m_text(new QPlainTextEdit(this)), m_save(new QPushButton(tr("Save As…"), this))
{
    setObjectName(u"filePreview"_s);
    m_text->setObjectName(u"previewText"_s);
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(MonospaceFont::font());
    m_text->setAccessibleName(tr("File content"));
    m_info->setWordWrap(true);
    m_save->setToolTip(tr("Write this file from the layer to a new file (an existing file is never overwritten)"));
    auto *row = new QHBoxLayout;
    row->addWidget(m_info, 1);
    row->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(row);
    layout->addWidget(m_text, 1);
    connect(m_save, &QPushButton::clicked, this, &FilePreview::saveAs);
    clear();
}

FilePreview::~FilePreview() = default; // the jobs discard what still runs

bool FilePreview::isLoading() const
{
    return m_read->isRunning();
}

void FilePreview::setGraph(const ImageGraphPtr &graph)
{
    m_graph = graph;
    clear();
}

void FilePreview::clear()
{
    m_read->discard();
    m_layerNode = -1;
    m_path.clear();
    m_data.clear();
    m_hex = false;
    m_text->clear();
    m_info->setText(tr("Select a file to see its content."));
    m_save->setEnabled(false);
}

QString FilePreview::hexDump(const QByteArray &bytes)
{
    QString out;
    for (qsizetype off = 0; off < bytes.size(); off += 16) {
        const QByteArray line = bytes.mid(off, 16);
        QString hex, ascii;
        for (qsizetype i = 0; i < 16; ++i) {
            if (i < line.size()) {
                hex += u"%1 "_s.arg(uint(uchar(line[i])), 2, 16, QChar(u'0'));
                const char c = line[i];
                ascii += (c >= 0x20 && c < 0x7f) ? QChar::fromLatin1(c) : u'.';
            } else {
                hex += u"   "_s;
            }
            if (i == 7)
                hex += u' ';
        }
        out += u"%1  "_s.arg(qlonglong(off), 8, 16, QChar(u'0')) + hex + u" |"_s + ascii + u"|\n"_s;
    }
    return out;
}

void FilePreview::showFile(int layerNode, const LayerEntry &entry)
{
    clear();
    if (!m_graph || layerNode < 0)
        return;
    if (entry.type != EntryType::File && entry.type != EntryType::Hardlink && entry.type != EntryType::Symlink) {
        m_info->setText(tr("%1: a %2 has no content to show.").arg(entry.path, entryTypeName(entry.type)));
        return;
    }
    m_layerNode = layerNode;
    m_path = entry.path;
    if (entry.type == EntryType::Symlink) {
        m_info->setText(tr("%1 is a symbolic link to %2 (not followed).").arg(entry.path, entry.linkTarget));
        return;
    }
    m_info->setText(tr("Reading %1 from its layer…").arg(entry.path));
    m_read->start(
        this,
        [graph = m_graph, layerNode, path = m_path](JobContext *job) -> ReadOutcome {
            Result<LayerFileContent> c = readLayerFile(*graph, layerNode, path, TextBytes, job);
            if (!c)
                return ReadOutcome{{}, c.error(), false};
            return ReadOutcome{c.value(), {}, true};
        },
        [this](const ReadOutcome &r) {
            if (!r.ok) {
                m_info->setText(tr("Cannot read %1: %2").arg(m_path, r.error.toString()));
                Q_EMIT loaded();
                return;
            }
            m_data = r.content.data;
            m_hex = !looksLikeText(m_data);
            if (m_hex) {
                m_data.truncate(HexBytes);
                m_text->setPlainText(hexDump(m_data));
            } else {
                m_text->setPlainText(QString::fromUtf8(m_data));
            }
            const bool cut = r.content.size > m_data.size();
            m_info->setText(
                (m_hex ? tr("%1 — binary, %2") : tr("%1 — text, %2")).arg(m_path, NodeFormat::size(r.content.size)) +
                (cut ? tr(" (first %1 shown)").arg(NodeFormat::size(m_data.size())) : QString()));
            m_save->setEnabled(true);
            Q_EMIT loaded();
        });
}

void FilePreview::saveAs()
{
    if (m_path.isEmpty())
        return;
    // The core refuses to overwrite; let the dialog not ask, and say so afterwards if it exists.
    const QString dest =
        FileDialogs::saveFile(this, FileDialogs::Export, tr("Save %1 As").arg(m_path), QFileInfo(m_path).fileName(),
                              QString(), QFileDialog::DontConfirmOverwrite);
    if (!dest.isEmpty())
        saveTo(dest);
}

void FilePreview::saveTo(const QString &destination)
{
    if (!m_graph || m_layerNode < 0)
        return;
    const QString path = m_path;
    // add(), not start(): a save still running is not dropped, every save reports.
    m_saves->add(
        this,
        [graph = m_graph, node = m_layerNode, path, destination]() -> Error {
            Status s = saveLayerFile(*graph, node, path, destination);
            return s ? Error{ErrorCode::Io, QString(), QString()} : s.error();
        },
        [this, path, destination](const Error &e) {
            const bool ok = e.message.isEmpty();
            QString msg;
            if (ok)
                msg = tr("Saved %1 to %2.").arg(path, destination);
            else if (QFileInfo::exists(destination) || QFileInfo(destination).isSymLink())
                msg = tr("Not saved: %1 already exists, and Strata never overwrites a file. Choose a new name.")
                          .arg(destination);
            else
                msg = tr("Cannot save %1: %2").arg(path, e.toString());
            m_info->setText(msg);
            Q_EMIT statusMessage(msg);
            Q_EMIT saved(ok, msg);
        });
}

} // namespace strata::ui
