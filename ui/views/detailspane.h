// SPDX-License-Identifier: MIT
// Everything about the selected row: fields and meaning, verification, problems, and its JSON.
#pragma once

#include "core/verify/verifier.h"
#include "ui/copyactions.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTabWidget;
class QTextBrowser;
class QToolButton;

namespace strata::ui {

class JsonView;

class DetailsPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DetailsPane)

public:
    explicit DetailsPane(QWidget *parent = nullptr);

    void showNode(const ImageGraph &g, int nodeId, const VerifyReport *report, const QList<Problem> &problems);
    void showHistory(const ImageGraph &g, int imageIndex, int historyIndex);
    void clear();

    QString overviewHtml() const;
    QString overviewText() const;
    JsonView *jsonView() const { return m_json; }
    QTabWidget *tabs() const { return m_tabs; }

Q_SIGNALS:
    void copyRequested(const strata::ui::CopyItem &item);

private:
    void setCopyItems(const QList<CopyItem> &items);

    QLabel *m_title;
    QPushButton *m_copyDigest;
    QToolButton *m_copyMore;
    QTabWidget *m_tabs;
    QTextBrowser *m_overview;
    JsonView *m_json;
    QList<CopyItem> m_items;
};

} // namespace strata::ui
