// SPDX-License-Identifier: MIT
// Details pane.
#include "ui/views/detailspane.h"
#include "core/attached/attachmentcontent.h"
#include "core/model/imagename.h"
#include "ui/jobs/backgroundjob.h"
#include "ui/models/nodeformat.h"
#include "ui/theme/monospacefont.h"
#include "ui/theme/statusstyle.h"
#include "ui/views/attachmenthtml.h"
#include "ui/views/confightml.h"
#include "ui/views/detailshtml.h"
#include "ui/views/htmltable.h"
#include "ui/views/jsonview.h"
#include "ui/views/sbomview.h"
#include "ui/views/verificationhtml.h"

#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QSaveFile>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTextDocumentFragment>

using namespace Qt::StringLiterals;

namespace strata::ui {

namespace {

// The overview puts zero-width spaces where long values may wrap (html::breakable); what the user copies must
// not carry them into a shell or a search.
class OverviewBrowser final : public QTextBrowser
{
public:
    using QTextBrowser::QTextBrowser;

protected:
    QMimeData *createMimeDataFromSelection() const override
    {
        auto *data = new QMimeData;
        data->setText(html::plainText(textCursor().selection().toPlainText()));
        return data;
    }
};

} // namespace

DetailsPane::DetailsPane(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)),
      m_copyDigest(new QPushButton(StatusStyle::namedIcon(u"copy"_s), tr("Copy Digest"), this)),
      m_copyMore(new QPushButton(tr("Copy"), this)), m_tabs(new QTabWidget(this)),
      m_overview(new OverviewBrowser(this)), m_json(new JsonView(this)), m_sbom(new SbomView(this))
{
    setObjectName(u"detailsPane"_s);
    m_overview->setObjectName(u"detailsOverview"_s);
    m_copyDigest->setObjectName(u"copyDigestButton"_s);
    m_copyMore->setObjectName(u"copyMoreButton"_s);
    m_title->setTextFormat(Qt::PlainText);
    QFont f = m_title->font();
    f.setBold(true);
    m_title->setFont(f);
    m_title->setWordWrap(true);
    m_copyMore->setToolTip(tr("Copy a digest, reference, command or JSON"));
    // A push button's menu arrow has room of its own; a tool button's small corner arrow read as "Copy.".
    m_copyMore->setMenu(new QMenu(m_copyMore));
    m_overview->setOpenLinks(false);
    m_overview->document()->setDefaultStyleSheet(MonospaceFont::styleSheet());

    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_copyDigest);
    header->addWidget(m_copyMore);
    m_tabs->addTab(m_overview, tr("Overview"));
    m_tabs->addTab(m_json, tr("JSON"));
    m_sbom->setObjectName(u"detailsSbom"_s);
    m_sbom->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(m_tabs, 1);

    connect(m_copyDigest, &QPushButton::clicked, this, [this] {
        if (auto item = CopyActions::primary(m_items))
            Q_EMIT copyRequested(*item);
    });
    connect(m_overview, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        int image = -1, step = -1;
        const ImageGraphPtr g = m_graph.lock();
        if (const int id = AttachmentHtml::linkedNode(url.toString()); id >= 0)
            Q_EMIT nodeLinkActivated(id);
        else if (ConfigHtml::linkedHistory(url.toString(), &image, &step) && g && image >= 0 &&
                 image < g->images.size() && g->images[image].config && step >= 0 &&
                 step < g->images[image].config->history.size())
            showHistory(*g, image, step);
    });
    connect(m_sbom, &SbomView::saveRequested, this, &DetailsPane::saveSbom);
    setThreadPool(nullptr);
    clear();
}

DetailsPane::~DetailsPane() = default; // the jobs discard what still runs

void DetailsPane::setThreadPool(QThreadPool *pool)
{
    m_pool = pool ? pool : QThreadPool::globalInstance();
    delete m_content;
    delete m_saves;
    m_content = new BackgroundJob(m_pool, this);
    m_saves = new BackgroundJob(m_pool, this);
}

bool DetailsPane::isLoading() const
{
    return m_content->isRunning();
}

void DetailsPane::setOverview(const QString &contentHtml)
{
    m_overview->setHtml(m_headHtml + contentHtml + m_baseHtml);
}

void DetailsPane::showSbom(std::shared_ptr<const SbomDocument> sbom)
{
    const int at = m_tabs->indexOf(m_sbom);
    if (!sbom) {
        if (at >= 0)
            m_tabs->removeTab(at);
        m_sbom->setDocument(nullptr);
        return;
    }
    m_sbom->setDocument(std::move(sbom));
    if (at < 0)
        m_tabs->insertTab(1, m_sbom, tr("Packages"));
}

void DetailsPane::saveSbom(const QString &path, const std::shared_ptr<const SbomDocument> &document)
{
    if (!document)
        return;
    Q_EMIT statusMessage(tr("Saving %1…").arg(path));
    m_saves->add(
        this,
        [path, document]() -> QString {
            QSaveFile out(path);
            if (!out.open(QIODevice::WriteOnly))
                return out.errorString();
            if (out.write(document->raw) != document->raw.size())
                return out.errorString();
            return out.commit() ? QString() : out.errorString();
        },
        [this, path, bytes = document->raw.size()](const QString &error) {
            Q_EMIT statusMessage(error.isEmpty() ? tr("Saved %1 (%2 bytes)").arg(path).arg(bytes)
                                                 : tr("Cannot save %1: %2").arg(path, error));
        });
}

void DetailsPane::setCopyItems(const QList<CopyItem> &items)
{
    m_items = items;
    QMenu *menu = m_copyMore->menu();
    menu->clear();
    for (const CopyItem &item : items) {
        QAction *a = menu->addAction(item.label);
        a->setToolTip(item.text);
        connect(a, &QAction::triggered, this, [this, item] { Q_EMIT copyRequested(item); });
    }
    const auto primary = CopyActions::primary(items);
    m_copyDigest->setEnabled(primary.has_value());
    m_copyDigest->setText(primary && primary->kind == CopyKind::CreatedBy ? tr("Copy Command") : tr("Copy Digest"));
    m_copyMore->setEnabled(!items.isEmpty());
}

void DetailsPane::showNode(const ImageGraph &g, int nodeId, const VerifyReport *report, const QList<Problem> &problems)
{
    const Node &n = g.nodes[nodeId];
    const Digest d = n.digest();
    // A new selection with a problem: its explanation is on Overview, so do not leave the user on JSON.
    const bool newSelection = m_shownGraph != &g || m_shownNode != nodeId;
    m_shownGraph = &g;
    m_shownNode = nodeId;
    if (newSelection && !problems.isEmpty())
        m_tabs->setCurrentWidget(m_overview);
    m_title->setText(d.isNull() ? NodeFormat::name(n) : NodeFormat::name(n) + u"  ·  "_s + d.shortString());
    m_title->setToolTip(g.describe(nodeId));
    m_content->discard();
    showSbom(nullptr);
    // The signature verdicts, the artifact's own section, then (once read) its content, then the fields every row
    // has.
    m_headHtml = VerificationHtml::forNode(g, nodeId, m_trust.get()) + AttachmentHtml::forNode(g, nodeId);
    m_baseHtml = DetailsHtml::forNode(g, nodeId, report, problems, palette());
    m_overview->setHtml(m_headHtml + m_baseHtml);
    if (!n.raw.isEmpty()) {
        m_json->setContent(n.raw, tr("The document's exact bytes, as hashed (%1 bytes).").arg(n.raw.size()));
    } else if (n.descriptor) {
        m_json->setContent(QJsonDocument(n.descriptor->toJson()).toJson(QJsonDocument::Compact),
                           tr("A blob, not a JSON document: this is the descriptor that references it, as Strata read "
                              "it from the parent (the parent's JSON holds the exact bytes)."));
    } else {
        m_json->setContent({}, tr("No JSON for this row."));
    }
    setCopyItems(CopyActions::forNode(g, nodeId));
}

void DetailsPane::showNode(const ImageGraphPtr &g, int nodeId, const VerifyReport *report,
                           const QList<Problem> &problems)
{
    if (!g)
        return clear();
    m_graph = g;
    QWidget *const tab = m_tabs->currentWidget(); // kept when the same SBOM comes back (a refresh)
    showNode(*g, nodeId, report, problems);
    if (!AttachmentHtml::hasContent(*g, nodeId))
        return;
    const Digest subject = g->nodes[nodeId].attachment->subject;
    if (m_contentGraph.lock() == g && m_contentNode == nodeId) {
        setOverview(m_contentHtml);
        showSbom(m_contentSbom);
        if (m_tabs->indexOf(tab) >= 0)
            m_tabs->setCurrentWidget(tab);
        return;
    }
    setOverview(AttachmentHtml::reading());
    m_contentGraph.reset();
    m_contentNode = -1;
    m_content->start(
        this, [g, nodeId](JobContext *job) { return attached::readAttachmentContent(*g, nodeId, job); },
        [this, g, nodeId, subject](const Result<attached::AttachmentContent> &r) {
            m_contentHtml = r ? AttachmentHtml::forContent(r.value(), subject) : AttachmentHtml::failed(r.error());
            m_contentSbom = r ? r->sbom : nullptr;
            if (!r && r.error().code == ErrorCode::Canceled) {
                setOverview(AttachmentHtml::failed(r.error()));
                Q_EMIT contentLoaded();
                return;
            }
            m_contentGraph = g;
            m_contentNode = nodeId;
            setOverview(m_contentHtml);
            showSbom(m_contentSbom);
            Q_EMIT contentLoaded();
        },
        tr("Reading the artifact"));
}

void DetailsPane::showHistory(const ImageGraph &g, int imageIndex, int historyIndex)
{
    m_content->discard();
    showSbom(nullptr);
    m_shownGraph = &g;
    m_shownNode = -1;
    m_title->setText(tr("History step %1 of %2").arg(historyIndex + 1).arg(imageNameInText(g.images[imageIndex].name)));
    m_overview->setHtml(DetailsHtml::forHistory(g, imageIndex, historyIndex));
    m_json->setContent({}, tr("History steps are part of the config's JSON: select the config row to see it."));
    setCopyItems(CopyActions::forHistory(g, imageIndex, historyIndex));
}

void DetailsPane::clear()
{
    m_content->discard();
    showSbom(nullptr);
    m_contentGraph.reset();
    m_contentNode = -1;
    m_graph.reset();
    m_shownGraph = nullptr;
    m_shownNode = -1;
    m_baseHtml.clear();
    m_headHtml.clear();
    m_title->setText(tr("Select a row to see its details."));
    m_overview->clear();
    m_json->clear();
    setCopyItems({});
}

QString DetailsPane::overviewHtml() const
{
    return m_overview->toHtml();
}

QString DetailsPane::overviewText() const
{
    return html::plainText(m_overview->toPlainText());
}

} // namespace strata::ui
