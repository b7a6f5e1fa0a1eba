// SPDX-License-Identifier: MIT
// SBOM table benchmark: generates a CycloneDX 1.5 document of N packages (default 10,000; a tenth of them nested
// under another component), parses it (a worker's job in the window: timed apart), sets it on a shown SbomView,
// sorts by every column both ways, types a search one key at a time and clears it. Prints each step's wall time and
// the worst single GUI-thread event over the whole run (ProbedApplication: wall and GUI-thread CPU).
//   strata_bench_sbomtable [PACKAGES] [--screenshot PNG]   (the view after the run, to look at)
#include "core/attestations/sbomdocument.h"
#include "tests/bench/eventprobe.h"
#include "ui/models/sbompackagemodel.h"
#include "ui/views/sbomview.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPixmap>
#include <QTextStream>
#include <QTreeView>

using namespace strata;

namespace {

QByteArray generateCycloneDx(int packages)
{
    const QStringList licences = {QStringLiteral("MIT"), QStringLiteral("Apache-2.0"), QStringLiteral("ISC"),
                                  QStringLiteral("BSD-3-Clause"), QStringLiteral("GPL-2.0-only")};
    QJsonArray top;
    QJsonArray nested;
    for (int i = 0; i < packages; ++i) {
        // Names spread over the alphabet in no order, so that every sort moves rows.
        const QString name =
            QStringLiteral("pkg-%1-%2").arg(QChar(u'a' + (i * 7919) % 26)).arg((i * 104729) % packages);
        const QString version = QStringLiteral("%1.%2.%3").arg(i % 9).arg(i % 17).arg(i % 5);
        QJsonObject c{
            {QStringLiteral("type"), i % 10 == 0 ? QStringLiteral("framework") : QStringLiteral("library")},
            {QStringLiteral("name"), name},
            {QStringLiteral("version"), version},
            {QStringLiteral("purl"), QStringLiteral("pkg:npm/%1@%2").arg(name, version)},
            {QStringLiteral("licenses"),
             QJsonArray{QJsonObject{
                 {QStringLiteral("license"), QJsonObject{{QStringLiteral("id"), licences.at(i % licences.size())}}}}}}};
        if (i % 10 == 9) {
            nested.append(c);
            continue;
        }
        if (!nested.isEmpty()) {
            c.insert(QStringLiteral("components"), nested);
            nested = {};
        }
        top.append(c);
    }
    for (const QJsonValue &c : nested)
        top.append(c);
    const QJsonObject doc{
        {QStringLiteral("bomFormat"), QStringLiteral("CycloneDX")},
        {QStringLiteral("specVersion"), QStringLiteral("1.5")},
        {QStringLiteral("version"), 1},
        {QStringLiteral("metadata"),
         QJsonObject{{QStringLiteral("timestamp"), QStringLiteral("2026-01-01T00:00:00Z")},
                     {QStringLiteral("component"), QJsonObject{{QStringLiteral("name"), QStringLiteral("bench")}}}}},
        {QStringLiteral("components"), top}};
    return QJsonDocument(doc).toJson(QJsonDocument::Compact);
}

void print(const QString &what, double ms, const QString &extra = {})
{
    QTextStream(stdout) << QStringLiteral("%1 %2 ms%3\n").arg(what, -38).arg(ms, 8, 'f', 1).arg(extra);
}

double msSince(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    ProbedApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    QString screenshot;
    if (const qsizetype i = args.indexOf(QStringLiteral("--screenshot")); i >= 0 && i + 1 < args.size()) {
        screenshot = args.at(i + 1);
        args.remove(i, 2);
    }
    const int packages = args.isEmpty() ? 10000 : args.first().toInt();
    if (packages <= 0) {
        QTextStream(stderr) << "usage: strata_bench_sbomtable [PACKAGES] [--screenshot PNG]\n";
        return 2;
    }
    QElapsedTimer t;
    t.start();
    const QByteArray json = generateCycloneDx(packages);
    print(QStringLiteral("generate (%1 bytes)").arg(json.size()), msSince(t));
    t.restart();
    Result<SbomDocument> parsed = parseSbom(json, QStringLiteral("bench.cdx.json"));
    if (!parsed || qsizetype(parsed->packages.size()) != packages) {
        QTextStream(stderr) << "parse failed\n";
        return 1;
    }
    print(QStringLiteral("parse (worker thread in the window)"), msSince(t));
    auto doc = std::make_shared<const SbomDocument>(std::move(parsed).value());

    ui::SbomView view;
    view.resize(1100, 700);
    view.show();
    QTreeView *table = view.table();
    for (int i = 0; i < 20; ++i) // let the window map and paint once, empty
        app.processEvents();
    app.takeWorst();

    double worstStep = 0;
    auto step = [&](const QString &what, const std::function<void()> &action) {
        QElapsedTimer s;
        s.start();
        const qint64 cpu0 = ProbedApplication::threadCpuUs();
        action();
        table->viewport()->repaint(); // the paint that shows the result, synchronously
        const double ms = msSince(s);
        worstStep = std::max(worstStep, ms);
        print(what, ms,
              QStringLiteral(" (GUI-thread CPU %1 ms)")
                  .arg(double(ProbedApplication::threadCpuUs() - cpu0) / 1000, 0, 'f', 1));
    };

    step(QStringLiteral("load: setDocument + first paint"), [&] { view.setDocument(doc); });
    const QString counted = view.countText();
    for (int c = 0; c < ui::SbomPackageModel::ColumnCount; ++c) {
        const QString name = table->model()->headerData(c, Qt::Horizontal).toString();
        step(QStringLiteral("sort: %1 ascending").arg(name), [&] { table->sortByColumn(c, Qt::AscendingOrder); });
        step(QStringLiteral("sort: %1 descending").arg(name), [&] { table->sortByColumn(c, Qt::DescendingOrder); });
    }
    table->sortByColumn(ui::SbomPackageModel::NameColumn, Qt::AscendingOrder);
    double typing = 0, worstKey = 0, typingCpu = 0;
    const QString typed = QStringLiteral("pkg-q-12");
    for (const QChar ch : typed) {
        QElapsedTimer s;
        s.start();
        const qint64 cpu0 = ProbedApplication::threadCpuUs();
        QKeyEvent press(QEvent::KeyPress, 0, Qt::NoModifier, QString(ch));
        QApplication::sendEvent(view.searchField(), &press);
        QKeyEvent release(QEvent::KeyRelease, 0, Qt::NoModifier, QString(ch));
        QApplication::sendEvent(view.searchField(), &release);
        table->viewport()->repaint();
        const double ms = msSince(s);
        typing += ms;
        worstKey = std::max(worstKey, ms);
        typingCpu += double(ProbedApplication::threadCpuUs() - cpu0) / 1000;
    }
    print(QStringLiteral("filter: type \"%1\" (%2 keys), total").arg(typed).arg(typed.size()), typing,
          QStringLiteral(" (GUI-thread CPU %1 ms), worst key %2 ms, %3")
              .arg(typingCpu, 0, 'f', 1)
              .arg(worstKey, 0, 'f', 1)
              .arg(view.countText()));
    step(QStringLiteral("filter: licence \"apache\""), [&] { view.setFilterText(QStringLiteral("apache")); });
    const QString apache = view.countText();
    step(QStringLiteral("filter: clear"), [&] { view.setFilterText({}); });
    step(QStringLiteral("scroll to the end"), [&] { table->scrollToBottom(); });
    for (int i = 0; i < 20; ++i)
        app.processEvents();
    const ProbedApplication::Worst w = app.takeWorst();
    QTextStream(stdout) << QStringLiteral("%1 packages (%2; \"apache\": %3)\n").arg(packages).arg(counted, apache)
                        << QStringLiteral("longest step %1 ms; worst queued GUI event %2 ms wall, %3 ms CPU (%4)\n")
                               .arg(worstStep, 0, 'f', 1)
                               .arg(double(w.wallUs) / 1000, 0, 'f', 1)
                               .arg(double(w.cpuUs) / 1000, 0, 'f', 1)
                               .arg(w.what);
    if (!screenshot.isEmpty()) {
        view.setFilterText(QStringLiteral("apache"));
        table->sortByColumn(ui::SbomPackageModel::LicenseColumn, Qt::AscendingOrder);
        if (!view.grab().save(screenshot))
            return 1;
    }
    return 0;
}
