// SPDX-License-Identifier: MIT
// GUI responsiveness benchmark: opens SOURCE in the real main window and prints the time to a
// painted tree, then, per phase, the worst single event on the GUI thread: its wall time, its CPU
// time on the GUI thread (independent of machine load) and the worst lateness of a 10 ms timer.
// With --files it then opens the Files dock and drives it like a user: every layer mode, expanding
// directories, scrolling to the end, filtering.
#include "tests/bench/eventprobe.h"
#include "ui/filesdock.h"
#include "ui/mainwindow.h"
#include "ui/models/filetreemodel.h"
#include "ui/sourcecontroller.h"
#include "ui/views/explorerpage.h"
#include "ui/views/filespage.h"

#include <QComboBox>
#include <QLineEdit>
#include <QScrollBar>
#include <QTextStream>
#include <QThreadPool>
#include <QTimer>
#include <QTreeView>

#include <algorithm>
#include <functional>

namespace {

class PaintWatch final : public QObject
{
public:
    std::function<void()> onPaint;
    bool eventFilter(QObject *o, QEvent *e) override
    {
        if (e->type() == QEvent::Paint && onPaint)
            onPaint();
        return QObject::eventFilter(o, e);
    }
};

struct Report
{
    ProbedApplication *app;
    QElapsedTimer *clock;
    qint64 lastTick = 0, worstLate = 0;

    void tick()
    {
        const qint64 now = clock->elapsed();
        worstLate = std::max(worstLate, now - lastTick - 10);
        lastTick = now;
    }
    // Prints the worst figures since the last line.
    void line(const QString &phase)
    {
        const ProbedApplication::Worst w = app->takeWorst();
        QTextStream(stdout) << QStringLiteral(
                                   "%1  worst event: %2 ms wall, %3 ms GUI-thread CPU (%4); timer late %5 ms\n")
                                   .arg(phase, -34)
                                   .arg(double(w.wallUs) / 1000, 0, 'f', 1)
                                   .arg(double(w.cpuUs) / 1000, 0, 'f', 1)
                                   .arg(w.what)
                                   .arg(worstLate);
        worstLate = 0;
        lastTick = clock->elapsed();
    }
};

// Runs the steps one per timer shot, 400 ms apart, reporting each over its whole period (so what
// a worker finishes for it afterwards counts too); then `done`.
void runSteps(QList<std::pair<QString, std::function<void()>>> steps, Report *report, std::function<void()> done)
{
    if (steps.isEmpty()) {
        done();
        return;
    }
    auto step = steps.takeFirst();
    QTimer::singleShot(0, qApp, [step, steps, report, done] {
        step.second();
        QTimer::singleShot(400, qApp, [step, steps, report, done] {
            report->line(step.first);
            runSteps(steps, report, done);
        });
    });
}

} // namespace

int main(int argc, char **argv)
{
    ProbedApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    const bool files = args.removeAll(QStringLiteral("--files")) > 0;
    if (args.size() != 1) {
        QTextStream(stderr) << "usage: strata_bench_gui [--files] SOURCE\n";
        return 2;
    }
    const QString source = args.first();
    QElapsedTimer clock;
    clock.start();
    QThreadPool pool;
    strata::ui::MainWindow w(&pool);
    w.resize(1280, 900);
    w.show();
    Report report{&app, &clock};

    qint64 loadedAt = -1, paintedAt = -1, verifiedAt = -1;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(10);
    QObject::connect(&tick, &QTimer::timeout, &app, [&] { report.tick(); });
    PaintWatch watch;
    watch.onPaint = [&] {
        if (loadedAt >= 0 && paintedAt < 0 && w.explorer()->treeView()->model() &&
            w.explorer()->treeView()->model()->rowCount() > 0)
            paintedAt = clock.elapsed();
    };
    w.explorer()->treeView()->viewport()->installEventFilter(&watch);
    QTextStream(stdout) << "source: " << source << "\n";
    QObject::connect(w.controller(), &strata::ui::SourceController::loaded, &app, [&] {
        loadedAt = clock.elapsed();
        report.line(QStringLiteral("opening (window, load)"));
    });
    QObject::connect(w.controller(), &strata::ui::SourceController::loadFailed, &app, [&] { app.exit(2); });

    auto *dock = w.findChild<strata::ui::FilesDock *>();
    strata::ui::FilesPage *page = dock->page();
    QObject::connect(page, &strata::ui::FilesPage::statusMessage, &app,
                     [](const QString &m) { QTextStream(stdout) << "  (status: " << m << ")\n"; });
    auto filesScenario = [&] {
        QList<std::pair<QString, std::function<void()>>> steps;
        QComboBox *modes = page->layerSelector();
        for (int i = 1; i < modes->count(); ++i)
            steps.append(
                {QStringLiteral("files: mode %1").arg(modes->itemText(i)), [modes, i] { modes->setCurrentIndex(i); }});
        steps.append({QStringLiteral("files: merged, all layers"), [modes] { modes->setCurrentIndex(0); }});
        QTreeView *tree = page->treeView();
        for (int i = 0; i < 6; ++i)
            steps.append({QStringLiteral("files: expand top-level row %1").arg(i),
                          [tree, i] { tree->expand(tree->model()->index(i, 0)); }});
        for (int i = 0; i < 4; ++i)
            steps.append({QStringLiteral("files: scroll page %1").arg(i), [tree] {
                              QScrollBar *bar = tree->verticalScrollBar();
                              bar->setValue(bar->value() + bar->pageStep());
                          }});
        steps.append({QStringLiteral("files: scroll to the end"),
                      [tree] { tree->verticalScrollBar()->setValue(tree->verticalScrollBar()->maximum()); }});
        steps.append({QStringLiteral("files: filter \"f1_03\""),
                      [page] { page->searchEdit()->setText(QStringLiteral("f1_03")); }});
        steps.append({QStringLiteral("files: filter \"*.txt\""),
                      [page] { page->searchEdit()->setText(QStringLiteral("*.txt")); }});
        steps.append({QStringLiteral("files: clear the filter"), [page] { page->searchEdit()->clear(); }});
        runSteps(steps, &report, [&] { app.quit(); });
    };
    QObject::connect(w.controller(), &strata::ui::SourceController::verified, &app, [&] {
        verifiedAt = clock.elapsed();
        report.line(QStringLiteral("verifying"));
        if (!files) {
            QTimer::singleShot(100, &app, [&] { app.quit(); });
            return;
        }
        QObject::connect(
            page, &strata::ui::FilesPage::listed, &app,
            [&] {
                report.line(QStringLiteral("files: open the dock, first tree"));
                QTextStream(stdout) << "files listed after: " << clock.elapsed() - verifiedAt << " ms, "
                                    << page->model()->rowCount() << " top-level rows\n";
                filesScenario();
            },
            Qt::SingleShotConnection);
        dock->setVisible(true);
    });
    tick.start();
    w.openSource(source);
    const int rc = app.exec();
    QTextStream(stdout) << "loaded after: " << loadedAt << " ms\n"
                        << "tree painted after: " << paintedAt << " ms\n"
                        << "verified after: " << verifiedAt << " ms\n";
    return rc;
}
