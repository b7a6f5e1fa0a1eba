// SPDX-License-Identifier: MIT
// GUI-thread time of a comparison: opens LEFT and RIGHT in a CompareSession (the compare window's
// engine) and prints, per phase, the worst single event on the GUI thread (wall time and the GUI
// thread's own CPU time, see eventprobe.h). Then times compareImages() called directly on the GUI
// thread with the same listings: what one event cost when the session compared on the GUI thread.
//
// Usage: strata_bench_compare LEFT RIGHT   (e.g. oci:WORKDIR/oci:v1 oci:WORKDIR/oci:v2 of bench-diff.sh)
#include "core/compare/comparison.h"
#include "tests/bench/eventprobe.h"
#include "ui/compare/comparesession.h"

#include <QEventLoop>
#include <QTextStream>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>

using namespace strata;
using namespace strata::ui;

namespace {

void line(ProbedApplication &app, const QString &phase, qint64 ms)
{
    const ProbedApplication::Worst w = app.takeWorst();
    QTextStream(stdout) << QStringLiteral("%1 %2 ms; worst GUI event: %3 ms wall, %4 ms GUI-thread CPU (%5)\n")
                               .arg(phase, -28)
                               .arg(ms, 7)
                               .arg(double(w.wallUs) / 1000, 0, 'f', 1)
                               .arg(double(w.cpuUs) / 1000, 0, 'f', 1)
                               .arg(w.what);
}

bool waitFor(CompareSession *sender, auto signal)
{
    QEventLoop loop;
    bool ok = true;
    QObject::connect(sender, signal, &loop, &QEventLoop::quit);
    QObject::connect(sender, &CompareSession::failed, &loop, [&](const Error &e) {
        QTextStream(stderr) << "failed: " << e.toString() << '\n';
        ok = false;
        loop.quit();
    });
    loop.exec();
    return ok;
}

} // namespace

int main(int argc, char **argv)
{
    ProbedApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3) {
        QTextStream(stderr) << "usage: strata_bench_compare LEFT RIGHT\n";
        return 2;
    }
    QThreadPool pool;
    CompareSession session(&pool);
    QElapsedTimer clock;

    clock.start();
    app.takeWorst();
    session.open(args[1], args[2]);
    if (!waitFor(&session, &CompareSession::opened))
        return 1;
    line(app, QStringLiteral("open both"), clock.restart());
    if (!waitFor(&session, &CompareSession::settled) || !session.hasComparison())
        return 1;
    line(app, QStringLiteral("list + compare"), clock.restart());
    QTextStream(stdout) << "  " << session.comparison().files.size() << " file changes, "
                        << session.listing(0)->layers.size() << "+" << session.listing(1)->layers.size() << " layers\n";

    CompareOptions o = session.options();
    o.ignoreTimestamps = !o.ignoreTimestamps;
    session.setOptions(o);
    if (!waitFor(&session, &CompareSession::compared))
        return 1;
    line(app, QStringLiteral("compare again (options)"), clock.restart());

    // The former way: compareImages on the GUI thread, inside one event.
    QList<qint64> wall, cpu;
    for (int run = 0; run < 3; ++run) {
        const qint64 cpu0 = ProbedApplication::threadCpuUs();
        QElapsedTimer t;
        t.start();
        const ImageComparison c = compareImages(*session.graph(0), *session.listing(0), *session.graph(1),
                                                *session.listing(1), session.options());
        wall << t.nsecsElapsed() / 1000;
        cpu << ProbedApplication::threadCpuUs() - cpu0;
        if (c.files.size() != session.comparison().files.size())
            return 1;
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    QTextStream(stdout) << QStringLiteral("compareImages on the GUI thread (median of 3): %1 ms wall, %2 ms CPU\n")
                               .arg(double(wall[1]) / 1000, 0, 'f', 1)
                               .arg(double(cpu[1]) / 1000, 0, 'f', 1);
    return 0;
}
