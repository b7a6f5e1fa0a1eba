// SPDX-License-Identifier: MIT
// The Files view: FileTreeModel (lazy rows), the search/size proxy, path history, efficiency and preview.
#include "core/layers/efficiency.h"
#include "core/layers/layerfile.h"
#include "core/verify/imagelisting.h"
#include "tests/common/hermeticenv.h"
#include "tests/common/multiplatform.h"
#include "tests/ui/uitestutil.h"
#include "ui/dialogs/filedialogs.h"
#include "ui/filesdock.h"
#include "ui/mainwindow.h"
#include "ui/models/filefilterproxy.h"
#include "ui/models/filetreemodel.h"
#include "ui/models/findingsmodel.h"
#include "ui/settings.h"
#include "ui/sourcecontroller.h"
#include "ui/views/efficiencypanel.h"
#include "ui/views/explorerpage.h"
#include "ui/views/filepreview.h"
#include "ui/views/filespage.h"
#include "ui/views/filetreeactions.h"
#include "ui/views/imagechooser.h"
#include "ui/views/pathhistoryview.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QTimer>
#include <QTreeView>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace strata;
using namespace strata::ui;
using namespace strata::test;

namespace {

// One line per row: "name  type  bytes  layer N" plus "  -> target" for links; directories show the
// bytes beneath them. Works on the model or the proxy; the model must have fetched what is dumped.
QString dumpFiles(const QAbstractItemModel *m, const QModelIndex &parent = {}, int depth = 0)
{
    QString out;
    for (int r = 0; r < m->rowCount(parent); ++r) {
        const QModelIndex name = m->index(r, FileTreeModel::NameColumn, parent);
        QStringList parts{name.data().toString(), m->index(r, FileTreeModel::TypeColumn, parent).data().toString()};
        if (name.data(FileTreeModel::DeletesRole).toString().isEmpty())
            parts << QString::number(name.data(FileTreeModel::SizeBytesRole).toLongLong());
        const QString layer = m->index(r, FileTreeModel::LayerColumn, parent).data().toString();
        if (!layer.isEmpty())
            parts << layer; // directories only implied by deeper paths have no layer
        const QString link = m->index(r, FileTreeModel::LinkColumn, parent).data().toString();
        if (!link.isEmpty())
            parts << u"-> "_s + link;
        out += QString(depth * 2, u' ') + parts.join(u"  "_s) + u'\n';
        out += dumpFiles(m, name, depth + 1);
    }
    return out;
}

} // namespace

class TestUiFiles : public QObject
{
    Q_OBJECT

private:
    ImageGraphPtr m_graph;
    int m_image = -1;
    QList<LayerTocPtr> m_layers;
    QStringList m_createdBy;
    QThreadPool m_pool;

private Q_SLOTS:
    void initTestCase()
    {
        m_graph = loadGraph(fixture(u"good/oci-gzip"_s));
        m_image = firstRunnableImage(*m_graph);
        QVERIFY(m_image >= 0);
        Result<ImageListing> l = listImage(*m_graph, m_image);
        QVERIFY(l);
        m_layers = l.value().layers;
        QCOMPARE(m_layers.size(), 3);
        for (int node : m_graph->images[m_image].layerNodes)
            m_createdBy << m_graph->node(node).createdBy;
    }
    void cleanupTestCase() { m_pool.waitForDone(); }

    void modelUnderTester()
    {
        FileTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setLayers(m_layers, m_createdBy);
        QTRY_VERIFY(!model.canFetchMore({})); // the tester fetched the top level
        QVERIFY(model.rowCount() > 0);
        model.fetchAll();
        for (int layer = -1; layer < 3; ++layer) {
            model.setMode(layer, false);
            QTest::qWait(0);
            model.fetchAll();
            if (layer >= 0) {
                model.setMode(layer, true);
                QTest::qWait(0);
                model.fetchAll();
            }
        }
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void explicitFetch()
    {
        FileTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        tester.setUseFetchMore(false);
        model.setLayers(m_layers, m_createdBy);
        QCOMPARE(model.rowCount(), 0); // nothing until asked
        QVERIFY(model.hasChildren());
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.fetchMore({});
        model.fetchMore({});          // asked twice, inserted once
        QCOMPARE(inserted.size(), 0); // rows come from the event loop
        QTRY_COMPARE(inserted.size(), 1);
        QVERIFY(model.rowCount() > 0);
        QVERIFY(!model.canFetchMore({}));
        const QModelIndex etc = findRow(&model, u"etc"_s);
        QVERIFY(etc.isValid());
        QCOMPARE(model.rowCount(etc), 0);
        QVERIFY(model.hasChildren(etc));
        QVERIFY(model.canFetchMore(etc));
        model.fetchMore(etc);
        QTRY_COMPARE(inserted.size(), 2);
        QCOMPARE(inserted.last().at(0).value<QModelIndex>(), etc);
        QVERIFY(model.rowCount(etc) > 0);
        // indexForPath fetches the directories on its way.
        const QModelIndex hi = model.indexForPath(u"usr/bin/hi"_s);
        QVERIFY(hi.isValid());
        QCOMPARE(hi.data(FileTreeModel::PathRole).toString(), u"usr/bin/hi"_s);
    }

    void mergedTree()
    {
        FileTreeModel model;
        model.setLayers(m_layers, m_createdBy);
        model.fetchAll();
        STRATA_COMPARE_TREE(dumpFiles(&model), u"etc  dir  112  layer 1\n"
                                               "  app.conf  file  32  layer 2\n"
                                               "  os-release  file  80  layer 2\n"
                                               "usr  dir  218470  layer 1\n"
                                               "  bin  dir  35  layer 1\n"
                                               "    hello  file  35  layer 1\n"
                                               "    hello-again  hardlink  0  layer 1  -> usr/bin/hello\n"
                                               "    hi  symlink  0  layer 1  -> hello\n"
                                               "  share  dir  218435  layer 1\n"
                                               "    strata  dir  218435  layer 1\n"
                                               "      big.txt  file  218400  layer 1\n"
                                               "      hello.copy  file  35  layer 1\n"
                                               "var  dir  12  layer 1\n"
                                               "  cache  dir  12  layer 1\n"
                                               "    app  dir  12  layer 3\n"
                                               "      fresh.cache  file  12  layer 3\n"_s);
    }

    void mergedAfterLayer1()
    {
        FileTreeModel model;
        model.setLayers(m_layers, m_createdBy);
        model.setMode(0, false);
        model.fetchAll();
        const QString dump = dumpFiles(&model);
        QVERIFY(dump.contains(u"motd  file"_s));
        QVERIFY(!dump.contains(u"fresh.cache"_s));
        QVERIFY(!dump.contains(u"app.conf"_s));
    }

    void singleLayer3()
    {
        FileTreeModel model;
        model.setLayers(m_layers, m_createdBy);
        model.setMode(2, true);
        model.fetchAll();
        STRATA_COMPARE_TREE(dumpFiles(&model), u"etc  dir  0\n"
                                               "  deletes motd  deletion  layer 3\n"
                                               "var  dir  12\n"
                                               "  cache  dir  12\n"
                                               "    app  dir  12  layer 3\n"
                                               "      deletes a.cache  deletion  layer 3\n"
                                               "      deletes b.cache  deletion  layer 3\n"
                                               "      deletes sub  deletion  layer 3\n"
                                               "      fresh.cache  file  12  layer 3\n"_s);
    }

    void modeString_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("expected");
        QTest::newRow("script") << int(EntryType::File) << 0755 << u"-rwxr-xr-x"_s;
        QTest::newRow("dir") << int(EntryType::Directory) << 0750 << u"drwxr-x---"_s;
        QTest::newRow("setuid") << int(EntryType::File) << 04755 << u"-rwsr-xr-x"_s;
        QTest::newRow("sticky") << int(EntryType::Directory) << 01777 << u"drwxrwxrwt"_s;
        QTest::newRow("link") << int(EntryType::Symlink) << 0777 << u"lrwxrwxrwx"_s;
    }
    void modeString()
    {
        QFETCH(int, type);
        QFETCH(int, mode);
        QFETCH(QString, expected);
        LayerEntry e;
        e.type = EntryType(type);
        e.mode = quint32(mode);
        QCOMPARE(e.modeString(), expected);
    }

    void proxy_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("minSize");
        QTest::addColumn<QString>("expected");
        QTest::newRow("glob") << u"*.cache"_s << qint64(0)
                              << u"var  dir  12  layer 1\n"
                                 "  cache  dir  12  layer 1\n"
                                 "    app  dir  12  layer 3\n"
                                 "      fresh.cache  file  12  layer 3\n"_s;
        QTest::newRow("substring") << u"HELLO"_s << qint64(0)
                                   << u"usr  dir  218470  layer 1\n"
                                      "  bin  dir  35  layer 1\n"
                                      "    hello  file  35  layer 1\n"
                                      "    hello-again  hardlink  0  layer 1  -> usr/bin/hello\n"
                                      "  share  dir  218435  layer 1\n"
                                      "    strata  dir  218435  layer 1\n"
                                      "      hello.copy  file  35  layer 1\n"_s;
        QTest::newRow("path glob") << u"etc/*"_s << qint64(0)
                                   << u"etc  dir  112  layer 1\n"
                                      "  app.conf  file  32  layer 2\n"
                                      "  os-release  file  80  layer 2\n"_s;
        QTest::newRow("threshold") << QString() << qint64(100'000)
                                   << u"usr  dir  218470  layer 1\n"
                                      "  share  dir  218435  layer 1\n"
                                      "    strata  dir  218435  layer 1\n"
                                      "      big.txt  file  218400  layer 1\n"_s;
        QTest::newRow("nothing") << u"no-such-file"_s << qint64(0) << QString();
    }
    void proxy()
    {
        QFETCH(QString, text);
        QFETCH(qint64, minSize);
        QFETCH(QString, expected);
        FileTreeModel model;
        FileFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setLayers(m_layers, m_createdBy);
        model.fetchAll();
        proxy.setText(text);
        proxy.setMinimumSize(minSize);
        STRATA_COMPARE_TREE(dumpFiles(&proxy), expected);
    }

    void proxySortsBySize()
    {
        FileTreeModel model;
        FileFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setLayers(m_layers, m_createdBy);
        model.fetchAll();
        proxy.sort(FileTreeModel::SizeColumn, Qt::DescendingOrder);
        // usr holds big.txt: the largest top-level directory comes first.
        QCOMPARE(proxy.index(0, 0).data().toString(), u"usr"_s);
        proxy.sort(FileTreeModel::NameColumn, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), u"etc"_s);
    }

    void history_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QStringList>("expected"); // "layer N  action"
        QTest::newRow("modified") << u"etc/os-release"_s << QStringList{u"layer 1  added"_s, u"layer 2  modified"_s};
        QTest::newRow("deleted") << u"etc/motd"_s << QStringList{u"layer 1  added"_s, u"layer 3  deleted"_s};
        QTest::newRow("replaced dir") << u"var/cache/app/fresh.cache"_s << QStringList{u"layer 3  added"_s};
        QTest::newRow("never") << u"no/such/path"_s << QStringList{};
    }
    void history()
    {
        QFETCH(QString, path);
        QFETCH(QStringList, expected);
        PathHistoryView view;
        view.setLayers(m_layers, m_createdBy);
        view.showPath(path);
        QStringList actual;
        for (int i = 0; i < view.topLevelItemCount(); ++i) {
            const QTreeWidgetItem *item = view.topLevelItem(i);
            actual << item->text(PathHistoryView::LayerColumn) + u"  "_s + item->text(PathHistoryView::ActionColumn);
            const int layer = item->text(PathHistoryView::LayerColumn).section(u' ', 1).toInt() - 1;
            const QString cmd = m_createdBy.value(layer).simplified();
            QCOMPARE(item->text(PathHistoryView::CreatedByColumn), cmd.isEmpty() ? u"(no command recorded)"_s : cmd);
        }
        QCOMPARE(actual, expected);
        QCOMPARE(view.rowsAsText().size(), expected.size());
    }

    void efficiencyPanel()
    {
        FilesPage page(&m_pool);
        page.setGraph(m_graph);
        QSignalSpy listed(&page, &FilesPage::listed);
        page.setLayers(m_layers);
        QVERIFY(listed.wait(10000));
        const EfficiencyReport expected = computeEfficiency(m_layers);
        const EfficiencyReport &shown = page.efficiencyPanel()->report();
        QCOMPARE(shown.totalBytes, expected.totalBytes);
        QCOMPARE(shown.keptBytes, expected.keptBytes);
        QCOMPARE(shown.wastedBytes, expected.wastedBytes);
        QCOMPARE(shown.score, expected.score);
        FindingsModel *findings = page.efficiencyPanel()->findings();
        QAbstractItemModelTester tester(findings, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(page.efficiencyPanel()->findingsView()->model(), findings);
        QCOMPARE(findings->rowCount(), expected.findings.size());
        QVERIFY(expected.wastedBytes > 0);
        const QString scoreText = page.efficiencyPanel()->scoreLabel()->text();
        QVERIFY2(scoreText.contains(QLocale().toString(expected.score * 100.0, 'f', 1)), qPrintable(scoreText));
        qint64 sum = 0, previous = std::numeric_limits<qint64>::max();
        for (int row = 0; row < findings->rowCount(); ++row) {
            const qint64 bytes =
                findings->index(row, FindingsModel::BytesColumn).data(FindingsModel::NumberRole).toLongLong();
            QVERIFY2(bytes <= previous, "shown largest first");
            previous = bytes;
            sum += bytes;
            const int layer = findings->index(row, FindingsModel::LayerColumn).data(FindingsModel::NumberRole).toInt();
            QCOMPARE(findings->index(row, FindingsModel::CreatedByColumn).data().toString(),
                     m_createdBy.value(layer).simplified());
        }
        // Sorting by path keeps every finding and follows the names.
        findings->sort(FindingsModel::PathColumn, Qt::AscendingOrder);
        QCOMPARE(findings->rowCount(), expected.findings.size());
        for (int row = 1; row < findings->rowCount(); ++row)
            QVERIFY(findings->index(row - 1, 0).data().toString() <= findings->index(row, 0).data().toString());
        QCOMPARE(sum, expected.wastedBytes);
    }

    void pageListsAndSwitchesLayers()
    {
        FilesPage page(&m_pool);
        page.setGraph(m_graph);
        QSignalSpy listed(&page, &FilesPage::listed);
        page.ensureListed();
        QVERIFY(page.isListing());
        QVERIFY(listed.wait(20000));
        QVERIFY(page.hasListing());
        QCOMPARE(page.layerSelector()->count(), 1 + 2 + 3);
        QSignalSpy shown(&page, &FilesPage::treeShown);
        page.setMode(2, true);
        QVERIFY(shown.wait(10000)); // built on a worker
        QVERIFY(page.model()->isSingleLayer());
        shown.clear();
        page.searchEdit()->setText(u"fresh"_s);
        QVERIFY(shown.wait(10000)); // filtered on a worker too
        QSet<QString> expected;     // the matching entries of layer 3 and the directories leading to them
        for (const LayerEntry &e : m_layers[2]->entries) {
            if (!e.path.section(u'/', -1).contains(u"fresh"_s, Qt::CaseInsensitive))
                continue;
            for (QString p = e.path; !p.isEmpty(); p = p.section(u'/', 0, -2))
                expected.insert(p);
        }
        QVERIFY(expected.contains(u"var/cache/app/fresh.cache"_s));
        QCOMPARE(page.model()->rootNode()->descendants, expected.size());
        QVERIFY(findRow(page.proxy(), u"fresh.cache"_s).isValid());
        page.selectPath(u"var/cache/app/fresh.cache"_s);
        QCOMPARE(page.historyView()->path(), u"var/cache/app/fresh.cache"_s);
        QVERIFY(page.historyView()->topLevelItemCount() >= 1);
    }

    void preview()
    {
        const int layerNode = m_graph->images[m_image].layerNodes[0];
        const LayerEntry *hello = nullptr;
        for (const LayerEntry &e : m_layers[0]->entries) {
            if (e.path == u"usr/bin/hello")
                hello = &e;
        }
        QVERIFY(hello);
        FilePreview preview(&m_pool);
        preview.setGraph(m_graph);
        QSignalSpy loaded(&preview, &FilePreview::loaded);
        preview.showFile(layerNode, *hello);
        QVERIFY(loaded.wait(10000));
        const QByteArray bytes("#!/bin/sh\necho \"hello from strata\"\n");
        QCOMPARE(preview.data(), bytes);
        QVERIFY(!preview.isHex());
        QCOMPARE(preview.textView()->toPlainText(), QString::fromUtf8(bytes));

        QTemporaryDir dir;
        const QString dest = dir.filePath(u"hello"_s);
        QSignalSpy saved(&preview, &FilePreview::saved);
        preview.saveTo(dest);
        QVERIFY(saved.wait(10000));
        QVERIFY(saved.last().at(0).toBool());
        QFile f(dest);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), bytes);
        preview.saveTo(dest); // never overwrites: the user is told
        QVERIFY(saved.wait(10000));
        QVERIFY(!saved.last().at(0).toBool());
        QVERIFY(saved.last().at(1).toString().contains(u"already exists"_s));

        // Save As…: the dialog proposes the file's own name in the folder of the last export, and the file lands
        // where the user chose.
        QTemporaryDir exports;
        Settings::setLastFolder(QLatin1StringView(FileDialogs::Export), exports.path());
        QString proposed;
        QTimer::singleShot(0, this, [&] {
            QTRY_VERIFY(qobject_cast<QFileDialog *>(QApplication::activeModalWidget()));
            auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
            proposed = dialog->selectedFiles().value(0);
            dialog->selectFile(exports.filePath(u"hello-saved"_s));
            static_cast<QDialog *>(dialog)->accept(); // QFileDialog::accept() is protected
        });
        preview.saveAs();
        QVERIFY(saved.wait(10000));
        QVERIFY2(saved.last().at(0).toBool(), qPrintable(saved.last().at(1).toString()));
        QCOMPARE(QFileInfo(proposed).fileName(), u"hello"_s);
        QCOMPARE(QFileInfo(proposed).absolutePath(), QDir(exports.path()).absolutePath());
        QFile chosen(exports.filePath(u"hello-saved"_s));
        QVERIFY(chosen.open(QIODevice::ReadOnly));
        QCOMPARE(chosen.readAll(), bytes);
    }

    // Issue 17 defect 1: the Files view follows the image (platform) of the explorer's current row,
    // names it, and switches with its combo box. In the left layout v2 is linux/arm/v7 with v2's
    // layers, the only image holding opt/strata/new.txt.
    void filesFollowSelectedPlatform()
    {
        QString failure;
        const MultiPlatform mp = makeMultiPlatform(&failure);
        QVERIFY2(!mp.left.isEmpty(), qPrintable(failure));
        MainWindow w(&m_pool);
        w.setAutoVerify(false);
        w.resize(1000, 700);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy settled(&w, &MainWindow::settled);
        w.openSource(mp.left);
        QVERIFY(settled.wait(30000));
        const ImageGraphPtr g = w.controller()->graph();
        int arm = -1, amd = -1;
        for (int i = 0; i < g->images.size(); ++i) {
            if (g->images[i].platform.toString() == u"linux/arm/v7")
                arm = i;
            else if (g->images[i].platform.toString() == u"linux/amd64" && amd < 0)
                amd = i;
        }
        QVERIFY(arm >= 0 && amd >= 0);
        QCOMPARE(firstRunnableImage(*g), amd); // what the view showed whatever was selected
        auto *dock = w.findChild<FilesDock *>();
        QVERIFY(dock);
        FilesPage *page = dock->page();
        QTRY_COMPARE(page->graph(), g);
        QVERIFY(w.explorer()->selectNode(g->images[arm].layerNodes.last()));
        QSignalSpy listed(page, &FilesPage::listed);
        dock->toggleViewAction()->trigger(); // View > Files
        QVERIFY(listed.wait(20000));
        QCOMPARE(page->imageIndex(), arm);
        const int layers = int(g->images[arm].layerNodes.size());
        QCOMPARE(page->layerSelector()->itemText(0), u"Merged (all %1 layer(s))"_s.arg(layers));
        const QString label = page->imageChooser()->label()->text();
        QCOMPARE(label,
                 u"linux/arm/v7 · %1 (%2 layer(s))"_s.arg(g->node(g->images[arm].manifestNode).digest().shortString())
                     .arg(layers));
        QVERIFY(page->imageChooser()->comboBox()->isVisible());
        QCOMPARE(page->imageChooser()->comboBox()->currentData().toInt(), arm);
        QVERIFY(page->model()->indexForPath(u"opt/strata/new.txt"_s).isValid());

        // Selecting the amd64 manifest switches the view and lists that image.
        listed.clear();
        QVERIFY(w.explorer()->selectNode(g->images[amd].manifestNode));
        QVERIFY(listed.wait(20000));
        QCOMPARE(page->imageIndex(), amd);
        QVERIFY(!page->model()->indexForPath(u"opt/strata/new.txt"_s).isValid());
        QVERIFY(page->imageChooser()->label()->text().startsWith(u"linux/amd64 · "_s));

        // The combo box switches back; a listing still running for another image never arrives.
        listed.clear();
        QComboBox *box = page->imageChooser()->comboBox();
        const int armRow = box->findData(arm);
        QVERIFY(armRow >= 0);
        box->setCurrentIndex(armRow);
        Q_EMIT box->activated(armRow);
        QCOMPARE(page->imageIndex(), arm);
        QVERIFY(page->isListing());
        QVERIFY(w.explorer()->selectNode(g->images[amd].layerNodes.first()));
        QCOMPARE(page->imageIndex(), amd);
        QVERIFY(listed.wait(20000));
        QTest::qWait(200);
        QCOMPARE(listed.size(), 1); // the arm listing was dropped
        QCOMPARE(page->imageIndex(), amd);
        QVERIFY(!page->model()->indexForPath(u"opt/strata/new.txt"_s).isValid());
        QVERIFY(page->model()->indexForPath(u"etc/app.conf"_s).isValid());
    }

    // Issue 17 defect 9b: Ctrl+C copies the full path; the context menu copies the path and the
    // content digest, saves, shows the history.
    void copyPathAndContextMenu()
    {
        FilesPage page(&m_pool);
        page.setGraph(m_graph);
        QSignalSpy listed(&page, &FilesPage::listed);
        page.setLayers(m_layers);
        QVERIFY(listed.wait(10000));
        page.resize(900, 500);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.selectPath(u"usr/bin/hello"_s);
        page.treeView()->setFocus();
        QGuiApplication::clipboard()->clear();
        QTest::keyClick(page.treeView(), Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), u"usr/bin/hello"_s);

        const QModelIndex hello = page.treeView()->currentIndex();
        std::unique_ptr<QMenu> menu(page.treeActions()->menuFor(hello, &page));
        QStringList texts;
        for (QAction *a : menu->actions()) {
            if (!a->isSeparator())
                texts << a->text();
        }
        QCOMPARE(texts, (QStringList{u"Copy &Path"_s, u"Copy Content &Digest"_s, u"&Save As…"_s, u"Show &History"_s}));
        menu->actions().at(1)->trigger();
        const QByteArray bytes("#!/bin/sh\necho \"hello from strata\"\n");
        QCOMPARE(QGuiApplication::clipboard()->text(),
                 u"sha256:"_s +
                     QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
        QVERIFY(menu->actions().at(2)->isEnabled());
        page.sideTabs()->setCurrentWidget(page.efficiencyPanel());
        menu->actions().at(4)->trigger(); // after the separator
        QCOMPARE(page.sideTabs()->currentWidget(), page.historyView());
        QCOMPARE(page.historyView()->path(), u"usr/bin/hello"_s);

        // A directory has no content: no digest, nothing to save, and the menu says why.
        page.selectPath(u"usr/bin"_s);
        menu.reset(page.treeActions()->menuFor(page.treeView()->currentIndex(), &page));
        QVERIFY(!menu->actions().at(1)->isEnabled());
        QVERIFY(!menu->actions().at(1)->toolTip().isEmpty());
        QVERIFY(!menu->actions().at(2)->isEnabled());
        menu->actions().at(0)->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), u"usr/bin"_s);
    }

    // Issue 17 defect 9c: Right on a file does not scroll the tree sideways.
    void rightOnLeafDoesNotScroll()
    {
        FilesPage page(&m_pool);
        page.setGraph(m_graph);
        QSignalSpy listed(&page, &FilesPage::listed);
        page.setLayers(m_layers);
        QVERIFY(listed.wait(10000));
        page.resize(420, 400);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTreeView *tree = page.treeView();
        page.selectPath(u"usr/bin/hello"_s);
        QScrollBar *bar = tree->horizontalScrollBar();
        QVERIFY2(bar->maximum() > 0, "the columns are wider than the tree");
        bar->setValue(0);
        tree->setFocus();
        const QModelIndex current = tree->currentIndex();
        QTest::keyClick(tree, Qt::Key_Right);
        QCOMPARE(bar->value(), 0);
        QCOMPARE(tree->currentIndex(), current);
        // On a collapsed directory Right still opens it.
        page.selectPath(u"usr/share"_s);
        bar->setValue(0);
        QVERIFY(!tree->isExpanded(tree->currentIndex()));
        QTest::keyClick(tree, Qt::Key_Right);
        QVERIFY(tree->isExpanded(tree->currentIndex()));
    }

    // Issue 17 defect 9d: clearing the search reopens the directories open before it.
    void clearingSearchRestoresExpansion()
    {
        FilesPage page(&m_pool);
        page.setGraph(m_graph);
        QSignalSpy listed(&page, &FilesPage::listed);
        page.setLayers(m_layers);
        QVERIFY(listed.wait(10000));
        page.resize(900, 500);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTreeView *tree = page.treeView();
        const auto row = [&](const QString &path) {
            return page.proxy()->mapFromSource(page.model()->indexForPath(path));
        };
        for (const QString &p : {u"etc"_s, u"usr"_s, u"usr/bin"_s})
            tree->expand(row(p));
        QSignalSpy shown(&page, &FilesPage::treeShown);
        page.searchEdit()->setFocus();
        QTest::keyClicks(page.searchEdit(), u"cache"_s);
        QVERIFY(shown.wait(10000));
        QVERIFY(tree->isExpanded(row(u"var/cache/app"_s))); // matches are shown opened
        shown.clear();
        QTest::keyClick(page.searchEdit(), Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(page.searchEdit(), Qt::Key_Backspace);
        QVERIFY(page.searchEdit()->text().isEmpty());
        QVERIFY(shown.wait(10000));
        for (const QString &p : {u"etc"_s, u"usr"_s, u"usr/bin"_s})
            QVERIFY2(tree->isExpanded(row(p)), qPrintable(p));
        QVERIFY(!tree->isExpanded(row(u"var"_s)));
        QVERIFY(!tree->isExpanded(row(u"usr/share"_s)));
    }

    // Issue 17 defect 9a: "Show deletions" lists, in the merged view, the paths whiteouts deleted,
    // with the layer that deleted each one and what it deleted.
    void showDeletions()
    {
        FilesPage page(&m_pool);
        page.setGraph(m_graph);
        QSignalSpy listed(&page, &FilesPage::listed);
        page.setLayers(m_layers);
        QVERIFY(listed.wait(10000));
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.model()->fetchAll();
        QVERIFY(!dumpFiles(page.model()).contains(u"deletes"_s));
        QSignalSpy shown(&page, &FilesPage::treeShown);
        QTest::mouseClick(page.deletionsBox(), Qt::LeftButton, {}, page.deletionsBox()->rect().center());
        QVERIFY(page.deletionsBox()->isChecked());
        QVERIFY(shown.wait(10000));
        page.model()->fetchAll();
        STRATA_COMPARE_TREE(dumpFiles(page.model()),
                            u"etc  dir  112  layer 1\n"
                            "  deletes motd (file, 37 bytes, from layer 1)  deletion  layer 3\n"
                            "  app.conf  file  32  layer 2\n"
                            "  os-release  file  80  layer 2\n"
                            "usr  dir  218470  layer 1\n"
                            "  bin  dir  35  layer 1\n"
                            "    hello  file  35  layer 1\n"
                            "    hello-again  hardlink  0  layer 1  -> usr/bin/hello\n"
                            "    hi  symlink  0  layer 1  -> hello\n"
                            "  share  dir  218435  layer 1\n"
                            "    strata  dir  218435  layer 1\n"
                            "      big.txt  file  218400  layer 1\n"
                            "      hello.copy  file  35  layer 1\n"
                            "var  dir  12  layer 1\n"
                            "  cache  dir  12  layer 1\n"
                            "    app  dir  12  layer 3\n"
                            "      deletes a.cache (file, 8 bytes, from layer 1)  deletion  layer 3\n"
                            "      deletes b.cache (file, 8 bytes, from layer 1)  deletion  layer 3\n"
                            "      deletes sub (dir and 1 path(s) beneath, from layer 1)  deletion  layer 3\n"
                            "      fresh.cache  file  12  layer 3\n"_s);
        // The tooltip names the deleting layer and what it deleted; unchecking hides the deletions again.
        const QModelIndex motd = page.model()->indexForPath(u"etc/.wh.motd"_s);
        QCOMPARE(motd.data(Qt::ToolTipRole).toString(),
                 u"Whiteout: layer 3 deletes etc/motd: file, 37 bytes, from layer 1"_s);
        shown.clear();
        page.deletionsBox()->click();
        QVERIFY(shown.wait(10000));
        page.model()->fetchAll();
        QVERIFY(!dumpFiles(page.model()).contains(u"deletes"_s));
    }

    void hexDump()
    {
        const QByteArray bin = QByteArray::fromHex("7f454c46020101000000000000000000"
                                                   "0300");
        QCOMPARE(FilePreview::hexDump(bin),
                 u"00000000  7f 45 4c 46 02 01 01 00  00 00 00 00 00 00 00 00  |.ELF............|\n"
                 "00000010  03 00                                             |..|\n"_s);
    }
};

STRATA_TEST_MAIN(TestUiFiles)
#include "tst_ui_files.moc"
