// SPDX-License-Identifier: MIT
// The tag-moved bar: docker://…/app:1 opened from a real docker-registry, another image pushed to the tag by skopeo,
// opened again: the bar says where the tag pointed and where it points now, copies the earlier pinned reference and
// compares the two; Record Tag History off records nothing; Forget Tag History clears the journal.
#include "core/journal/referencejournal.h"
#include "tests/common/hermeticenv.h"
#include "tests/common/testutil.h"
#include "tests/core/registryserver.h"
#include "tests/ui/uitestutil.h"
#include "ui/compare/comparesourcebar.h"
#include "ui/compare/comparewindow.h"
#include "ui/journalactions.h"
#include "ui/mainwindow.h"
#include "ui/models/imagetreemodel.h"
#include "ui/models/rowstatus.h"
#include "ui/settings.h"
#include "ui/sourcecontroller.h"
#include "ui/taghistorydock.h"
#include "ui/views/explorerpage.h"
#include "ui/views/messagebar.h"
#include "ui/views/taghistoryview.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QToolButton>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace strata;
using namespace strata::test;
using namespace strata::ui;

class TstUiJournal : public QObject
{
    Q_OBJECT

    QThreadPool m_pool;

    static Digest digestOf(const QString &image)
    {
        QString out;
        if (!runTool(u"skopeo"_s, {u"inspect"_s, u"--raw"_s, u"--tls-verify=false"_s, image}, &out))
            qFatal("skopeo inspect failed: %s", qPrintable(out));
        return sha256Of(out.toUtf8());
    }

    static bool openAndSettle(MainWindow &w, const QString &source)
    {
        QSignalSpy settled(&w, &MainWindow::settled);
        w.openSource(source);
        return settled.wait(60000);
    }

private Q_SLOTS:
    void initTestCase() { isolateSettings(); }

    void tagMovedBar()
    {
        for (const QString &tool : {u"docker-registry"_s, u"skopeo"_s})
            if (QStandardPaths::findExecutable(tool).isEmpty())
                QFAIL(qPrintable(tool + u" is not installed (packaging/install-deps.sh installs it)"_s));
        RegistryServer registry;
        QString err, out;
        QVERIFY2(registry.start(RegistryServer::Auth::None, &err), qPrintable(err));
        const QString host = registry.host();
        const QString image = u"docker://"_s + host + u"/app:1"_s;
        QVERIFY2(push(u"oci:"_s + fixture(u"good/oci-multi"_s) + u":v1"_s, host, u"app:1"_s, {}, &out),
                 qPrintable(out));
        const Digest d1 = digestOf(image);

        MainWindow w(&m_pool);
        w.setAutoVerify(false);
        w.show();
        QVERIFY(openAndSettle(w, image));
        QVERIFY(!w.tagMovedBar()->isVisible());

        QVERIFY2(push(u"oci:"_s + fixture(u"good/oci-multi"_s) + u":v2"_s, host, u"app:1"_s, {}, &out),
                 qPrintable(out));
        const Digest d2 = digestOf(image);
        QVERIFY(!(d1 == d2));
        QVERIFY(openAndSettle(w, image));
        MessageBar *bar = w.tagMovedBar();
        QVERIFY(bar->isVisible());
        QVERIFY(bar->isWarning());
        QCOMPARE(bar->text(), u"%1/app:1 pointed to %2… on %3; it now points to %4…"_s.arg(
                                  host, d1.shortString(), QDateTime::currentDateTimeUtc().toString(u"yyyy-MM-dd"_s),
                                  d2.shortString()));
        QCOMPARE(bar->actionButtons().size(), 2);
        QVERIFY(bar->actionButtons()[0]->isVisible());
        QCOMPARE(bar->actionButtons()[1]->text(), u"Copy the earlier pinned reference"_s);

        QApplication::clipboard()->clear();
        bar->actionButtons()[1]->click();
        QCOMPARE(QApplication::clipboard()->text(), host + u"/app@"_s + d1.toString());

        // Compare the two: the earlier image by digest (the registry still serves it) beside the current one.
        QVERIFY(w.journalActions()->compareAction()->isEnabled());
        bar->actionButtons()[0]->click();
        CompareWindow *compare = nullptr;
        QTRY_VERIFY((compare = qobject_cast<CompareWindow *>([] {
                         for (QWidget *tl : QApplication::topLevelWidgets())
                             if (qobject_cast<CompareWindow *>(tl) && tl->isVisible())
                                 return tl;
                         return static_cast<QWidget *>(nullptr);
                     }())) != nullptr);
        QCOMPARE(compare->sourceBar()->source(0), u"docker://"_s + host + u"/app@"_s + d1.toString());
        QCOMPARE(compare->sourceBar()->source(1), u"docker://"_s + host + u"/app@"_s + d2.toString());
        QSignalSpy compared(compare, &CompareWindow::settled);
        QVERIFY(compared.wait(60000));
        QVERIFY2(!compare->summaryText().isEmpty(), qPrintable(compare->summaryText()));
        compare->close();

        // The tree shows it as a warning of the source too.
        bool warned = false;
        for (const Problem &p : w.controller()->graph()->problems)
            warned = warned || (p.kind == ProblemKind::TagMoved && p.expected == d1.toString());
        QVERIFY(warned);
        // The source row says Warning (not Verified or Not checked), before and after a verification.
        const auto sourceStatus = [&w] {
            const QAbstractItemModel *m = w.explorer()->model();
            return RowStatus(m->index(0, ImageTreeModel::StatusColumn).data(ImageTreeModel::StatusRole).toInt());
        };
        QCOMPARE(sourceStatus(), RowStatus::Warning);
        QCOMPARE(w.explorer()->model()->index(0, ImageTreeModel::StatusColumn).data().toString(), u"Warning"_s);
        QVERIFY(w.explorer()
                    ->model()
                    ->index(0, ImageTreeModel::StatusColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(u"pointed to "_s + d1.toString()));
        QSignalSpy verified(&w, &MainWindow::settled);
        w.verifyNow();
        QVERIFY(verified.wait(60000));
        QVERIFY(w.controller()->phase() == SourceController::Phase::Idle);
        QCOMPARE(sourceStatus(), RowStatus::Warning);

        // Opened again, unchanged: no bar.
        QVERIFY(openAndSettle(w, image));
        QVERIFY(!bar->isVisible());
        QCOMPARE(sourceStatus(), RowStatus::NotChecked);

        // Record Tag History off: another push goes unnoticed and unrecorded.
        const auto rows = [] { return journal::ReferenceJournal::open().value()->count().value(); };
        const qint64 before = rows();
        Settings::setRecordTagHistory(false);
        QVERIFY2(push(u"oci:"_s + fixture(u"good/oci-zstd"_s) + u":v1"_s, host, u"app:1"_s, {}, &out), qPrintable(out));
        QVERIFY(openAndSettle(w, image));
        QVERIFY(!bar->isVisible());
        QCOMPARE(rows(), before);
        Settings::setRecordTagHistory(true);

        // Forget Tag History clears it (on a worker; the status bar says so).
        QSignalSpy forgotten(w.journalActions(), &JournalActions::forgotten);
        w.journalActions()->forgetHistory(false);
        QVERIFY(forgotten.wait(30000));
        QCOMPARE(forgotten.first().first().toString(), u"Tag history forgotten."_s);
        QCOMPARE(rows(), 0);
    }

    void severalMoved()
    {
        // An OCI layout with two names, both moved by skopeo between two openings: the bar names the first and
        // "Show All" opens View ▸ Tag History on every reference of the source, each with both digests.
        QTemporaryDir dir;
        const QString layout = dir.filePath(u"layout"_s);
        QString out;
        const auto copy = [&](const QString &from, const QString &name) {
            return runTool(u"skopeo"_s,
                           {u"copy"_s, u"oci:"_s + fixture(from.section(u':', 0, 0)) + u':' + from.section(u':', 1),
                            u"oci:"_s + layout + u':' + name},
                           &out);
        };
        QVERIFY2(copy(u"good/oci-multi:v1"_s, u"alpha"_s), qPrintable(out));
        QVERIFY2(copy(u"good/oci-multi:v1"_s, u"beta"_s), qPrintable(out));
        MainWindow w(&m_pool);
        w.setAutoVerify(false);
        w.show();
        QVERIFY(openAndSettle(w, layout));
        QVERIFY(!w.tagMovedBar()->isVisible());
        QVERIFY2(copy(u"good/oci-zstd:v1"_s, u"alpha"_s), qPrintable(out));
        QVERIFY2(copy(u"good/oci-multi:v2"_s, u"beta"_s), qPrintable(out));
        QVERIFY(openAndSettle(w, layout));
        MessageBar *bar = w.tagMovedBar();
        QVERIFY(bar->isVisible());
        QVERIFY2(bar->text().contains(u"(and 1 more reference of this source moved: Show All)"_s),
                 qPrintable(bar->text()));
        // The tooltip holds every move in full.
        QCOMPARE(bar->toolTip().count(u"pointed to"_s), 2);
        QCOMPARE(bar->actionButtons().size(), 3);
        QCOMPARE(bar->actionButtons()[2]->text(), u"Show All"_s);

        TagHistoryDock *dock = w.tagHistoryDock();
        QSignalSpy shown(dock, &TagHistoryDock::shown);
        bar->actionButtons()[2]->click();
        QVERIFY(shown.wait(30000));
        QVERIFY(dock->isVisible());
        const TagHistoryModel *m = dock->view()->model();
        QVERIFY(!dock->view()->noteLabel()->isVisible());
        QStringList moved;
        for (int r = 0; r < m->rowCount(); ++r) {
            const QModelIndex group = m->index(r, 0);
            if (m->rowCount(group) == 2) {
                moved << group.data(TagHistoryModel::ReferenceRole).toString();
                QCOMPARE(m->index(0, TagHistoryModel::CurrentColumn, group).data().toString(), u"current"_s);
                QVERIFY(m->index(1, TagHistoryModel::CurrentColumn, group).data().toString().isEmpty());
                // The earlier digest's pinned reference is only the digest (a file has no NAME@DIGEST).
                QVERIFY(m->index(1, 0, group).data(TagHistoryModel::PinnedRole).toString().startsWith(u"sha256:"_s));
            }
        }
        moved.sort();
        QCOMPARE(moved, QStringList({u"alpha"_s, u"beta"_s}));
        // What the bar named first is selected.
        QVERIFY(dock->view()->treeView()->currentIndex().isValid());
        QCOMPARE(dock->view()->treeView()->currentIndex().data(TagHistoryModel::CurrentRole).toBool(), true);
    }
};

STRATA_TEST_MAIN(TstUiJournal)
#include "tst_ui_journal.moc"
