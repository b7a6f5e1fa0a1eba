// SPDX-License-Identifier: MIT
// The explorer window end to end: opening, verifying, cancelling, errors, stale results, drops.
#include "tests/common/hermeticenv.h"
#include "tests/ui/uitestutil.h"
#include "ui/guioptions.h"
#include "ui/mainwindow.h"
#include "ui/models/imagefilterproxy.h"
#include "ui/settings.h"
#include "ui/sourcecontroller.h"
#include "ui/views/detailspane.h"
#include "ui/views/explorerpage.h"
#include "ui/views/messagebar.h"
#include "ui/views/progresspanel.h"
#include "ui/views/summarybar.h"
#include "ui/views/welcomepage.h"

#include <QCommandLineParser>
#include <QCryptographicHash>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSplitter>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace strata;
using namespace strata::ui;
using namespace strata::test;

namespace {

QString sha256Hex(const QByteArray &b)
{
    return QString::fromLatin1(QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex());
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// A ustar header for one regular file of `size` bytes (POSIX.1-1988 §10.1.1).
QByteArray tarHeader(const QByteArray &name, qint64 size)
{
    QByteArray h(512, '\0');
    const auto put = [&](int offset, const QByteArray &v) { h.replace(offset, v.size(), v); };
    put(0, name);
    put(100, "0000644");
    put(108, "0000000");
    put(116, "0000000");
    put(124, QByteArray::number(size, 8).rightJustified(11, '0'));
    put(136, "00000000000");
    put(148, "        ");
    h[156] = '0';
    put(257, QByteArray("ustar\0"
                        "00",
                        8));
    int sum = 0;
    for (char c : h)
        sum += static_cast<unsigned char>(c);
    put(148, QByteArray::number(sum, 8).rightJustified(6, '0') + QByteArray("\0 ", 2));
    return h;
}

// An OCI layout whose single uncompressed layer is `layerBytes` of zeros in a sparse file: cheap to
// create, slow enough to verify that a cancel lands mid-way. Its declared digest is deliberately not
// the real one (computing that would take as long as the verification).
QString makeSlowLayout(const QString &dir, qint64 layerBytes)
{
    QDir().mkpath(dir + u"/blobs/sha256"_s);
    const QByteArray fakeDigest = QCryptographicHash::hash("not the real one", QCryptographicHash::Sha256).toHex();
    const qint64 tarSize = 512 + layerBytes + 1024;
    {
        QFile layer(dir + u"/blobs/sha256/"_s + QString::fromLatin1(fakeDigest));
        if (!layer.open(QIODevice::WriteOnly) || layer.write(tarHeader("big.bin", layerBytes)) != 512 ||
            !layer.resize(tarSize))
            qFatal("cannot write the slow layer");
    }
    const QByteArray config =
        "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" +
        fakeDigest + "\"]}}";
    const QByteArray manifest =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":"
        "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:" +
        sha256Hex(config).toLatin1() + "\",\"size\":" + QByteArray::number(config.size()) +
        "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
        "\"digest\":\"sha256:" +
        fakeDigest + "\",\"size\":" + QByteArray::number(tarSize) + "}]}";
    const QByteArray index =
        "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        "\"digest\":\"sha256:" +
        sha256Hex(manifest).toLatin1() + "\",\"size\":" + QByteArray::number(manifest.size()) + "}]}";
    writeFile(dir + u"/blobs/sha256/"_s + sha256Hex(config), config);
    writeFile(dir + u"/blobs/sha256/"_s + sha256Hex(manifest), manifest);
    writeFile(dir + u"/index.json"_s, index);
    writeFile(dir + u"/oci-layout"_s, R"({"imageLayoutVersion":"1.0.0"})");
    return dir;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

    QThreadPool m_pool;
    std::unique_ptr<MainWindow> m_window;

    bool waitSettled(int timeoutMs = 60000)
    {
        QSignalSpy settled(m_window.get(), &MainWindow::settled);
        return settled.wait(timeoutMs);
    }
    ExplorerPage *explorer() const { return m_window->explorer(); }
    RowStatus statusOfNode(int nodeId) const { return explorer()->model()->statusOf(nodeId); }

private Q_SLOTS:
    void initTestCase() { isolateSettings(); }

    void init()
    {
        m_window = std::make_unique<MainWindow>(&m_pool);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup()
    {
        m_window->close();
        m_window.reset();
        m_pool.waitForDone();
    }

    void opensSourcesFromTheCommandLine()
    {
        QCommandLineParser parser;
        GuiOptions::setup(parser);
        QVERIFY(parser.parse({u"strata"_s, u"--no-verify"_s, fixture(u"good/oci-gzip"_s)}));
        const GuiOptions options = GuiOptions::from(parser);
        QCOMPARE(options.sources, QStringList{fixture(u"good/oci-gzip"_s)});
        QVERIFY(options.noVerify);
        QVERIFY(options.screenshot.isEmpty());
        QVERIFY(GuiOptions::wantsHelpOrVersion({u"strata"_s, u"--version"_s}));
        QVERIFY(!GuiOptions::wantsHelpOrVersion({u"strata"_s, u"--"_s, u"--version"_s}));

        m_window->setAutoVerify(!options.noVerify);
        m_window->openSource(options.sources.first());
        QVERIFY(waitSettled());
        QVERIFY(m_window->isShowingExplorer());
        QVERIFY(!m_window->messageBar()->isVisible());
        QCOMPARE(explorer()->model()->report(), nullptr); // --no-verify
        QVERIFY(explorer()->summaryBar()->text().contains(u"not verified"_s));
        QVERIFY(m_window->windowTitle().startsWith(u"oci-gzip"_s));

        // F5 verifies on demand (shortcuts need the active window).
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QSignalSpy settled(m_window.get(), &MainWindow::settled);
        QTest::keyClick(m_window.get(), Qt::Key_F5);
        QVERIFY(settled.wait(60000));
        QVERIFY(explorer()->model()->report() != nullptr);
        QVERIFY(explorer()->summaryBar()->text().contains(u"of 13 checks passed"_s));
    }

    void welcomePageOpensTheEmbeddedSample()
    {
        QVERIFY(!m_window->isShowingExplorer());
        QPushButton *sample = m_window->welcomePage()->sampleButton();
        QVERIFY(sample->isVisible());
        m_window->setAutoVerify(true);
        QSignalSpy settled(m_window.get(), &MainWindow::settled);
        QTest::mouseClick(sample, Qt::LeftButton);
        QVERIFY(settled.wait(60000));
        QVERIFY(m_window->isShowingExplorer());
        const ImageGraphPtr g = explorer()->model()->graph();
        QVERIFY(g);
        QCOMPARE(QFileInfo(g->sourcePath).fileName(), u"sample.oci.tar"_s);
        QVERIFY(!g->sourcePath.startsWith(u":"_s)); // a real file for the readers
        QCOMPARE(explorer()->summaryBar()->text().section(u"  ·  "_s, -1), u"13 of 13 checks passed"_s);
        QVERIFY(m_window->windowTitle().contains(u"Sample image"_s));
        QVERIFY(!Settings::recentSources().contains(g->sourcePath)); // a temporary copy is not "recent"
    }

    void cancelMidVerification()
    {
        QTemporaryDir tmp;
        const QString layout = makeSlowLayout(tmp.filePath(u"slow"_s), 3LL * 1024 * 1024 * 1024);
        m_window->setAutoVerify(true);
        QSignalSpy settled(m_window.get(), &MainWindow::settled);
        m_window->openSource(layout);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->controller()->phase(), SourceController::Phase::Verifying, 30000);
        const ImageGraphPtr g = explorer()->model()->graph();
        const int layer = g->images[0].layerNodes[0];
        QCOMPARE(statusOfNode(layer), RowStatus::Checking);

        // The window stays responsive: progress in bytes arrives while the worker hashes.
        auto *bar = m_window->progressPanel()->findChild<QProgressBar *>(u"progressBar"_s);
        QVERIFY(m_window->progressPanel()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(bar->maximum() == 1000 && bar->value() > 0, 30000);
        QVERIFY(bar->text().contains(u" of 3.2 GB"_s));
        QVERIFY(settled.isEmpty());

        QTest::mouseClick(m_window->progressPanel()->cancelButton(), Qt::LeftButton);
        QVERIFY(settled.wait(30000));
        const VerifyReportPtr report = explorer()->model()->report();
        QVERIFY(report);
        QVERIFY(report->canceled);
        QCOMPARE(statusOfNode(layer), RowStatus::NotChecked);
        QVERIFY(!m_window->progressPanel()->isVisible());
        QVERIFY(explorer()->summaryBar()->text().contains(u"verification canceled"_s));
        QVERIFY(m_window->statusBar()->currentMessage().startsWith(u"Verification canceled"_s));
    }

    void corruptedImageSelectsItsMismatch()
    {
        m_window->setAutoVerify(true);
        m_window->openSource(fixture(u"bad/oci-flipped-layer"_s));
        QVERIFY(waitSettled());
        const ImageGraphPtr g = explorer()->model()->graph();
        const int layer = g->images[0].layerNodes[0];
        QCOMPARE(explorer()->currentNodeId(), layer);
        QCOMPARE(statusOfNode(layer), RowStatus::Mismatch);
        const QModelIndex current = explorer()->treeView()->currentIndex();
        QCOMPARE(current.siblingAtColumn(ImageTreeModel::StatusColumn).data().toString(), u"Mismatch"_s);
        QVERIFY(explorer()->treeView()->selectionModel()->isSelected(current));
        const QString details = explorer()->details()->overviewText();
        QVERIFY(details.contains(strata::test::truth(u"bad/oci-flipped-layer"_s).value(u"actualDigest"_s).toString()));
        QVERIFY(m_window->statusBar()->currentMessage().startsWith(u"Verification failed"_s));
    }

    void notAnImageShowsTheMessageBar_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("says");
        QTest::newRow("plain tar") << publicFixture(u"dive/not-an-image.tar"_s) << u"not a container image"_s;
        QTest::newRow("missing") << u"/nonexistent/strata-test.tar"_s << u"no such file or folder"_s;
    }

    void notAnImageShowsTheMessageBar()
    {
        QFETCH(QString, source);
        QFETCH(QString, says);
        m_window->openSource(source);
        QVERIFY(waitSettled());
        MessageBar *bar = m_window->messageBar();
        QVERIFY(bar->isVisible());
        QVERIFY2(bar->text().contains(source), qPrintable(bar->text()));
        QVERIFY2(bar->text().contains(says), qPrintable(bar->text()));
        QVERIFY(!m_window->isShowingExplorer());
        // A tint of the window colour, not a solid alarm colour that buries the text.
        const QColor tint = bar->palette().color(QPalette::Window);
        const QColor window = m_window->palette().color(QPalette::Window);
        QVERIFY(tint != window);
        QVERIFY2(qAbs(tint.lightness() - window.lightness()) < 50, qPrintable(tint.name() + u" vs "_s + window.name()));
        // The next successful open clears it.
        m_window->openSource(samplePath());
        QVERIFY(waitSettled());
        QVERIFY(!bar->isVisible());
    }

    // Issue 17, defect 2: a failed open (what Ctrl+O ends in: openSource) keeps the image already open,
    // its selection and its report, and shows the error over it.
    void failedOpenKeepsTheOpenImage()
    {
        m_window->setAutoVerify(true);
        m_window->openSource(samplePath());
        QVERIFY(waitSettled());
        const ImageGraphPtr g = explorer()->model()->graph();
        QVERIFY(g);
        const VerifyReportPtr report = explorer()->model()->report();
        QVERIFY(report);
        QTreeView *tree = explorer()->treeView();
        tree->setFocus();
        QTest::keyClick(tree, Qt::Key_Down);
        QTest::keyClick(tree, Qt::Key_Down);
        const int selected = explorer()->currentNodeId();
        QVERIFY(selected > 0);
        const QString title = m_window->windowTitle();

        m_window->openSource(u"/etc/hostname"_s);
        QVERIFY(waitSettled());
        MessageBar *bar = m_window->messageBar();
        QVERIFY(bar->isVisible());
        QVERIFY2(bar->text().contains(u"/etc/hostname"_s), qPrintable(bar->text()));
        QVERIFY(m_window->isShowingExplorer());
        QCOMPARE(explorer()->model()->graph(), g);
        QCOMPARE(m_window->controller()->graph(), g);
        QCOMPARE(m_window->controller()->source(), samplePath());
        QCOMPARE(explorer()->model()->report(), report);
        QCOMPARE(explorer()->currentNodeId(), selected);
        QCOMPARE(m_window->windowTitle(), title);
        QVERIFY(m_window->verifyAction()->isEnabled());
        // The kept image still works: verifying it again goes through.
        m_window->verifyNow();
        QVERIFY(waitSettled());
        QVERIFY(explorer()->model()->report()->ok());
    }

    void staleResultsAreDropped()
    {
        m_window->setAutoVerify(true);
        QSignalSpy failed(m_window->controller(), &SourceController::loadFailed);
        QSignalSpy loaded(m_window->controller(), &SourceController::loaded);
        m_window->openSource(publicFixture(u"dive/not-an-image.tar"_s));
        m_window->openSource(fixture(u"bad/oci-flipped-layer"_s));
        m_window->openSource(samplePath()); // only this one may arrive
        QVERIFY(waitSettled());
        QTRY_VERIFY(!m_window->controller()->isBusy());
        QTest::qWait(200);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(explorer()->model()->graph()->sourcePath, samplePath());
        QVERIFY(!m_window->messageBar()->isVisible());
        QVERIFY(explorer()->model()->report()->ok());
    }

    void dropOpensTheFile()
    {
        m_window->setAutoVerify(false);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(samplePath())});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_window.get(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_window.get(), &drop);
        QVERIFY(waitSettled());
        QCOMPARE(explorer()->model()->graph()->sourcePath, samplePath());
    }

    void keyboardShortcuts()
    {
        m_window->setAutoVerify(false);
        m_window->openSource(samplePath());
        QVERIFY(waitSettled());
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(explorer()->filterEdit()->hasFocus());
        QTest::keyClicks(explorer()->filterEdit(), u"layer 3"_s);
        QCOMPARE(explorer()->proxy()->text(), u"layer 3"_s);
        QTest::keyClick(m_window.get(), Qt::Key_W, Qt::ControlModifier); // closes the source
        QVERIFY(!m_window->isShowingExplorer());
        QCOMPARE(explorer()->model()->rowCount(), 0);
    }

    void windowStateIsRemembered()
    {
        const auto openSample = [](MainWindow &w) {
            w.setAutoVerify(false);
            QSignalSpy settled(&w, &MainWindow::settled);
            w.openSource(samplePath());
            return settled.wait(30000);
        };
        {
            MainWindow first(&m_pool);
            first.setPersistent(true);
            first.resize(900, 610);
            first.show();
            QVERIFY(QTest::qWaitForWindowExposed(&first));
            QVERIFY(openSample(first));
            first.explorer()->splitter()->setSizes({250, 600});
            first.close();
        }
        QVERIFY(!Settings::windowGeometry().isEmpty());
        QVERIFY(!Settings::splitterState().isEmpty());
        MainWindow second(&m_pool);
        second.setPersistent(true);
        second.restoreWindowState();
        QCOMPARE(second.size(), QSize(900, 610));
        second.show();
        QVERIFY(QTest::qWaitForWindowExposed(&second));
        QVERIFY(openSample(second));
        const QList<int> sizes = second.explorer()->splitter()->sizes();
        QVERIFY2(sizes.size() == 2 && sizes[0] * 2 < sizes[1],
                 qPrintable(u"%1 %2"_s.arg(sizes.value(0)).arg(sizes.value(1))));
    }

    void recentSourcesAreCappedAndDeduplicated()
    {
        Settings::clearRecentSources();
        for (int i = 0; i < Settings::MaxRecent + 3; ++i)
            Settings::addRecentSource(u"/tmp/source-%1"_s.arg(i));
        Settings::addRecentSource(u"/tmp/source-5"_s);
        const QStringList recent = Settings::recentSources();
        QCOMPARE(recent.size(), Settings::MaxRecent);
        QCOMPARE(recent.first(), u"/tmp/source-5"_s);
        QCOMPARE(recent.count(u"/tmp/source-5"_s), 1);
    }
};

STRATA_TEST_MAIN(TestMainWindow)
#include "tst_ui_mainwindow.moc"
