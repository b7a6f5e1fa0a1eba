// SPDX-License-Identifier: MIT
// The explorer window end to end: opening, verifying, cancelling, errors, stale results, drops.
#include "core/model/imagename.h"
#include "tests/common/hermeticenv.h"
#include "tests/ui/uitestutil.h"
#include "ui/compare/comparewindow.h"
#include "ui/dialogs/filedialogs.h"
#include "ui/guioptions.h"
#include "ui/mainwindow.h"
#include "ui/models/imagefilterproxy.h"
#include "ui/sampleimage.h"
#include "ui/settings.h"
#include "ui/sourcecontroller.h"
#include "ui/views/detailspane.h"
#include "ui/views/explorerpage.h"
#include "ui/views/messagebar.h"
#include "ui/views/progresspanel.h"
#include "ui/views/summarybar.h"
#include "ui/views/welcomepage.h"
#include "ui/windowgeometry.h"

#include <QAbstractButton>
#include <QCommandLineParser>
#include <QCryptographicHash>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QTimer>
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

// The mnemonic of `text` ("Ve&rify" → 'r'), lower case; null when it has none ("&&" is a literal ampersand).
QChar mnemonicOf(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text[i] != u'&')
            continue;
        if (text[i + 1] == u'&') {
            ++i;
            continue;
        }
        return text[i + 1].toLower();
    }
    return {};
}

// "File: 'o' in both Open File… and Open Folder…" for each menu level under `actions` with a repeated mnemonic.
QStringList duplicateMnemonics(const QString &where, const QList<QAction *> &actions)
{
    QStringList out;
    QHash<QChar, QString> seen;
    for (QAction *a : actions) {
        if (a->isSeparator() || !a->isVisible())
            continue;
        const QChar m = mnemonicOf(a->text());
        if (!m.isNull()) {
            if (seen.contains(m))
                out << u"%1: '%2' in both %3 and %4"_s.arg(where, QString(m), seen.value(m), a->text());
            else
                seen.insert(m, a->text());
        }
        if (a->menu())
            out << duplicateMnemonics(where + u" ▸ "_s + a->text(), a->menu()->actions());
    }
    return out;
}

// Alt+key at the window's own level: the menu bar's titles, every tab and every button or check box in it.
QStringList duplicateWindowMnemonics(const QString &where, QMainWindow *window)
{
    QStringList texts;
    for (QAction *a : window->menuBar()->actions())
        texts << a->text();
    for (QTabWidget *tabs : window->findChildren<QTabWidget *>())
        for (int i = 0; i < tabs->count(); ++i)
            texts << tabs->tabText(i);
    for (QAbstractButton *b : window->findChildren<QAbstractButton *>())
        texts << b->text();
    QStringList out;
    QHash<QChar, QString> seen;
    for (const QString &t : std::as_const(texts)) {
        const QChar m = mnemonicOf(t);
        if (m.isNull())
            continue;
        if (seen.contains(m))
            out << u"%1: '%2' in both %3 and %4"_s.arg(where, QString(m), seen.value(m), t);
        else
            seen.insert(m, t);
    }
    return out;
}

// The text of the widget in `panel` that shows "… of <total>", and whether it is drawn whole on one line.
bool progressBytesReadable(QWidget *panel, const QString &total, QString *why)
{
    for (QWidget *w : panel->findChildren<QWidget *>()) {
        QString text;
        int room = 0;
        if (auto *label = qobject_cast<QLabel *>(w); label && label->isVisible()) {
            text = label->text();
            room = label->contentsRect().width();
        } else if (auto *bar = qobject_cast<QProgressBar *>(w); bar && bar->isVisible() && bar->isTextVisible()) {
            text = bar->text();
            room = bar->width() - 8; // the style's frame and padding on both sides
        }
        if (!text.contains(u" of "_s + total))
            continue;
        const QFontMetrics fm(w->font());
        const int needed = fm.horizontalAdvance(text);
        *why = u"\"%1\" needs %2 px, has %3 x %4"_s.arg(text).arg(needed).arg(room).arg(w->height());
        return needed <= room && w->height() >= fm.height();
    }
    *why = u"no visible widget shows \" of %1\""_s.arg(total);
    return false;
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
    }

    void sampleIsListedInRecent()
    {
        Settings::clearRecentSources();
        MainWindow w(&m_pool);
        w.setPersistent(true);
        w.setAutoVerify(false);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy settled(&w, &MainWindow::settled);
        QTest::mouseClick(w.welcomePage()->sampleButton(), Qt::LeftButton);
        QVERIFY(settled.wait(30000));
        const QString copy = w.explorer()->model()->graph()->sourcePath;
        QVERIFY2(w.statusBar()->currentMessage().startsWith(u"Opened Sample image (OCI"_s),
                 qPrintable(w.statusBar()->currentMessage())); // not the temporary copy's path
        // Recent keeps the sample, not its temporary copy (which changes with each run), and names it.
        QVERIFY(!Settings::recentSources().contains(copy));
        QCOMPARE(Settings::recentSources().value(0), SampleImage::recentEntry());
        w.closeSource();
        auto *list = w.welcomePage()->findChild<QListWidget *>(u"recentList"_s);
        QCOMPARE(list->count(), 1);
        QCOMPARE(list->item(0)->text(), u"Sample image"_s);
        list->setCurrentRow(0);
        QTest::keyClick(list, Qt::Key_Return);
        QVERIFY(settled.wait(30000));
        QVERIFY(w.isShowingExplorer());
        QCOMPARE(w.explorer()->model()->graph()->sourcePath, copy);
        w.close();
        Settings::clearRecentSources();
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
        // The byte counts read whole on one line, also in a narrow window with a long object name beside them.
        m_window->resize(640, 480);
        QString why;
        QTRY_VERIFY2_WITH_TIMEOUT(progressBytesReadable(m_window->progressPanel(), u"3.2 GB"_s, &why), qPrintable(why),
                                  5000);
        QVERIFY(settled.isEmpty());

        QTest::mouseClick(m_window->progressPanel()->cancelButton(), Qt::LeftButton);
        QVERIFY(settled.wait(30000));
        const VerifyReportPtr report = explorer()->model()->report();
        QVERIFY(report);
        QVERIFY(report->canceled);
        QCOMPARE(statusOfNode(layer), RowStatus::NotChecked);
        QVERIFY(!m_window->progressPanel()->isVisible());
        // What was done, not "N of N checks passed", which reads as a success: the layer was not checked.
        const int objects = report->objectsInScope();
        QVERIFY(objects >= 2);
        const QString done = u"canceled: %1 of %2 objects checked (%3 checks), none failed"_s.arg(objects - 1)
                                 .arg(objects)
                                 .arg(report->checksTotal);
        const QString summary = explorer()->summaryBar()->text();
        QVERIFY2(summary.contains(u"verification "_s + done), qPrintable(summary));
        QVERIFY2(!summary.contains(u"checks passed"_s), qPrintable(summary));
        QCOMPARE(m_window->statusBar()->currentMessage(), u"Verification "_s + done + u'.');
    }

    void progressNamesTheImageOfALayer()
    {
        // An OCI layout names its image by a bare tag (ref.name "v1"): "layer 1 of v1" would read as a count.
        const ImageGraphPtr g = loadGraph(fixture(u"good/oci-gzip"_s));
        QCOMPARE(g->images[0].name, u"v1"_s);
        const QString layer = g->describe(g->images[0].layerNodes[0]);
        QVERIFY2(layer.startsWith(u"layer 1 of tag v1 (sha256:"_s), qPrintable(layer));
        QCOMPARE(imageNameInText(u"rw/app:1.0"_s), u"rw/app:1.0"_s);
        QCOMPARE(imageNameInText(u"image 2"_s), u"image 2"_s);
        QCOMPARE(imageNameInText(u"1.0"_s), u"tag 1.0"_s);
        // What the panel shows while that layer is read: the whole text in the tooltip.
        ProgressPanel *panel = m_window->progressPanel();
        panel->start(u"Verifying"_s);
        panel->setProgress(134'400'000, 405'100'000, layer);
        QString why;
        QTRY_VERIFY2(progressBytesReadable(panel, u"405.1 MB"_s, &why), qPrintable(why));
        QCOMPARE(panel->objectLabel()->toolTip(), u"Verifying — "_s + layer);
        panel->finish();
    }

    void longSummaryLeavesTheWindowResizable()
    {
        m_window->setAutoVerify(false);
        m_window->openSource(samplePath());
        QVERIFY(waitSettled());
        const int before = m_window->minimumSizeHint().width();
        // An engine image's summary (its format, a signer) far wider than the window.
        SourceSummary s = SourceSummary::of(*explorer()->model()->graph(), nullptr);
        s.format =
            u"Podman engine image (docker-daemon:, streamed from the engine's export as a docker save archive)"_s;
        s.trust = u"signed by "_s + QString(u"a-very-long-signer-identity@example.com, "_s).repeated(6);
        QTest::qWait(200); // the signature check's summary, if any, has come
        explorer()->summaryBar()->setSummary(s, false);
        const QString full = SummaryBar::textFor(s, false);
        QVERIFY(QFontMetrics(m_window->font()).horizontalAdvance(full) > 1500);
        // All of it stays readable (wrapped onto more lines, or elided with the whole text in the tooltip) ...
        auto *label = explorer()->summaryBar()->findChild<QLabel *>();
        QVERIFY(label);
        QCOMPARE(label->text(), full);
        QVERIFY(label->wordWrap() || label->toolTip() == full);
        // ... and it does not set the window's minimum width.
        QVERIFY2(m_window->minimumSizeHint().width() <= qMax(before, 700),
                 qPrintable(u"%1 (was %2)"_s.arg(m_window->minimumSizeHint().width()).arg(before)));
        m_window->resize(700, 500);
        QTRY_COMPARE(m_window->width(), 700);
        // Closed again, the window is as narrow as before.
        m_window->closeSource();
        m_window->resize(640, 480);
        QTRY_COMPARE(m_window->width(), 640);
    }

    void titleShowsTheFullReference()
    {
        QCOMPARE(MainWindow::titleFor(u"docker-daemon:rw/app:2"_s), u"docker-daemon:rw/app:2"_s);
        QCOMPARE(MainWindow::titleFor(u"docker://127.0.0.1:5000/rw/app:2"_s), u"docker://127.0.0.1:5000/rw/app:2"_s);
        QCOMPARE(MainWindow::titleFor(samplePath()), u"sample.oci.tar"_s);
        QCOMPARE(MainWindow::titleFor(fixture(u"good/oci-gzip"_s)), u"oci-gzip"_s);
    }

    void windowFitsTheScreen()
    {
        // First run: at most 90% of the screen, whatever the preferred size (QT_SCALE_FACTOR=2 on 1600×1000 is
        // 800×500 logical pixels).
        QCOMPARE(WindowGeometry::fitted(QSize(1200, 760), QRect(0, 0, 800, 500)), QSize(720, 450));
        QCOMPARE(WindowGeometry::fitted(QSize(1200, 760), QRect(0, 0, 2560, 1400)), QSize(1200, 760));
        // Restored: moved and shrunk onto the screen.
        QCOMPARE(WindowGeometry::clamped(QRect(100, 50, 1200, 760), QRect(0, 0, 800, 500)), QRect(0, 0, 800, 500));
        QCOMPARE(WindowGeometry::clamped(QRect(700, 400, 300, 200), QRect(0, 0, 800, 500)), QRect(500, 300, 300, 200));
        QCOMPARE(WindowGeometry::clamped(QRect(-50, 10, 300, 200), QRect(0, 0, 800, 500)), QRect(0, 10, 300, 200));

        const QRect available = m_window->screen()->availableGeometry();
        QVERIFY2(available.contains(m_window->frameGeometry()),
                 qPrintable(u"window %1x%2 on a %3x%4 screen"_s.arg(m_window->width())
                                .arg(m_window->height())
                                .arg(available.width())
                                .arg(available.height())));
        // Geometry saved on a larger screen comes back on this one.
        {
            MainWindow big(&m_pool);
            big.setPersistent(true);
            big.resize(available.width() + 500, available.height() + 300);
            big.show();
            QVERIFY(QTest::qWaitForWindowExposed(&big));
            big.close();
        }
        MainWindow restored(&m_pool);
        restored.setPersistent(true);
        restored.restoreWindowState();
        QVERIFY2(restored.width() <= available.width() && restored.height() <= available.height(),
                 qPrintable(u"%1x%2"_s.arg(restored.width()).arg(restored.height())));
        Settings::setWindowGeometry({});

        // The docks never need more than the screen: with Files and Tag History open, the window fits in 800×500.
        m_window->setAutoVerify(false);
        m_window->openSource(samplePath());
        QVERIFY(waitSettled());
        for (QDockWidget *dock : m_window->findChildren<QDockWidget *>())
            dock->show();
        QCoreApplication::processEvents();
        const QSize min = m_window->minimumSizeHint();
        QVERIFY2(min.width() <= 800 && min.height() <= 500, qPrintable(u"%1x%2"_s.arg(min.width()).arg(min.height())));
    }

    void mnemonicsAreUniqueInEveryMenu()
    {
        QStringList dups = duplicateMnemonics(u"main window"_s, m_window->menuBar()->actions());
        CompareWindow compare(&m_pool);
        dups << duplicateMnemonics(u"compare window"_s, compare.menuBar()->actions());
        // Menus, tabs and boxes share one window level: Alt+F must not mean both File and the Files tab.
        dups << duplicateWindowMnemonics(u"main window"_s, m_window.get());
        dups << duplicateWindowMnemonics(u"compare window"_s, &compare);
        QVERIFY2(dups.isEmpty(), qPrintable(dups.join(u'\n')));
        // The walk does see the menus: View and Verify are both there.
        QStringList top;
        for (QAction *a : m_window->menuBar()->actions())
            top << a->text();
        QVERIFY2(top.size() >= 5, qPrintable(top.join(u", "_s)));
    }

    void fileDialogsStartInTheLastFolder()
    {
        QTemporaryDir first, second;
        QFile::copy(samplePath(), second.filePath(u"copy.oci.tar"_s));
        Settings::setLastFolder(QLatin1StringView(FileDialogs::OpenImage), first.path());
        m_window->setAutoVerify(false);
        QString startedIn;
        // The dialog is modal: answer it from the event loop once it shows.
        QTimer::singleShot(0, this, [&] {
            QTRY_VERIFY(qobject_cast<QFileDialog *>(QApplication::activeModalWidget()));
            auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
            startedIn = dialog->directory().absolutePath();
            dialog->selectFile(second.filePath(u"copy.oci.tar"_s));
            static_cast<QDialog *>(dialog)->accept(); // QFileDialog::accept() is protected
        });
        QSignalSpy settled(m_window.get(), &MainWindow::settled);
        const auto buttons = m_window->welcomePage()->findChildren<QPushButton *>();
        const auto open =
            std::find_if(buttons.begin(), buttons.end(), [](QPushButton *b) { return b->text() == u"Open File…"_s; });
        QVERIFY(open != buttons.end());
        QTest::mouseClick(*open, Qt::LeftButton);
        QVERIFY(settled.wait(30000));
        QCOMPARE(startedIn, QDir(first.path()).absolutePath());
        QCOMPARE(explorer()->model()->graph()->sourcePath, second.filePath(u"copy.oci.tar"_s));
        // Remembered for that kind of dialog only.
        QCOMPARE(Settings::lastFolder(QLatin1StringView(FileDialogs::OpenImage)), second.path());
        QVERIFY(Settings::lastFolder(QLatin1StringView(FileDialogs::OpenFolder)).isEmpty());
        QCOMPARE(FileDialogs::startFolder(FileDialogs::OpenFolder), QDir::homePath());
    }

    void recentListUsesTheRoom()
    {
        Settings::clearRecentSources();
        for (int i = 0; i < Settings::MaxRecent; ++i)
            Settings::addRecentSource(u"/tmp/strata-recent-%1.tar"_s.arg(i));
        MainWindow w(&m_pool);
        w.resize(1000, 760);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *list = w.welcomePage()->findChild<QListWidget *>(u"recentList"_s);
        QVERIFY(list);
        QCOMPARE(list->count(), Settings::MaxRecent);
        QTRY_VERIFY(list->isVisible());
        // Every entry shows: no scrollbar while the page has room.
        QVERIFY2(!list->verticalScrollBar()->isVisible(),
                 qPrintable(u"list %1 px high for %2 rows"_s.arg(list->height()).arg(list->count())));
        Settings::clearRecentSources();
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
        QTest::keyClick(explorer()->filterEdit(), Qt::Key_Escape);
        QCOMPARE(explorer()->filterEdit()->text(), QString());
        QCOMPARE(explorer()->proxy()->text(), QString());
        QVERIFY(m_window->isShowingExplorer());
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
            first.resize(700, 510);
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
        QCOMPARE(second.size(), QSize(700, 510));
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
