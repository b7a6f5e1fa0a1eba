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
#include "ui/settings.h"
#include "ui/sourcecontroller.h"
#include "ui/views/messagebar.h"

#include <QApplication>
#include <QClipboard>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QThreadPool>
#include <QToolButton>

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

        // Opened again, unchanged: no bar.
        QVERIFY(openAndSettle(w, image));
        QVERIFY(!bar->isVisible());

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
};

STRATA_TEST_MAIN(TstUiJournal)
#include "tst_ui_journal.moc"
