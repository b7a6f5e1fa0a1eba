// SPDX-License-Identifier: MIT
// View ▸ Tag History: a real docker-registry to which skopeo pushed v1, v2 and v3 of an image to one tag, stopped,
// and its folder opened: the dock lists the three digests newest first, the newest current, with the order note;
// "Compare with Current" opens the compare window on the two; "Copy Pinned Reference" copies REPO@sha256:…; "Open"
// opens that digest in the window; an untagged manifest is listed as such.
#include "tests/common/hermeticenv.h"
#include "tests/common/testutil.h"
#include "tests/core/taghistoryregistry.h"
#include "tests/ui/uitestutil.h"
#include "ui/compare/comparesourcebar.h"
#include "ui/compare/comparewindow.h"
#include "ui/mainwindow.h"
#include "ui/sourcecontroller.h"
#include "ui/taghistorydock.h"
#include "ui/views/taghistoryview.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace strata;
using namespace strata::test;
using namespace strata::ui;

class TstUiTagHistory : public QObject
{
    Q_OBJECT

    QThreadPool m_pool;
    TagHistoryRegistry m_storage;

    static bool openAndSettle(MainWindow &w, const QString &source)
    {
        QSignalSpy settled(&w, &MainWindow::settled);
        w.openSource(source);
        return settled.wait(60000);
    }

    static CompareWindow *visibleCompareWindow()
    {
        for (QWidget *tl : QApplication::topLevelWidgets())
            if (auto *c = qobject_cast<CompareWindow *>(tl); c && c->isVisible())
                return c;
        return nullptr;
    }

    // STRATA_GRAB_DIR=DIR: the window is saved as DIR/NAME.png (to look at what the test drove).
    static void grab(QWidget *w, const QString &name)
    {
        if (const QString dir = qEnvironmentVariable("STRATA_GRAB_DIR"); !dir.isEmpty())
            w->grab().save(dir + u'/' + name + u".png"_s);
    }

private Q_SLOTS:
    void initTestCase()
    {
        isolateSettings();
        QString err;
        QVERIFY2(m_storage.make(&err), qPrintable(err));
    }

    void storageHistory()
    {
        MainWindow w(&m_pool);
        w.setAutoVerify(false);
        w.resize(1400, 900);
        w.show();
        TagHistoryDock *dock = w.tagHistoryDock();
        QAbstractItemModelTester tester(dock->view()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(!dock->isVisible());
        QVERIFY(openAndSettle(w, m_storage.folder()));

        QSignalSpy shown(dock, &TagHistoryDock::shown);
        w.showTagHistory(u"strata/app:1"_s);
        QVERIFY(shown.wait(30000));
        QVERIFY(dock->isVisible());
        TagHistoryView *view = dock->view();
        const QList<Digest> d = m_storage.pushed();
        const QString expected = u"strata/app:1  3 manifests\n"
                                 "  1  %1  %4  current  stored\n"
                                 "  1  %2  %5  stored\n"
                                 "  1  %3  %6  stored\n"
                                 "untagged manifests of strata/app  1 manifest that no tag's history names\n"
                                 "  untagged  %7\n"_s;
        const TagHistoryModel *m = view->model();
        const QModelIndex group = m->findReference(u"strata/app:1"_s);
        QVERIFY(group.isValid());
        const auto time = [&](int row) {
            return m->index(row, TagHistoryModel::PushedColumn, group).data().toString();
        };
        STRATA_COMPARE_TREE(m->dump(), expected.arg(d[2].toString(), d[1].toString(), d[0].toString(), time(0), time(1),
                                                    time(2), m_storage.untagged().toString()));
        QVERIFY(!time(0).isEmpty());
        QVERIFY(view->noteLabel()->isVisible());
        QVERIFY2(view->noteLabel()->text().contains(u"the registry's storage itself records no order"_s),
                 qPrintable(view->noteLabel()->text()));
        // The tag's group is what was asked for.
        QCOMPARE(view->treeView()->currentIndex().siblingAtColumn(0), group);
        QVERIFY(!view->openButton()->isEnabled());
        QVERIFY(!view->copyButton()->isEnabled());
        QVERIFY(!view->statusLabel()->isVisible());
        grab(&w, u"taghistory-storage"_s);
        grab(dock, u"taghistory-dock"_s);

        // The current digest: open and copy, nothing to compare with.
        QVERIFY(view->select(u"strata/app:1"_s, d[2].toString()));
        QVERIFY(view->openButton()->isEnabled());
        QVERIFY(!view->compareButton()->isEnabled());

        // v1: Copy Pinned Reference.
        QVERIFY(view->select(u"strata/app:1"_s, d[0].toString()));
        QApplication::clipboard()->clear();
        view->copyButton()->click();
        QCOMPARE(QApplication::clipboard()->text(), u"strata/app@"_s + d[0].toString());

        // Compare with Current: v1 beside v3, both opened by digest from the folder.
        QVERIFY(view->compareButton()->isEnabled());
        view->compareButton()->click();
        CompareWindow *compare = nullptr;
        QTRY_VERIFY((compare = visibleCompareWindow()) != nullptr);
        QCOMPARE(compare->sourceBar()->source(0), m_storage.source(u"strata/app@"_s + d[0].toString()));
        QCOMPARE(compare->sourceBar()->source(1), m_storage.source(u"strata/app@"_s + d[2].toString()));
        QSignalSpy compared(compare, &CompareWindow::settled);
        QVERIFY(compared.wait(60000));
        QVERIFY2(!compare->summaryText().isEmpty(), qPrintable(compare->summaryText()));
        QVERIFY2(!compare->summaryText().contains(u"could not"_s, Qt::CaseInsensitive),
                 qPrintable(compare->summaryText()));
        grab(compare, u"taghistory-compare"_s);
        compare->close();

        // Open: v2 in the window; the dock follows and keeps that digest selected.
        QVERIFY(view->select(u"strata/app:1"_s, d[1].toString()));
        shown.clear();
        QSignalSpy settled(&w, &MainWindow::settled);
        view->openButton()->click();
        QVERIFY(settled.wait(60000));
        QCOMPARE(w.controller()->source(), m_storage.source(u"strata/app@"_s + d[1].toString()));
        bool found = false;
        for (const Node &n : w.controller()->graph()->nodes)
            found = found || (n.kind == NodeKind::Manifest && n.digest() == d[1]);
        QVERIFY(found);
        QVERIFY(shown.count() > 0 || shown.wait(30000));
        QCOMPARE(view->treeView()->currentIndex().data(TagHistoryModel::DigestRole).toString(), d[1].toString());
        QCOMPARE(m->findReference(u"strata/app:1"_s).model()->rowCount(m->findReference(u"strata/app:1"_s)), 3);

        // The untagged manifest: listed as such, openable, with no current to compare with.
        QVERIFY(view->select(QString(), m_storage.untagged().toString()));
        QCOMPARE(view->treeView()->currentIndex().data().toString(), u"untagged"_s);
        QVERIFY(view->openButton()->isEnabled());
        QVERIFY(!view->compareButton()->isEnabled());
        QVERIFY(view->compareButton()->toolTip().contains(u"no current one"_s));
        QApplication::clipboard()->clear();
        view->copyButton()->click();
        QCOMPARE(QApplication::clipboard()->text(), u"strata/app@"_s + m_storage.untagged().toString());
    }

    void otherSourceJournal()
    {
        // Not a registry storage folder: what the journal saw each of its references resolve to.
        MainWindow w(&m_pool);
        w.setAutoVerify(false);
        w.show();
        QVERIFY(openAndSettle(w, fixture(u"good/oci-zstd"_s)));
        QSignalSpy shown(w.tagHistoryDock(), &TagHistoryDock::shown);
        w.showTagHistory();
        QVERIFY(shown.wait(30000));
        TagHistoryView *view = w.tagHistoryDock()->view();
        QVERIFY(!view->noteLabel()->isVisible());
        // The journal recorded its ref.name when it opened (recording is on): one group, one digest, current.
        QCOMPARE(view->model()->rowCount(), 1);
        const QModelIndex group = view->model()->index(0, 0);
        QCOMPARE(view->model()->rowCount(group), 1);
        QCOMPARE(view->model()->index(0, TagHistoryModel::CurrentColumn, group).data().toString(), u"current"_s);
    }
};

STRATA_TEST_MAIN(TstUiTagHistory)
#include "tst_ui_taghistory.moc"
