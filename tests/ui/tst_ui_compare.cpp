// SPDX-License-Identifier: MIT
// The compare window: models under QAbstractItemModelTester, v1 (good/oci-gzip) vs v2 (good/oci-v2);
// the platform selector over two multi-platform layouts; geometry and splitters kept in QSettings.
#include "tests/common/hermeticenv.h"
#include "tests/common/multiplatform.h"
#include "tests/ui/uitestutil.h"
#include "ui/compare/comparefilestab.h"
#include "ui/compare/comparesession.h"
#include "ui/compare/comparesourcebar.h"
#include "ui/compare/comparestyle.h"
#include "ui/compare/comparewindow.h"
#include "ui/compare/configchangemodel.h"
#include "ui/compare/filediffmodel.h"
#include "ui/compare/filediffpane.h"
#include "ui/compare/filediffproxy.h"
#include "ui/compare/layerpairmodel.h"
#include "ui/compare/linediff.h"
#include "ui/settings.h"
#include "ui/views/progresspanel.h"
#include "ui/windowgeometry.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSplitter>
#include <QStyle>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QThreadPool>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace strata;
using namespace strata::ui;

class TestCompare : public QObject
{
    Q_OBJECT

private:
    QThreadPool m_pool;
    std::unique_ptr<CompareWindow> m_window;

    // v1 vs v2, compared once and shared by the tests that only read.
    CompareWindow *compared()
    {
        if (m_window && m_window->session()->hasComparison())
            return m_window.get();
        m_window = std::make_unique<CompareWindow>(&m_pool);
        new QAbstractItemModelTester(m_window->layerModel(), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     m_window.get());
        new QAbstractItemModelTester(m_window->configModel(), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     m_window.get());
        new QAbstractItemModelTester(m_window->fileModel(), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     m_window.get());
        new QAbstractItemModelTester(m_window->fileProxy(), QAbstractItemModelTester::FailureReportingMode::QtTest,
                                     m_window.get());
        QSignalSpy settled(m_window.get(), &CompareWindow::settled);
        m_window->compare(test::fixture(u"good/oci-gzip"_s), test::fixture(u"good/oci-v2"_s));
        if (!settled.wait(120000))
            qWarning("comparison did not settle");
        return m_window.get();
    }

private Q_SLOTS:
    void initTestCase()
    {
        test::isolateSettings();
        m_pool.setMaxThreadCount(2);
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_pool.waitForDone();
    }

    void layerRows()
    {
        CompareWindow *w = compared();
        QVERIFY(w->session()->hasComparison());
        const LayerPairModel *m = w->layerModel();
        QStringList statuses;
        for (int r = 0; r < m->rowCount(); ++r)
            statuses << m->index(r, LayerPairModel::StatusColumn).data().toString();
        QCOMPARE(statuses, (QStringList{u"shared"_s, u"shared"_s, u"changed"_s}));
        const QModelIndex changed = m->index(2, LayerPairModel::StatusColumn);
        QCOMPARE(changed.data(LayerPairModel::DiffKindRole).toInt(), int(DiffKind::Changed));
        QVERIFY(!changed.data(Qt::DecorationRole).value<QIcon>().isNull());
        QVERIFY(m->index(0, LayerPairModel::LeftColumn)
                    .data(LayerPairModel::DigestRole)
                    .toString()
                    .startsWith(u"sha256:"_s));
        QVERIFY(w->summaryText().contains(u"2 shared"_s));
        // Each side says which step made its layer: the same on shared rows, each its own on the changed one.
        QCOMPARE(m->index(0, LayerPairModel::RightColumn).data(LayerPairModel::CommandRole).toString(),
                 u"layer 1: add base files"_s);
        const QModelIndex left3 = m->index(2, LayerPairModel::LeftColumn);
        const QModelIndex right3 = m->index(2, LayerPairModel::RightColumn);
        QCOMPARE(left3.data(LayerPairModel::CommandRole).toString(), u"layer 3: delete motd, reset var/cache/app"_s);
        QCOMPARE(right3.data(LayerPairModel::CommandRole).toString(),
                 u"layer 3 (v2): delete app.conf, add opt/strata/new.txt"_s);
        QVERIFY2(right3.data().toString().startsWith(u"3  sha256:"_s), qPrintable(right3.data().toString()));
        QVERIFY(right3.data().toString().endsWith(u"  layer 3 (v2): delete app.conf, add opt/strata/new.txt"_s));
        QVERIFY(right3.data(Qt::ToolTipRole).toString().contains(u"created by: layer 3 (v2)"_s));
        QVERIFY(right3.data(Qt::AccessibleTextRole).toString().contains(u"delete app.conf"_s));
    }

    void configRows()
    {
        const ConfigChangeModel *m = compared()->configModel();
        bool found = false;
        for (int r = 0; r < m->rowCount(); ++r) {
            if (m->index(r, ConfigChangeModel::FieldColumn).data().toString() == u"Env.APP_MODE"_s) {
                QCOMPARE(m->index(r, ConfigChangeModel::LeftColumn).data().toString(), u"production"_s);
                QCOMPARE(m->index(r, ConfigChangeModel::RightColumn).data().toString(), u"staging"_s);
                QVERIFY(m->index(r, ConfigChangeModel::RightColumn).data(Qt::BackgroundRole).isValid());
                found = true;
            }
        }
        QVERIFY(found);
    }

    void fileStatuses()
    {
        const FileDiffModel *m = compared()->fileModel();
        const auto kindOf = [m](const QString &path) {
            const QModelIndex i = m->indexForPath(path);
            return i.isValid() ? i.data(FileDiffModel::DiffKindRole).toInt() : -1;
        };
        QCOMPARE(kindOf(u"etc/app.conf"_s), int(DiffKind::Removed));
        QCOMPARE(kindOf(u"opt/strata/new.txt"_s), int(DiffKind::Added));
        QCOMPARE(kindOf(u"usr/bin/hello"_s), int(DiffKind::Same));
        // Absent on the left: greyed out there, coloured on the right.
        const QModelIndex added = m->indexForPath(u"opt/strata/new.txt"_s, FileDiffModel::RightColumn);
        QCOMPARE(added.data(Qt::ForegroundRole).value<QColor>(),
                 CompareStyle::color(DiffKind::Added, QGuiApplication::palette()));
    }

    void differencesOnly()
    {
        CompareWindow *w = compared();
        FileDiffProxy *proxy = w->fileProxy();
        const auto shown = [w, proxy](const QString &path) {
            return proxy->mapFromSource(w->fileModel()->indexForPath(path)).isValid();
        };
        QVERIFY(shown(u"usr/bin/hello"_s));
        w->differencesOnlyBox()->setChecked(true);
        QVERIFY(!shown(u"usr/bin/hello"_s));
        QVERIFY(shown(u"etc/app.conf"_s));
        QVERIFY(shown(u"opt/strata/new.txt"_s));
        QVERIFY(shown(u"opt/strata"_s)); // the way to a change stays
        w->differencesOnlyBox()->setChecked(false);
        QVERIFY(shown(u"usr/bin/hello"_s));
    }

    void ignoreOptionsRecompute()
    {
        CompareWindow *w = compared();
        const qsizetype before = w->session()->comparison().files.size();
        QSignalSpy spy(w->session(), &CompareSession::compared);
        QSignalSpy settled(w->session(), &CompareSession::settled);
        w->ignoreTimestampsBox()->setChecked(true);
        // Compared on the pool, not on the GUI thread: the window shows its working state meanwhile.
        QVERIFY(w->session()->isBusy());
        QVERIFY(w->findChild<ProgressPanel *>()->isVisibleTo(w));
        QVERIFY(spy.wait(30000));
        QCOMPARE(spy.size(), 1); // no listing again
        QCOMPARE(spy.first().first().toBool(), false);
        QVERIFY(!w->session()->isBusy());
        QVERIFY(w->session()->comparison().files.size() <= before);
        w->ignoreTimestampsBox()->setChecked(false);
        QVERIFY(spy.wait(30000));
        QCOMPARE(spy.size(), 2);
        QCOMPARE(w->session()->comparison().files.size(), before);
        QCOMPARE(settled.size(), 0);
    }

    void optionsChangedTwiceDeliversTheNewest()
    {
        // A newer request drops the comparison still running: one compared(), for the last options.
        CompareWindow *w = compared();
        const qsizetype before = w->session()->comparison().files.size();
        QSignalSpy spy(w->session(), &CompareSession::compared);
        w->ignoreTimestampsBox()->setChecked(true);
        w->ignoreTimestampsBox()->setChecked(false);
        QVERIFY(spy.wait(30000));
        QVERIFY(!spy.wait(300));
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.first().first().toBool(), false);
        QVERIFY(!w->session()->options().ignoreTimestamps);
        QCOMPARE(w->session()->comparison().files.size(), before);
    }

    void cancelWhileComparing()
    {
        // compareImages has no cancel flag: cancel drops its result and ends like a cancelled listing.
        CompareWindow w(&m_pool);
        QSignalSpy settled(w.session(), &CompareSession::settled);
        w.compare(test::fixture(u"good/oci-gzip"_s), test::fixture(u"good/oci-v2"_s));
        QVERIFY(settled.wait(120000));
        QVERIFY(w.session()->hasComparison());
        QSignalSpy compared(w.session(), &CompareSession::compared);
        QSignalSpy failed(w.session(), &CompareSession::failed);
        w.ignoreTimestampsBox()->setChecked(true); // the result can only arrive through the event loop
        QVERIFY(w.session()->isBusy());
        w.session()->cancel();
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().first().value<Error>().code, ErrorCode::Canceled);
        QCOMPARE(settled.size(), 2);
        QVERIFY(!w.session()->isBusy());
        QVERIFY(!w.session()->hasComparison());
        QVERIFY(!w.findChild<ProgressPanel *>()->isVisibleTo(&w));
        QVERIFY(!compared.wait(500));
    }

    void oneFilesTree()
    {
        // One tree (path | left | change | right), not the same table twice side by side.
        CompareWindow *w = compared();
        const QList<QTreeView *> trees = w->filesTab()->findChildren<QTreeView *>();
        QCOMPARE(trees.size(), 1);
        QTreeView *t = w->filesTree();
        QCOMPARE(trees.first(), t);
        QCOMPARE(t->model(), w->fileProxy());
        QStringList headers;
        for (int c = 0; c < t->model()->columnCount(); ++c) {
            QVERIFY(!t->isColumnHidden(c));
            headers << t->model()->headerData(c, Qt::Horizontal).toString();
        }
        QCOMPARE(headers.size(), 4);
        QCOMPARE(headers[0], u"Path"_s);
        QVERIFY(headers[1].startsWith(u"Left"_s));
        QCOMPARE(headers[2], u"Change"_s);
        QVERIFY(headers[3].startsWith(u"Right"_s));
        // A file on the right only: the left cell says so, the right one gives type and size.
        const FileDiffModel *m = w->fileModel();
        QCOMPARE(m->indexForPath(u"opt/strata/new.txt"_s, FileDiffModel::LeftColumn).data().toString(), u"absent"_s);
        QVERIFY(m->indexForPath(u"opt/strata/new.txt"_s, FileDiffModel::RightColumn)
                    .data()
                    .toString()
                    .startsWith(u"file · "_s));
        // Rows are tall enough for the change badge, also when the first row (etc) has none.
        const int iconHeight = t->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, t);
        QVERIFY2(t->sizeHintForRow(0) >= iconHeight,
                 qPrintable(u"%1 < %2"_s.arg(t->sizeHintForRow(0)).arg(iconHeight)));
        QVERIFY(w->selectFile(u"etc/app.conf"_s));
        QCOMPARE(t->currentIndex().data(FileDiffModel::PathRole).toString(), u"etc/app.conf"_s);
        QVERIFY(t->isExpanded(t->currentIndex().parent()));
        // Keyboard: Down moves to the next row of the same tree.
        t->setFocus();
        const QModelIndex before = t->currentIndex();
        QTest::keyClick(t, Qt::Key_Up);
        QVERIFY(t->currentIndex() != before);
    }

    void changedIconIsNotEquals()
    {
        // The "changed" badge is ±: its vertical stroke paints white above the centre, where '=' had badge colour.
        // v1 and v2 have no modified file, but a changed top layer, drawn with the same badge as a changed file.
        const QModelIndex changed = compared()->layerModel()->index(2, LayerPairModel::StatusColumn);
        QCOMPARE(changed.data(LayerPairModel::DiffKindRole).toInt(), int(DiffKind::Changed));
        const QIcon icon = changed.data(Qt::DecorationRole).value<QIcon>();
        QCOMPARE(icon.cacheKey(), CompareStyle::icon(DiffKind::Changed).cacheKey());
        QVERIFY(!icon.isNull());
        const QImage img = icon.pixmap(16, 16).toImage();
        const QColor stroke = img.pixelColor(8, 4);
        QVERIFY2(stroke.red() > 200 && stroke.green() > 200 && stroke.blue() > 200, qPrintable(stroke.name()));
        const QColor badge = img.pixelColor(3, 8);
        QVERIFY2(badge.blue() < 100, qPrintable(badge.name()));
    }

    void selectedFileShowsDiff()
    {
        CompareWindow *w = compared();
        QSignalSpy shown(w->filePane(), &FileDiffPane::contentShown);
        QVERIFY(w->selectFile(u"opt/strata/new.txt"_s));
        QVERIFY(shown.size() > 0 || shown.wait(30000));
        QTRY_COMPARE(w->filePane()->diffView()->toPlainText(), u"+ added in v2"_s);
    }

    void lineDiff_data()
    {
        QTest::addColumn<QString>("left");
        QTest::addColumn<QString>("right");
        QTest::addColumn<QString>("expected");
        QTest::newRow("same") << u"a\nb\n"_s << u"a\nb\n"_s << u"  a\n  b\n"_s;
        QTest::newRow("changed middle") << u"a\nb\nc\n"_s << u"a\nx\nc\n"_s << u"  a\n- b\n+ x\n  c\n"_s;
        QTest::newRow("added end") << u"a\n"_s << u"a\nb\n"_s << u"  a\n+ b\n"_s;
        QTest::newRow("removed start") << u"a\nb\n"_s << u"b\n"_s << u"- a\n  b\n"_s;
        QTest::newRow("lcs") << u"a\nb\nc\nd\n"_s << u"b\nx\nd\ne\n"_s << u"- a\n  b\n- c\n+ x\n  d\n+ e\n"_s;
        QTest::newRow("empty left") << QString() << u"x\n"_s << u"+ x\n"_s;
        QTest::newRow("no final newline") << u"a\nb"_s << u"a\nb\n"_s << u"  a\n  b\n"_s;
    }

    void lineDiff()
    {
        QFETCH(QString, left);
        QFETCH(QString, right);
        QFETCH(QString, expected);
        QCOMPARE(diffText(ui::lineDiff(splitLines(left), splitLines(right))), expected);
    }

    void lineDiffOverCap()
    {
        // Past the table cap the middle is all removed then all added: still a valid diff.
        const QList<DiffLine> d = ui::lineDiff({u"a"_s, u"b"_s, u"c"_s}, {u"a"_s, u"x"_s, u"c"_s}, 1);
        QCOMPARE(diffText(d), u"  a\n- b\n+ x\n  c\n"_s);
    }

    void diffViewColoursLines()
    {
        FileDiffPane pane(&m_pool);
        pane.showTextDiff(u"a\nb\n"_s, u"a\nc\n"_s);
        QCOMPARE(pane.diffView()->toPlainText(), u"  a\n- b\n+ c"_s);
        const QTextDocument *doc = pane.diffView()->document();
        QVERIFY(!doc->findBlockByNumber(0).blockFormat().hasProperty(QTextFormat::BackgroundBrush));
        QCOMPARE(doc->findBlockByNumber(1).blockFormat().background().color(),
                 CompareStyle::background(DiffKind::Removed, pane.diffView()->palette()));
        QCOMPARE(doc->findBlockByNumber(2).blockFormat().background().color(),
                 CompareStyle::background(DiffKind::Added, pane.diffView()->palette()));
    }

    void exportMarkdown()
    {
        CompareWindow *w = compared();
        QTemporaryDir dir;
        const QString md = dir.filePath(u"report.md"_s);
        QVERIFY(w->exportReport(md, false));
        QFile f(md);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QVERIFY2(text.contains(u"different"_s), qPrintable(text.left(400)));
        const QString html = dir.filePath(u"report.html"_s);
        QVERIFY(w->exportReport(html, true));
        QVERIFY(QFileInfo(html).size() > 0);
    }

    void cancelAndStale()
    {
        // A second open while the first runs: only the second settles into a comparison.
        CompareWindow w(&m_pool);
        QSignalSpy failed(w.session(), &CompareSession::failed);
        QSignalSpy compared(w.session(), &CompareSession::compared);
        w.compare(test::fixture(u"good/oci-gzip"_s), test::fixture(u"good/oci-gzip"_s));
        w.compare(test::fixture(u"good/oci-gzip"_s), test::fixture(u"good/oci-v2"_s));
        QTRY_COMPARE_WITH_TIMEOUT(compared.size(), 1, 120000);
        QCOMPARE(failed.size(), 0);
        QVERIFY(!w.session()->comparison().sameContent);
        // Cancelling a running job ends in a Canceled failure (or, if it already finished, a result).
        QSignalSpy settled(w.session(), &CompareSession::settled);
        w.compare(test::fixture(u"good/oci-gzip"_s), test::fixture(u"good/oci-v2"_s));
        w.session()->cancel();
        QVERIFY(settled.wait(120000));
        if (!failed.isEmpty())
            QCOMPARE(failed.first().first().value<Error>().code, ErrorCode::Canceled);
    }

    void missingSourceFails()
    {
        CompareWindow w(&m_pool);
        QSignalSpy failed(w.session(), &CompareSession::failed);
        w.compare(u"/nonexistent/left"_s, test::fixture(u"good/oci-v2"_s));
        QVERIFY(failed.wait(60000));
        QVERIFY(failed.first().first().value<Error>().code != ErrorCode::Canceled);
    }

    void platformSelector()
    {
        QString failure;
        const test::MultiPlatform mp = test::makeMultiPlatform(&failure);
        QVERIFY2(!mp.left.isEmpty(), qPrintable(failure));
        CompareWindow w(&m_pool);
        QSignalSpy settled(&w, &CompareWindow::settled);
        w.compare(mp.left, mp.right);
        QVERIFY(settled.wait(120000));
        QVERIFY(w.session()->hasComparison());
        QComboBox *box = w.sourceBar()->platformBox();
        QCOMPARE(box->count(), 2);
        QCOMPARE(box->itemText(0), u"linux/amd64"_s);
        QCOMPARE(box->itemText(1), u"linux/arm/v7"_s);
        QVERIFY(box->isEnabled());
        QCOMPARE(w.sourceBar()->unpairedText(), u"linux/arm64 only on the left; linux/arm/v6 only on the right"_s);
        QVERIFY(w.session()->comparison().identical);

        box->setCurrentIndex(1);
        QVERIFY(settled.wait(120000));
        QCOMPARE(w.session()->currentPair(), 1);
        QVERIFY(!w.session()->comparison().sameContent);
        QStringList statuses;
        for (int r = 0; r < w.layerModel()->rowCount(); ++r)
            statuses << w.layerModel()->index(r, LayerPairModel::StatusColumn).data().toString();
        QCOMPARE(statuses, (QStringList{u"shared"_s, u"shared"_s, u"changed"_s}));
    }

    void windowStateRestored()
    {
        {
            CompareWindow first(&m_pool);
            first.setPersistent(true);
            first.resize(700, 500);
            first.tabs()->setCurrentIndex(CompareWindow::FilesTab);
            first.show();
            QVERIFY(QTest::qWaitForWindowExposed(&first));
            first.filesTab()->detailsSplitter()->setSizes({500, 100});
            first.close();
        }
        QVERIFY(!Settings::compareGeometry().isEmpty());
        QVERIFY(!Settings::compareDetailsSplitter().isEmpty());
        {
            // Not persistent (tests, screenshots): neither restores nor saves.
            CompareWindow scratch(&m_pool);
            scratch.restoreWindowState();
            QCOMPARE(scratch.size(), WindowGeometry::fitted(QSize(1280, 800), WindowGeometry::availableFor(&scratch)));
            scratch.resize(640, 480);
            scratch.show();
            scratch.close();
        }
        CompareWindow second(&m_pool);
        second.setPersistent(true);
        second.restoreWindowState();
        QCOMPARE(second.size(), QSize(700, 500));
        second.tabs()->setCurrentIndex(CompareWindow::FilesTab);
        second.show();
        QVERIFY(QTest::qWaitForWindowExposed(&second));
        const QList<int> details = second.filesTab()->detailsSplitter()->sizes();
        QVERIFY2(details.size() == 2 && details[0] > details[1] * 2,
                 qPrintable(u"%1 %2"_s.arg(details.value(0)).arg(details.value(1))));
    }
};

STRATA_TEST_MAIN(TestCompare)
#include "tst_ui_compare.moc"
