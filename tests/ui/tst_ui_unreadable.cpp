// SPDX-License-Identifier: MIT
// The window with a registry that does not deliver one blob (tests/registry/layoutregistry.py answering HTTP
// 500 to its GET while a flag file exists): the layer is "Could not read" in its own colour (not the mismatch
// red) with the reason, the summary says "verification incomplete", and Verify ▸ Retry Unreadable reads that
// one blob again and nothing else (counted in the server's request log).
#include "tests/common/hermeticenv.h"
#include "tests/core/registryserver.h"
#include "tests/ui/uitestutil.h"
#include "ui/mainwindow.h"
#include "ui/settings.h"
#include "ui/sourcecontroller.h"
#include "ui/theme/statusstyle.h"
#include "ui/views/explorerpage.h"
#include "ui/views/summarybar.h"

#include <QAction>
#include <QFile>
#include <QGuiApplication>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThreadPool>

using namespace Qt::StringLiterals;
using namespace strata;
using namespace strata::ui;
using namespace strata::test;

class TestUiUnreadable : public QObject
{
    Q_OBJECT

    QThreadPool m_pool;
    QTemporaryDir m_tmp;

    static QStringList lines(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(f.readAll()).split(u'\n', Qt::SkipEmptyParts);
    }

private Q_SLOTS:
    void initTestCase()
    {
        isolateSettings();
        Settings::setLookUpAttached(false);
        qputenv("DOCKER_CONFIG", m_tmp.filePath(u"no-docker-config"_s).toUtf8());
    }

    void styleSummaryAndRetry()
    {
        const QString layout = m_tmp.filePath(u"img"_s);
        QString out;
        QVERIFY2(runTool(u"bash"_s,
                         {QStringLiteral(STRATA_SOURCE_DIR) + u"/tests/registry/make-random-image.sh"_s, layout, u"t"_s,
                          u"3"_s, u"128"_s},
                         &out),
                 qPrintable(out));
        const ImageGraphPtr local = loadGraph(u"oci:"_s + layout + u":t"_s);
        const QString failing = local->nodes[local->images.first().layerNodes[1]].digest().toString();
        const QString flag = m_tmp.filePath(u"failing"_s);
        const QString log = m_tmp.filePath(u"requests.log"_s);
        QFile(flag).open(QIODevice::WriteOnly);
        const quint16 port = freePort();
        QProcess server;
        server.start(u"python3"_s, {QStringLiteral(STRATA_SOURCE_DIR) + u"/tests/registry/layoutregistry.py"_s,
                                    u"--port"_s, QString::number(port), u"--layout"_s, layout, u"--log"_s, log,
                                    u"--fail"_s, failing, u"--fail-flag"_s, flag});
        QVERIFY(waitForPort(port, server, 20000));

        MainWindow window(&m_pool);
        window.setAutoVerify(true);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openSource(u"docker://127.0.0.1:%1/small/app:t"_s.arg(port));
        ExplorerPage *explorer = window.explorer();
        QTRY_VERIFY_WITH_TIMEOUT(explorer->model()->report() && !window.controller()->isBusy(), 60000);
        const ImageGraphPtr graph = window.controller()->graph();
        int node = -1;
        for (const Node &n : graph->nodes)
            if (n.kind == NodeKind::Layer && n.digest().toString() == failing)
                node = n.id;
        QVERIFY(node >= 0);
        const QModelIndex status = explorer->model()->indexForNode(node, ImageTreeModel::StatusColumn);
        QCOMPARE(status.data().toString(), u"Could not read"_s);
        QCOMPARE(RowStatus(status.data(ImageTreeModel::StatusRole).toInt()), RowStatus::Unreadable);
        const QColor colour = status.data(Qt::ForegroundRole).value<QColor>();
        QCOMPARE(colour, StatusStyle::color(RowStatus::Unreadable, QGuiApplication::palette()));
        QVERIFY(colour != StatusStyle::color(RowStatus::Mismatch, QGuiApplication::palette()));
        QVERIFY2(status.data(Qt::ToolTipRole).toString().contains(u"HTTP 500"_s),
                 qPrintable(status.data(Qt::ToolTipRole).toString()));
        QVERIFY(status.data(Qt::AccessibleTextRole).toString().contains(u"could not read"_s));
        // Its parents are not "problem below" in red: nothing was proven wrong.
        QVERIFY(!status.parent()
                     .siblingAtColumn(ImageTreeModel::StatusColumn)
                     .data(ImageTreeModel::FailureBelowRole)
                     .toBool());
        const QString summary = explorer->summaryBar()->text();
        QVERIFY2(summary.contains(u"verification incomplete: 1 of "_s), qPrintable(summary));
        QVERIFY(window.retryUnreadableAction()->isEnabled());

        // The registry delivers again: Retry Unreadable sends one request, for that blob.
        QVERIFY(QFile::remove(flag));
        QVERIFY(QFile::resize(log, 0));
        QSignalSpy verified(window.controller(), &SourceController::verified);
        window.retryUnreadableAction()->trigger();
        QVERIFY(verified.wait(60000));
        QTRY_VERIFY(!window.controller()->isBusy());
        QCOMPARE(lines(log), QStringList{u"GET /v2/small/app/blobs/"_s + failing});
        QCOMPARE(explorer->model()->indexForNode(node, ImageTreeModel::StatusColumn).data().toString(), u"Verified"_s);
        QVERIFY(explorer->model()->report()->complete());
        QVERIFY(explorer->model()->report()->ok());
        QVERIFY2(!explorer->summaryBar()->text().contains(u"incomplete"_s), qPrintable(explorer->summaryBar()->text()));
        QVERIFY(!window.retryUnreadableAction()->isEnabled());

        window.close();
        m_pool.waitForDone();
        server.terminate();
        server.waitForFinished(5000);
    }
};

STRATA_TEST_MAIN(TestUiUnreadable)
#include "tst_ui_unreadable.moc"
