// SPDX-License-Identifier: MIT
// Tag-moved bar and the journal's menu entries; the journal's file is only touched on workers.
#include "ui/journalactions.h"
#include "ui/jobs/backgroundjob.h"
#include "ui/mainwindow.h"
#include "ui/settings.h"
#include "ui/sourcecontroller.h"
#include "ui/views/messagebar.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QMenu>
#include <QMessageBox>

using namespace Qt::StringLiterals;

namespace strata::ui {

JournalActions::JournalActions(MainWindow *window, MessageBar *bar, QThreadPool *pool)
    : QObject(window), m_window(window), m_bar(bar), m_job(new BackgroundJob(pool, this)),
      m_compare(new QAction(tr("Compare the two"), this)),
      m_copyEarlier(new QAction(tr("Copy the earlier pinned reference"), this)),
      m_showAll(new QAction(tr("Show All"), this))
{
    m_showAll->setToolTip(tr("Every reference of this source that moved, with each digest it pointed to (View ▸ Tag "
                             "History)"));
    connect(m_showAll, &QAction::triggered, this,
            [this] { m_window->showTagHistory(m_move.now.reference, m_move.now.digest.toString()); });
    connect(m_compare, &QAction::triggered, this, [this] {
        const QString earlier = m_move.now.sourceFor(m_move.earlier);
        const QString now = m_move.now.sourceFor(m_move.now.digest);
        // The current image by digest where one can name it: the tag may have moved again since.
        m_window->openCompareWindow(earlier, now.isEmpty() ? m_window->controller()->source() : now);
    });
    connect(m_copyEarlier, &QAction::triggered, this,
            [this] { QGuiApplication::clipboard()->setText(m_move.now.pinned(m_move.earlier)); });
}

void JournalActions::addToMenu(QMenu *menu)
{
    QAction *record = menu->addAction(tr("&Record Tag History"));
    record->setCheckable(true);
    record->setChecked(Settings::recordTagHistory());
    record->setToolTip(tr("Remember what each tag and name resolved to, and warn when one has moved"));
    connect(record, &QAction::toggled, this, [](bool on) { Settings::setRecordTagHistory(on); });
    menu->addAction(tr("&Forget Tag History…"), this, [this] { forgetHistory(); });
}

void JournalActions::showMoves(const QList<journal::TagMove> &moves)
{
    if (moves.isEmpty())
        return;
    m_move = moves.first();
    QString text = m_move.message(true);
    if (moves.size() > 1)
        text += moves.size() == 2
                    ? tr(" (and 1 more reference of this source moved: Show All)")
                    : tr(" (and %1 more references of this source moved: Show All)").arg(moves.size() - 1);
    const bool comparable = !m_move.now.sourceFor(m_move.earlier).isEmpty();
    m_compare->setEnabled(comparable);
    m_compare->setToolTip(comparable ? tr("Open %1 beside the current image").arg(m_move.now.sourceFor(m_move.earlier))
                                     : tr("The earlier image is not in this source any more"));
    m_copyEarlier->setText(m_move.now.pinnedName.isEmpty() ? tr("Copy the earlier digest")
                                                           : tr("Copy the earlier pinned reference"));
    m_copyEarlier->setToolTip(m_move.now.pinned(m_move.earlier));
    QList<QAction *> actions{m_compare, m_copyEarlier};
    if (moves.size() > 1)
        actions << m_showAll;
    m_bar->showWarning(text, actions);
    // Every move, in full: the bar's text names only the first.
    QStringList all;
    for (const journal::TagMove &m : moves)
        all << m.message(false);
    m_bar->setToolTip(all.join(u'\n'));
}

void JournalActions::forgetHistory(bool confirm)
{
    if (confirm &&
        QMessageBox::question(m_window, tr("Forget Tag History"),
                              tr("Forget every tag and name Strata has seen, and the digests they pointed "
                                 "to? Moved tags can then no longer be noticed until they are seen again.")) !=
            QMessageBox::Yes)
        return;
    m_job->start(
        this,
        []() -> QString {
            Result<std::unique_ptr<journal::ReferenceJournal>> j = journal::ReferenceJournal::open();
            if (!j)
                return j.error().toString();
            if (Status s = j.value()->forget(); !s)
                return s.error().toString();
            return {};
        },
        [this](const QString &error) {
            const QString outcome =
                error.isEmpty() ? tr("Tag history forgotten.") : tr("Could not forget the tag history: %1").arg(error);
            Q_EMIT forgotten(outcome);
        });
}

} // namespace strata::ui
