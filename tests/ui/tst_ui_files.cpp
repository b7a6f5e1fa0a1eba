// SPDX-License-Identifier: MIT
// The Files view: FileTreeModel (lazy rows), the search/size proxy, path history, efficiency and preview.
#include "core/layers/efficiency.h"
#include "core/layers/layerfile.h"
#include "core/verify/imagelisting.h"
#include "tests/common/hermeticenv.h"
#include "tests/ui/uitestutil.h"
#include "ui/models/filefilterproxy.h"
#include "ui/models/filetreemodel.h"
#include "ui/models/findingsmodel.h"
#include "ui/views/efficiencypanel.h"
#include "ui/views/filepreview.h"
#include "ui/views/filespage.h"
#include "ui/views/pathhistoryview.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThreadPool>
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
