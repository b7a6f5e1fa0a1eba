// SPDX-License-Identifier: MIT
#include "ui/taghistorydock.h"
#include "core/journal/resolvedreferences.h"
#include "core/sources/registrydirpath.h"
#include "ui/jobs/backgroundjob.h"
#include "ui/sourcecontroller.h"
#include "ui/views/taghistoryview.h"
#include "ui/windowgeometry.h"

#include <QFileInfo>
#include <QMainWindow>
#include <QStatusBar>

using namespace Qt::StringLiterals;

namespace strata::ui {

namespace {

struct ReadHistory
{
    TagHistoryData data;
    QString selectReference; // what the source names: its tag, or its digest's repository
    QString selectDigest;
};

// On a worker: the storage's history when the source is a registry's storage folder, else the journal's rows
// for every reference the source resolved.
ReadHistory readHistory(const ImageGraphPtr &g, JobContext *job)
{
    ReadHistory out;
    out.data.subject = g->sourceSpec.isEmpty() ? g->sourcePath : g->sourceSpec;
    if (registrydir::isRegistryStorage(g->sourcePath)) {
        out.data.storage = true;
        registrydir::Reference ref;
        if (g->sourceSpec.startsWith(u"registry-dir:"_s))
            if (Result<SourceSpec> spec = registrydir::parseSpec(g->sourceSpec))
                if (Result<registrydir::Reference> r = registrydir::parseReference(spec->selection.reference))
                    ref = r.value();
        // The whole repository even when one tag or digest is open: the other tags are its context.
        const QString spec =
            u"registry-dir:"_s + g->sourcePath + (ref.repository.isEmpty() ? QString() : u'/' + ref.repository);
        if (Result<QList<RepositoryHistory>> h = readStorageHistory(spec, job))
            out.data.repositories = h.value();
        else
            out.data.problems << h.error().toString();
        if (!ref.tag.isEmpty())
            out.selectReference = ref.repository + u':' + ref.tag;
        out.selectDigest = ref.digest;
        return out;
    }
    const QList<journal::ResolvedReference> refs = journal::referencesOf(*g);
    // Reading must not create a journal where none was ever written (recording may be off).
    if (refs.isEmpty() || !QFileInfo::exists(journal::ReferenceJournal::defaultPath()))
        return out;
    Result<std::unique_ptr<journal::ReferenceJournal>> j = journal::ReferenceJournal::open();
    if (!j) {
        out.data.problems << j.error().toString();
        return out;
    }
    for (const journal::ResolvedReference &r : refs) {
        if (job && job->isCanceled())
            break;
        Result<QList<journal::Sighting>> seen = j.value()->history(r.source, r.reference);
        if (!seen) {
            out.data.problems << seen.error().toString();
            break;
        }
        if (!seen->isEmpty())
            out.data.journal << JournalHistory{r, seen.value()};
    }
    return out;
}

} // namespace

TagHistoryDock::TagHistoryDock(QThreadPool *pool, SourceController *controller, QMainWindow *window)
    : QDockWidget(tr("Tag History"), window), m_controller(controller), m_view(new TagHistoryView(this)),
      m_job(new BackgroundJob(pool, this))
{
    setObjectName(u"tagHistoryDock"_s);
    setWidget(WindowGeometry::scrollable(m_view));
    setAllowedAreas(Qt::BottomDockWidgetArea | Qt::RightDockWidgetArea);
    window->addDockWidget(Qt::BottomDockWidgetArea, this);
    toggleViewAction()->setText(tr("&Tag History"));
    toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    toggleViewAction()->setToolTip(
        tr("Every digest the source's tags have pointed to: from a registry's storage folder, or as Strata saw them"));
    setVisible(false);
    m_view->setMessage(tr("Open a source to see the history of its tags."));

    connect(controller, &SourceController::loadStarted, this, [this] {
        m_job->discard();
        m_stale = true;
        m_view->setMessage(QString());
    });
    // Queued: the journal recording of this load has ended by then (it runs before loaded()).
    connect(
        controller, &SourceController::loaded, this, [this] { readIfWanted(); }, Qt::QueuedConnection);
    // A failed load leaves the source open before it current again: its history is read again when shown.
    connect(controller, &SourceController::loadFailed, this, [this] {
        if (m_controller->graph())
            readIfWanted();
        else
            m_view->setMessage(tr("Open a source to see the history of its tags."));
    });
    connect(this, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            readIfWanted();
    });
    connect(m_view, &TagHistoryView::statusMessage, window,
            [window](const QString &m) { window->statusBar()->showMessage(m, 8000); });
}

void TagHistoryDock::showFor(const QString &reference, const QString &digest)
{
    m_wantReference = reference;
    m_wantDigest = digest;
    setVisible(true);
    raise();
    if (!m_stale && !m_job->isRunning()) {
        m_view->select(reference, digest);
        m_wantReference.clear();
        m_wantDigest.clear();
    }
}

void TagHistoryDock::reload()
{
    m_stale = true;
    readIfWanted();
}

void TagHistoryDock::readIfWanted()
{
    const ImageGraphPtr g = m_controller->graph();
    if (!isVisible() || !m_stale || !g)
        return;
    m_stale = false;
    m_view->setLoading(g->sourceSpec.isEmpty() ? g->sourcePath : g->sourceSpec);
    m_job->start(
        this, [g](JobContext *job) { return readHistory(g, job); },
        [this](const ReadHistory &r) {
            m_view->setHistory(r.data);
            const QString reference =
                m_wantReference.isEmpty() && m_wantDigest.isEmpty() ? r.selectReference : m_wantReference;
            const QString digest = m_wantReference.isEmpty() && m_wantDigest.isEmpty() ? r.selectDigest : m_wantDigest;
            m_wantReference.clear();
            m_wantDigest.clear();
            if (!reference.isEmpty() || !digest.isEmpty())
                m_view->select(reference, digest);
            Q_EMIT shown();
        });
}

} // namespace strata::ui
