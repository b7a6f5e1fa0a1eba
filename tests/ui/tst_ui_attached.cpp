// SPDX-License-Identifier: MIT
// The details pane and copy actions for attached artifacts: an artifact row shows "Attached artifact" at once and
// its decoded content once the background read ends; an SBOM gets the Packages tab and a background Save As; the
// copy menu offers the artifact's pinned reference and the cosign/oras/notation commands for its kind.
#include "tests/common/hermeticenv.h"
#include "tests/common/npmsbom.h"
#include "tests/common/testutil.h"
#include "tests/ui/uitestutil.h"
#include "ui/copyactions.h"
#include "ui/views/detailspane.h"
#include "ui/views/explorerpage.h"
#include "ui/views/sbomview.h"

#include <QFile>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace strata;
using namespace strata::ui;

namespace {

QString sig(const QString &relative)
{
    return test::publicFixture(u"signatures/"_s + relative);
}

Digest attach(const QString &dest, const QString &args)
{
    const QString out =
        QString::fromUtf8(
            test::shellOutput(u"python3 %1 %2 %3"_s.arg(
                test::shellQuoted(QStringLiteral(STRATA_SOURCE_DIR) + u"/tests/fixtures/attach-artifact.py"_s),
                test::shellQuoted(dest), args)))
            .trimmed();
    return Digest::parse(out).value();
}

int artifactNode(const ImageGraph &g, const Digest &d)
{
    for (const Node &n : g.nodes)
        if (n.attachment && n.digest() == d)
            return n.id;
    return -1;
}

// Shows the node and waits for its content.
QString shown(DetailsPane &pane, const ImageGraphPtr &g, int node)
{
    QSignalSpy loaded(&pane, &DetailsPane::contentLoaded);
    pane.showNode(g, node, nullptr, {});
    if (pane.isLoading()) {
        if (!pane.overviewText().contains(u"reading…"_s))
            qFatal("no reading… while loading");
        if (!loaded.wait(10000))
            qFatal("the content did not load");
    }
    return pane.overviewText();
}

} // namespace

class TestAttached final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { test::isolateSettings(); }

    void regclientArtifactShowsItsContent()
    {
        const QString repo = test::publicFixture(u"regclient/testrepo"_s);
        const ImageGraphPtr g = test::loadGraph(repo);
        const int node = artifactNode(
            *g, Digest::parse(u"sha256:0484e93c23cddf24a8400547119558312023295af241d4cd1eaf1b27145c5026"_s).value());
        QVERIFY(node >= 0);
        DetailsPane pane;
        const QString text = shown(pane, g, node);
        QVERIFY2(text.contains(u"Attached artifact"_s), qPrintable(text));
        QVERIFY(text.contains(u"application/example.sbom"_s));
        QVERIFY(text.contains(u"not checked"_s));
        QVERIFY(!text.contains(u"status\tok"_s));
        QVERIFY(text.contains(g->nodes[node].attachment->subject.toString()));
        // The breakfast layer's text, as the blob holds it.
        const QString layer = QString::fromUtf8(test::shellOutput(
            u"cat %1/blobs/sha256/e9c3c1c06f1825ffa801eac2930fc97e8cecf63d41c7f5d92a8bb21d7ed288bc"_s.arg(
                test::shellQuoted(repo))));
        QVERIFY2(text.contains(layer.trimmed()), qPrintable(text));
        // The subject is a link that selects it.
        QVERIFY(pane.overviewHtml().contains(u"href=\"node:"_s));
        // Selecting the group explains it; a dangling group says what dangling means.
        const QString group = shown(pane, g, g->nodes[node].parent);
        QVERIFY2(group.contains(u"refer to"_s), qPrintable(group));
        for (const Node &n : g->nodes)
            if (n.kind == NodeKind::Attached && n.title.startsWith(u"dangling"_s))
                QVERIFY(shown(pane, g, n.id).contains(u"does not hold"_s));
    }

    void cosignSignatureDecodedInThePane()
    {
        QTemporaryDir tmp;
        const QString dir = sig(u"containers-image/dir-img-cosign-fulcio-rekor-valid"_s);
        const QString layout = tmp.filePath(u"cosign"_s);
        const Digest d = attach(
            layout, u"--subject-file %1/manifest.json --cosign-sig %1/signature-1"_s.arg(test::shellQuoted(dir)));
        const ImageGraphPtr g = test::loadGraph(layout);
        const int node = artifactNode(*g, d);
        DetailsPane pane;
        const QString text = shown(pane, g, node);
        const QString claimed =
            QString::fromUtf8(
                test::shellOutput(u"tail -c +16 %1/signature-1 | jq -r .payload | base64 -d | "
                                  "jq -r '.critical.image[\"docker-manifest-digest\"]'"_s.arg(test::shellQuoted(dir))))
                .trimmed();
        QVERIFY2(text.contains(claimed + u" (this manifest's digest)"_s), qPrintable(text));
        QVERIFY(text.contains(u"mitr@redhat.com"_s));
        QVERIFY(text.contains(u"log index"_s));

        const QList<CopyItem> items = CopyActions::forNode(*g, node);
        const auto verify = CopyActions::find(items, CopyKind::CosignVerify);
        QVERIFY(verify);
        QCOMPARE(verify->text,
                 u"cosign verify --key cosign.pub IMAGE@"_s + g->nodes[node].attachment->subject.toString());
        QVERIFY(verify->label.contains(u"replace IMAGE"_s));
        QVERIFY(!CopyActions::find(items, CopyKind::DockerPull));
    }

    void notationCommandsUseTheName()
    {
        QTemporaryDir tmp;
        const QString layout = tmp.filePath(u"notation"_s);
        const Digest d = attach(
            layout, u"--from %1 --artifact-type application/vnd.cncf.notary.signature --layer "
                    "application/jose+json=%2"_s.arg(test::shellQuoted(sig(u"notation-go/oci-layout"_s)),
                                                     test::shellQuoted(sig(u"notation-go/jws_signature.sig"_s))));
        const ImageGraphPtr g = test::loadGraph(layout);
        const int node = artifactNode(*g, d);
        const QList<CopyItem> items = CopyActions::forNode(*g, node);
        const QString subject = g->nodes[node].attachment->subject.toString();
        // The subject carries io.containerd.image.name docker.io/library/alpine:v2? Only ref.name "v2" is a name here,
        // which names no repository: the placeholder stands in.
        const auto notation = CopyActions::find(items, CopyKind::NotationVerify);
        QVERIFY(notation);
        QVERIFY2(notation->text.endsWith(u"@"_s + subject), qPrintable(notation->text));
        QVERIFY(CopyActions::find(items, CopyKind::OrasDiscover));
        QVERIFY(!CopyActions::find(items, CopyKind::CosignVerify));
        DetailsPane pane;
        const QString text = shown(pane, g, node);
        QVERIFY2(text.contains(u"PS256"_s), qPrintable(text));
        QVERIFY(text.contains(subject + u" (this manifest's digest)"_s));
    }

    void sbomTableAndSave()
    {
        QTemporaryDir tmp;
        const QString layout = tmp.filePath(u"sbom"_s);
        const QString doc = test::npmSbom(u"spdx"_s);
        const Digest d =
            attach(layout, u"--from %1 --artifact-type application/spdx+json --layer "
                           "application/spdx+json=%2"_s.arg(test::shellQuoted(sig(u"notation-go/oci-layout"_s)),
                                                            test::shellQuoted(doc)));
        const ImageGraphPtr g = test::loadGraph(layout);
        const int node = artifactNode(*g, d);
        DetailsPane pane;
        const QString text = shown(pane, g, node);
        const QString count =
            QString::fromUtf8(test::shellOutput(u"jq '.packages|length' "_s + test::shellQuoted(doc))).trimmed();
        QVERIFY2(text.contains(count + u" (see the Packages tab)"_s), qPrintable(text));
        QVERIFY(pane.tabs()->indexOf(pane.sbomView()) >= 0);
        QCOMPARE(pane.sbomView()->document()->packageCount, count.toLongLong());

        const QString out = tmp.filePath(u"saved.spdx.json"_s);
        QSignalSpy status(&pane, &DetailsPane::statusMessage);
        Q_EMIT pane.sbomView()->saveRequested(out, pane.sbomView()->document());
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(out) && status.count() >= 2, 10000);
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), test::shellOutput(u"cat "_s + test::shellQuoted(doc)));

        // Another row drops the table; coming back shows it again without reading twice.
        pane.showNode(g, 0, nullptr, {});
        QCOMPARE(pane.tabs()->indexOf(pane.sbomView()), -1);
        pane.showNode(g, node, nullptr, {});
        QVERIFY(!pane.isLoading());
        QVERIFY(pane.tabs()->indexOf(pane.sbomView()) >= 0);
    }

    void explorerContextMenuItems()
    {
        const ImageGraphPtr g = test::loadGraph(test::publicFixture(u"regclient/testrepo"_s));
        for (const Node &n : g->nodes) {
            if (n.kind != NodeKind::Attached || n.parent <= 0)
                continue;
            const auto oras = CopyActions::find(CopyActions::forNode(*g, n.id), CopyKind::OrasDiscover);
            QVERIFY(oras);
            QVERIFY(oras->text.endsWith(g->nodes[n.parent].digest().toString()));
        }
    }
};

STRATA_TEST_MAIN(TestAttached)
#include "tst_ui_attached.moc"
