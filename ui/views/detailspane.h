// SPDX-License-Identifier: MIT
// Everything about the selected row: fields and meaning, verification, problems, and its JSON.
#pragma once

#include "core/attestations/sbomdocument.h"
#include "core/trust/imagetrust.h"
#include "core/verify/verifier.h"
#include "ui/copyactions.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTabWidget;
class QTextBrowser;
class QThreadPool;

namespace strata::ui {

class BackgroundJob;
class JsonView;
class SbomView;

class DetailsPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DetailsPane)

public:
    explicit DetailsPane(QWidget *parent = nullptr);
    ~DetailsPane() override;

    // The pool the artifact reads and SBOM saves run on (the application's); QThreadPool::globalInstance() if unset.
    void setThreadPool(QThreadPool *pool);

    void showNode(const ImageGraph &g, int nodeId, const VerifyReport *report, const QList<Problem> &problems);
    // The same, and for an attached artifact its decoded content, read by a background job ("reading…" until it
    // ends; a new selection cancels it). An SBOM is shown in the Packages tab.
    void showNode(const ImageGraphPtr &g, int nodeId, const VerifyReport *report, const QList<Problem> &problems);
    void showHistory(const ImageGraph &g, int imageIndex, int historyIndex);
    // The signature verdicts the next showNode() puts in its "Verification" section (null: none yet).
    void setTrustReport(std::shared_ptr<const trust::TrustReport> report) { m_trust = std::move(report); }
    void clear();

    QString overviewHtml() const;
    QString overviewText() const;
    JsonView *jsonView() const { return m_json; }
    SbomView *sbomView() const { return m_sbom; }
    // An artifact's content is being read.
    bool isLoading() const;
    QTabWidget *tabs() const { return m_tabs; }

Q_SIGNALS:
    void copyRequested(const strata::ui::CopyItem &item);
    // The user followed a link to another node (an artifact's subject).
    void nodeLinkActivated(int nodeId);
    // The artifact's content was shown (or failed to read).
    void contentLoaded();
    void statusMessage(const QString &text);

private:
    void setCopyItems(const QList<CopyItem> &items);
    void setOverview(const QString &contentHtml);
    void showSbom(std::shared_ptr<const SbomDocument> sbom);
    void saveSbom(const QString &path, const std::shared_ptr<const SbomDocument> &document);

    QLabel *m_title;
    QPushButton *m_copyDigest;
    QPushButton *m_copyMore;
    QTabWidget *m_tabs;
    QTextBrowser *m_overview;
    JsonView *m_json;
    SbomView *m_sbom;
    BackgroundJob *m_content = nullptr;
    BackgroundJob *m_saves = nullptr;
    QThreadPool *m_pool = nullptr;
    QList<CopyItem> m_items;
    QString m_headHtml;
    QString m_baseHtml;
    std::shared_ptr<const trust::TrustReport> m_trust;
    // The content last shown: kept while the same node of the same graph is shown again (a verification result
    // refreshes the pane), so that it is not read twice.
    std::weak_ptr<const ImageGraph> m_contentGraph;
    int m_contentNode = -1;
    QString m_contentHtml;
    std::shared_ptr<const SbomDocument> m_contentSbom;
    // The graph of the last showNode(ImageGraphPtr), for the history links in the config's overview.
    std::weak_ptr<const ImageGraph> m_graph;
    // The node shown last (to tell a new selection from a refresh); the pointer is only compared.
    const ImageGraph *m_shownGraph = nullptr;
    int m_shownNode = -1;
};

} // namespace strata::ui
