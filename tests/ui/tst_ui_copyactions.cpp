// SPDX-License-Identifier: MIT
// Clipboard texts for every copy action, and that the explorer really puts them on the clipboard.
#include "tests/common/hermeticenv.h"
#include "tests/ui/uitestutil.h"
#include "ui/copyactions.h"
#include "ui/views/detailspane.h"
#include "ui/views/explorerpage.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace strata;
using namespace strata::ui;
using namespace strata::test;

namespace {

QString textOf(const QList<CopyItem> &items, CopyKind kind)
{
    const auto item = CopyActions::find(items, kind);
    return item ? item->text : u"<absent>"_s;
}

int nodeTitled(const ImageGraph &g, const QString &title, int from = 0)
{
    for (int i = from; i < g.nodes.size(); ++i) {
        if (g.nodes[i].title == title)
            return i;
    }
    return -1;
}

} // namespace

class TestCopyActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { isolateSettings(); }

    void repositoryOf_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("repository");
        QTest::newRow("full") << u"docker.io/library/hello-world:latest"_s << u"docker.io/library/hello-world"_s;
        QTest::newRow("short") << u"hello-world:latest"_s << u"hello-world"_s;
        QTest::newRow("port and tag") << u"localhost:5000/team/app:v1"_s << u"localhost:5000/team/app"_s;
        QTest::newRow("port, no tag") << u"localhost:5000/team/app"_s << u"localhost:5000/team/app"_s;
        QTest::newRow("digest") << u"quay.io/a/b@sha256:0123"_s << u"quay.io/a/b"_s;
        QTest::newRow("tag and digest") << u"quay.io/a/b:v2@sha256:0123"_s << u"quay.io/a/b"_s;
        QTest::newRow("bare tag (OCI ref.name)") << u"v1"_s << QString();
        QTest::newRow("version tag") << u"1.0"_s << QString();
        QTest::newRow("placeholder") << u"image 2"_s << QString();
        QTest::newRow("upper case path") << u"Docker.io/Library/App:v1"_s << QString();
        QTest::newRow("empty") << QString() << QString();
    }

    void repositoryOf()
    {
        QFETCH(QString, name);
        QFETCH(QString, repository);
        QCOMPARE(CopyActions::repositoryOf(name), repository);
    }

    void sampleLayerWithoutRepository()
    {
        const ImageGraphPtr g = loadGraph(samplePath());
        const int layer = g->images[0].layerNodes[0];
        const QList<CopyItem> items = CopyActions::forNode(*g, layer);
        QCOMPARE(textOf(items, CopyKind::Digest),
                 u"sha256:8834e8251fc4b34568a8c9dca120e09c9bc7b7ed399fc746b35c3bf110c51ce8"_s);
        QCOMPARE(textOf(items, CopyKind::ShortDigest), u"sha256:8834e8251fc4"_s);
        QCOMPARE(textOf(items, CopyKind::Hex), u"8834e8251fc4b34568a8c9dca120e09c9bc7b7ed399fc746b35c3bf110c51ce8"_s);
        QCOMPARE(textOf(items, CopyKind::DiffId),
                 u"sha256:15c265b3bcd1f3fea5f6131df2da67e2bce0b43114af49b08c48310f30455766"_s);
        QCOMPARE(textOf(items, CopyKind::PlatformManifestDigest),
                 u"sha256:a6341b081a1450914c4caa07205f343174df48613c474c4ffb7b0ba84066caeb"_s);
        QCOMPARE(CopyActions::find(items, CopyKind::PlatformManifestDigest)->label,
                 u"Platform manifest digest (linux/amd64)"_s);
        QCOMPARE(textOf(items, CopyKind::DescriptorJson),
                 u"{\n    \"digest\": \"sha256:8834e8251fc4b34568a8c9dca120e09c9bc7b7ed399fc746b35c3bf110c51ce8\",\n"
                 "    \"mediaType\": \"application/vnd.oci.image.layer.v1.tar+gzip\",\n    \"size\": 517\n}"_s);
        // The only name is the tag "1.0": no repository, so no pinned reference and no commands.
        QCOMPARE(textOf(items, CopyKind::PinnedReference), u"<absent>"_s);
        QCOMPARE(textOf(items, CopyKind::SkopeoInspect), u"<absent>"_s);
        QCOMPARE(textOf(items, CopyKind::IndexDigest), u"<absent>"_s);  // index.json has no digest of its own
        QCOMPARE(textOf(items, CopyKind::DocumentJson), u"<absent>"_s); // a blob, not a document

        const int config = g->images[0].configNode;
        const QList<CopyItem> c = CopyActions::forNode(*g, config);
        QCOMPARE(textOf(c, CopyKind::DocumentJson), QString::fromUtf8(g->nodes[config].raw));
        QCOMPARE(CopyActions::primary(c)->text,
                 u"sha256:a8a23daff218c371d04ffd8da3b5de34668041878c1c29ddc47c9160139d42fd"_s);
    }

    void pinnedReferencesAndCommands()
    {
        // containerd export of hello-world: the manifest list is named docker.io/library/hello-world:latest,
        // the linux/amd64 manifest hello-world:latest.
        const ImageGraphPtr g = loadGraph(publicFixture(u"oras/hello-world-containerd-export.tar"_s));
        const int list = nodeTitled(*g, u"manifest list"_s);
        const int amd64 = nodeTitled(*g, u"linux/amd64"_s);
        QVERIFY(list > 0 && amd64 > list);
        const QString listDigest = g->nodes[list].descriptor->digest.toString();
        const QString amd64Digest = u"sha256:f54a58bc1aac5ea1a25d796ae155dc228b3f0e11d046ae276b39c4bf2f13d8c4"_s;
        QCOMPARE(g->nodes[amd64].descriptor->digest.toString(), amd64Digest);

        const QList<CopyItem> onList = CopyActions::forNode(*g, list);
        QCOMPARE(textOf(onList, CopyKind::PinnedReference), u"docker.io/library/hello-world@"_s + listDigest);
        QCOMPARE(textOf(onList, CopyKind::IndexDigest), listDigest);

        const int layer = g->images[0].layerNodes[0];
        const QList<CopyItem> onLayer = CopyActions::forNode(*g, layer);
        QCOMPARE(textOf(onLayer, CopyKind::PinnedReference), u"hello-world@"_s + amd64Digest);
        QCOMPARE(textOf(onLayer, CopyKind::PlatformManifestDigest), amd64Digest);
        QCOMPARE(textOf(onLayer, CopyKind::IndexDigest), listDigest);
        QCOMPARE(textOf(onLayer, CopyKind::SkopeoInspect), u"skopeo inspect docker://hello-world@"_s + amd64Digest);
        QCOMPARE(textOf(onLayer, CopyKind::DockerPull), u"docker pull hello-world@"_s + amd64Digest);
    }

    void dockerArchiveHasNoManifestDigest()
    {
        const ImageGraphPtr g = loadGraph(fixture(u"good/docker-archive.tar"_s));
        const int layer = g->images[0].layerNodes[0];
        const QList<CopyItem> items = CopyActions::forNode(*g, layer);
        // docker-archive stores layers by diff_id and no manifest: nothing registry-side to pin.
        QCOMPARE(textOf(items, CopyKind::Digest), textOf(items, CopyKind::DiffId));
        QCOMPARE(textOf(items, CopyKind::PlatformManifestDigest), u"<absent>"_s);
        QCOMPARE(textOf(items, CopyKind::PinnedReference), u"<absent>"_s);
    }

    void historyStepCopiesItsCommand()
    {
        const ImageGraphPtr g = loadGraph(samplePath());
        const QList<CopyItem> items = CopyActions::forHistory(*g, 0, 3);
        QCOMPARE(CopyActions::primary(items)->text, u"config: set Env, Cmd, Labels"_s);
        QVERIFY(CopyActions::forHistory(*g, 0, 99).isEmpty());
    }

    void explorerPutsEachActionOnTheClipboard()
    {
        ExplorerPage page;
        page.resize(1000, 600);
        page.show();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        const ImageGraphPtr g = loadGraph(publicFixture(u"oras/hello-world-containerd-export.tar"_s));
        page.setGraph(g);
        const int layer = g->images[0].layerNodes[0];
        QVERIFY(page.selectNode(layer));
        QSignalSpy status(&page, &ExplorerPage::statusMessage);
        QClipboard *cb = QGuiApplication::clipboard();

        // Ctrl+C on the tree: the digest, confirmed in the status bar text.
        cb->clear();
        page.treeView()->setFocus();
        QTest::keyClick(page.treeView(), Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(cb->text(), g->nodes[layer].digest().toString());
        QCOMPARE(status.count(), 1);
        QVERIFY(status.last().first().toString().startsWith(u"Copied Digest: sha256:"_s));

        // Every entry of the details pane's Copy menu.
        const QList<CopyItem> expected = CopyActions::forNode(*g, layer);
        auto *more = page.details()->findChild<QPushButton *>(u"copyMoreButton"_s);
        QVERIFY(more && more->menu());
        const QList<QAction *> actions = more->menu()->actions();
        QCOMPARE(actions.size(), expected.size());
        for (qsizetype i = 0; i < actions.size(); ++i) {
            cb->setText(u"before"_s);
            actions[i]->trigger();
            QCOMPARE(cb->text(), expected[i].text);
            QVERIFY(status.last().first().toString().startsWith(u"Copied "_s + expected[i].label));
        }
    }
};

STRATA_TEST_MAIN(TestCopyActions)
#include "tst_ui_copyactions.moc"
