// SPDX-License-Identifier: MIT
// Details pane pieces: differing characters, identifier meanings, JSON view, summary, status look, icons.
#include "core/format/sizeformat.h"
#include "tests/common/hermeticenv.h"
#include "tests/ui/uitestutil.h"
#include "ui/models/nodeformat.h"
#include "ui/sampleimage.h"
#include "ui/theme/statusstyle.h"
#include "ui/theme/svgicon.h"
#include "ui/views/confightml.h"
#include "ui/views/detailshtml.h"
#include "ui/views/detailspane.h"
#include "ui/views/diffmarkup.h"
#include "ui/views/htmltable.h"
#include "ui/views/jsonview.h"
#include "ui/views/summarybar.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QElapsedTimer>
#include <QFontMetricsF>
#include <QImage>
#include <QLineEdit>
#include <QPainter>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextFrame>
#include <QTextLayout>
#include <QTextTable>

using namespace Qt::StringLiterals;
using namespace strata;
using namespace strata::ui;
using namespace strata::test;

namespace {

QTextBrowser *overviewOf(const DetailsPane &pane)
{
    return pane.findChild<QTextBrowser *>(u"detailsOverview"_s);
}

// Every row of every table in the overview, cells as plain text (zero-width spaces dropped).
QList<QStringList> tableRows(const DetailsPane &pane)
{
    QList<QStringList> rows;
    QTextFrame *root = overviewOf(pane)->document()->rootFrame();
    for (QTextFrame *child : root->childFrames()) {
        auto *table = qobject_cast<QTextTable *>(child);
        if (!table)
            continue;
        for (int r = 0; r < table->rows(); ++r) {
            QStringList cells;
            for (int c = 0; c < table->columns(); ++c) {
                const QTextTableCell cell = table->cellAt(r, c);
                QTextCursor cur = cell.firstCursorPosition();
                cur.setPosition(cell.lastCursorPosition().position(), QTextCursor::KeepAnchor);
                cells << cur.selectedText().remove(QChar(0x200B));
            }
            rows << cells;
        }
    }
    return rows;
}

bool hasRow(const QList<QStringList> &rows, const QStringList &cells)
{
    return rows.contains(cells);
}

QString dumpRows(const QList<QStringList> &rows)
{
    QString out;
    for (const QStringList &r : rows)
        out += r.join(u" | "_s) + u'\n';
    return out;
}

int nodeByKind(const ImageGraph &g, NodeKind k)
{
    for (const Node &n : g.nodes) {
        if (n.kind == k)
            return n.id;
    }
    return -1;
}

// Where the overview's text may wrap: after a space, '/' or the zero-width spaces html::breakable() adds.
bool breaksHere(QChar c)
{
    return c == u' ' || c == QChar(0x200B) || c == u'/';
}

// The width, in the font used there, of the run between break points that holds position pos of block b.
qreal unbreakableRunWidth(const QTextBlock &b, int pos)
{
    const QString t = b.text();
    int from = pos;
    while (from > 0 && !breaksHere(t.at(from - 1)))
        --from;
    int to = pos;
    while (to < t.size() && !breaksHere(t.at(to)))
        ++to;
    if (to < t.size() && t.at(to) == u'/') // the break comes after it: it is part of the run
        ++to;
    QFont font = b.document()->defaultFont();
    for (auto it = b.begin(); !it.atEnd(); ++it) {
        const QTextFragment f = it.fragment();
        const int start = f.position() - b.position();
        if (start <= pos && pos < start + f.length()) {
            font = f.charFormat().font().resolve(font);
            break;
        }
    }
    return QFontMetricsF(font).horizontalAdvance(t.mid(from, to - from));
}

} // namespace

class TestDetails : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        isolateSettings();
        SampleImage::initResources();
    }

    void diffMarkup_data()
    {
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("actual");
        QTest::addColumn<int>("differing");
        QTest::addColumn<QString>("expectedHtml");
        QTest::newRow("one digit") << u"11073"_s << u"11074"_s << 1
                                   << u"1107<span style=\"background:red; font-weight:bold\">3</span>"_s;
        QTest::newRow("equal") << u"sha256:ab"_s << u"sha256:ab"_s << 0 << u"sha256:ab"_s;
        QTest::newRow("longer actual") << u"ab"_s << u"abcd"_s << 2 << u"ab"_s;
        QTest::newRow("escaped") << u"<a"_s << u"<b"_s << 1
                                 << u"&lt;<span style=\"background:red; font-weight:bold\">a</span>"_s;
    }

    void diffMarkup()
    {
        QFETCH(QString, expected);
        QFETCH(QString, actual);
        QFETCH(int, differing);
        QFETCH(QString, expectedHtml);
        const MarkedPair m = DiffMarkup::mark(expected, actual, u"red"_s);
        QCOMPARE(m.differing, differing);
        QCOMPARE(m.expected, expectedHtml);
    }

    void mismatchShowsExpectedAndComputed()
    {
        const ImageGraphPtr g = loadGraph(fixture(u"bad/oci-flipped-layer"_s));
        const VerifyReportPtr r = verifyGraph(g);
        const int layer = g->images[0].layerNodes[0];
        QList<Problem> problems;
        for (const Problem &p : r->problems) {
            if (p.nodeId == layer)
                problems << p;
        }
        QVERIFY(!problems.isEmpty());
        DetailsPane pane;
        pane.showNode(*g, layer, r.get(), problems);
        const QString text = pane.overviewText();
        const QJsonObject truth = strata::test::truth(u"bad/oci-flipped-layer"_s);
        QVERIFY(text.contains(u"digest-mismatch"_s));
        // Expected and computed side by side, in that order, each with its full digest.
        const qsizetype expectedAt = text.indexOf(u"Expected"_s);
        const qsizetype computedAt = text.indexOf(u"Computed"_s);
        QVERIFY2(expectedAt >= 0 && computedAt > expectedAt, qPrintable(text));
        const qsizetype declaredAt = text.indexOf(truth.value(u"object"_s).toString(), expectedAt);
        QVERIFY(declaredAt > expectedAt && declaredAt < computedAt);
        QVERIFY(text.indexOf(truth.value(u"actualDigest"_s).toString()) > computedAt);
        QVERIFY(text.contains(u"characters differ (marked)"_s));
        QVERIFY(pane.overviewHtml().contains(StatusStyle::diffBackground(pane.palette()).name()));
        QVERIFY(text.contains(DetailsHtml::identifierMeaning(IdentifierKind::LayerDigest).left(40)));
    }

    // Sizes in the pane: rounded with the exact count beside it, but a count under 1 kB only once.
    void sizesSaidOnce()
    {
        const ImageGraphPtr g = loadGraph(fixture(u"good/oci-gzip"_s));
        const VerifyReportPtr r = verifyGraph(g);
        DetailsPane pane;
        QList<int> nodes = g->images[0].layerNodes;
        nodes << g->images[0].configNode;
        bool small = false, large = false;
        for (int id : std::as_const(nodes)) {
            pane.showNode(*g, id, r.get(), {});
            const QString text = pane.overviewText();
            const qint64 size = g->nodes[id].storedSize;
            const QString exact = format::exactBytes(size);
            QVERIFY2(text.contains(exact), qPrintable(text));
            if (size < 1000) {
                small = true;
                QVERIFY2(!text.contains(exact + u" ("_s + exact + u')'), qPrintable(text));
            } else {
                large = true;
                QVERIFY2(text.contains(format::sizeText(size) + u" ("_s + exact + u')'), qPrintable(text));
            }
        }
        QVERIFY(small && large); // both cases seen
    }

    // Defect 6: the config row reads like docker inspect, summarised: the command as it runs, Env and Labels as
    // tables (umoci's config from tests/fixtures/make-fixtures.sh set_config).
    void configOverview()
    {
        const ImageGraphPtr g = loadGraph(fixture(u"good/oci-gzip"_s));
        DetailsPane pane;
        pane.showNode(g, g->images[0].configNode, nullptr, {});
        const QList<QStringList> rows = tableRows(pane);
        const QString dump = dumpRows(rows);
        QVERIFY2(hasRow(rows, {u"runs"_s, u"/usr/bin/hello --greet world"_s}), qPrintable(dump));
        QVERIFY2(hasRow(rows, {u"Entrypoint"_s, u"/usr/bin/hello"_s}), qPrintable(dump));
        QVERIFY2(hasRow(rows, {u"User"_s, u"1000:1000"_s}), qPrintable(dump));
        QVERIFY2(hasRow(rows, {u"WorkingDir"_s, u"/var/cache/app"_s}), qPrintable(dump));
        QVERIFY2(hasRow(rows, {u"ExposedPorts"_s, u"8080/tcp"_s}), qPrintable(dump));
        QVERIFY2(hasRow(rows, {u"StopSignal"_s, u"SIGTERM"_s}), qPrintable(dump));
        QVERIFY2(hasRow(rows, {u"Volumes"_s, u"/data, /var/lib/app"_s}), qPrintable(dump));
        QVERIFY2(hasRow(rows, {u"OS/architecture"_s, u"linux/amd64"_s}), qPrintable(dump));
        QVERIFY2(hasRow(rows, {u"author"_s, u"Strata fixtures <fixtures@strata.invalid>"_s}), qPrintable(dump));
        // Env as NAME | value rows, labels as key | value rows.
        QVERIFY2(hasRow(rows, {u"APP_MODE"_s, u"production"_s}), qPrintable(dump));
        QVERIFY2(hasRow(rows, {u"PATH"_s, u"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"_s}),
                 qPrintable(dump));
        QVERIFY2(hasRow(rows, {u"org.opencontainers.image.version"_s, u"1.0"_s}), qPrintable(dump));
        const QString text = pane.overviewText();
        QVERIFY2(text.contains(u"Env (2)"_s) && text.contains(u"Labels (2)"_s), qPrintable(text));
    }

    // A hostile config: 100,000 Env entries and history steps are cut to what the pane shows, and it says so.
    void configOverviewBounded()
    {
        const ImageGraphPtr base = loadGraph(fixture(u"good/oci-gzip"_s));
        auto g = std::make_shared<ImageGraph>(*base);
        auto cfg = std::make_shared<ImageConfig>(*g->images[0].config);
        for (int i = 0; i < 100000; ++i) {
            cfg->env << u"VAR_%1=%2"_s.arg(i).arg(QString(40, u'x'));
            cfg->history.append(HistoryEntry{{}, u"/bin/sh -c #(nop) ENV VAR_%1=x"_s.arg(i), {}, {}, true});
        }
        cfg->cmd << QString(1'000'000, u'c');
        g->images[0].config = cfg;
        DetailsPane pane;
        QElapsedTimer t;
        t.start();
        pane.showNode(ImageGraphPtr(g), g->images[0].configNode, nullptr, {});
        const QString text = pane.overviewText();
        QVERIFY2(t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
        QVERIFY2(text.contains(u"200 of 100,002 variables shown; 99,802 not shown"_s), qPrintable(text.left(3000)));
        QVERIFY(text.contains(u"500 of 100,004 steps shown"_s));
        QVERIFY(text.contains(u"more characters)"_s));
        QVERIFY(text.size() < 400'000);
    }

    // Defect 6: the history as the Dockerfile read, empty steps included, cleaned; the raw created_by a click
    // away; a layer says which step made it (kaniko on a classic-builder base, from dive's test images).
    void historyReadsLikeTheDockerfile()
    {
        const ImageGraphPtr g = loadGraph(publicFixture(u"dive/kaniko-image.tar"_s));
        const ImageInfo &img = g->images[0];
        QCOMPARE(img.config->history.size(), 15);
        DetailsPane pane;
        QSignalSpy linked(&pane, &DetailsPane::nodeLinkActivated);
        pane.showNode(g, img.configNode, nullptr, {});
        const QList<QStringList> rows = tableRows(pane);
        const QString dump = dumpRows(rows);
        const QString layer1 = u"layer 1, "_s + NodeFormat::size(NodeFormat::sizeOf(g->nodes[img.layerNodes[0]]));
        const QString layer2 = u"layer 2, "_s + NodeFormat::size(NodeFormat::sizeOf(g->nodes[img.layerNodes[1]]));
        QVERIFY2(hasRow(rows, {u"1"_s, layer1, dockerfileLine(img.config->history[0].createdBy)}), qPrintable(dump));
        QVERIFY(!rows.isEmpty() && dockerfileLine(img.config->history[0].createdBy).startsWith(u"ADD file:"_s));
        QVERIFY2(hasRow(rows, {u"2"_s, u"no layer"_s, u"CMD [\"sh\"]"_s}), qPrintable(dump));
        QVERIFY2(hasRow(rows, {u"3"_s, layer2, u"ADD README.md /somefile.txt"_s}), qPrintable(dump));
        QVERIFY2(
            hasRow(rows, {u"15"_s, u"layer 14, "_s + NodeFormat::size(NodeFormat::sizeOf(g->nodes[img.layerNodes[13]])),
                          u"RUN chmod +x /root/saved.txt"_s}),
            qPrintable(dump));
        QVERIFY(!pane.overviewText().contains(u"#(nop)"_s));

        // The raw text of step 2, one click away.
        QVERIFY(pane.overviewHtml().contains(ConfigHtml::historyLink(0, 1)));
        Q_EMIT overviewOf(pane)->anchorClicked(QUrl(ConfigHtml::historyLink(0, 1)));
        QVERIFY2(pane.overviewText().contains(u"/bin/sh -c #(nop)  CMD [\"sh\"]"_s), qPrintable(pane.overviewText()));
        QVERIFY(pane.overviewText().contains(u"empty_layer"_s));

        // "Which line made this layer?"
        pane.showNode(g, img.layerNodes[1], nullptr, {});
        const QString layerText = pane.overviewText();
        QVERIFY2(layerText.contains(u"step 3 of 15: ADD README.md /somefile.txt"_s), qPrintable(layerText));
        Q_EMIT overviewOf(pane)->anchorClicked(QUrl(ConfigHtml::historyLink(0, 2)));
        QVERIFY(pane.overviewText().contains(u"it made layer 2"_s));
        QVERIFY(linked.isEmpty());
    }

    // Defect 8: long values wrap after '/', '.', ':' or '+', never inside a word ("manifest.v1+jso n",
    // "ref.n ame"), and a copy does not carry the zero-width spaces that allow it.
    void valuesWrapAtSensiblePoints()
    {
        const ImageGraphPtr g = loadGraph(fixture(u"good/oci-gzip"_s));
        DetailsPane pane;
        pane.showNode(g, nodeByKind(*g, NodeKind::Manifest), nullptr, {});
        // A copy, laid out at each width without the widget resizing it.
        const std::unique_ptr<QTextDocument> owned(overviewOf(pane)->document()->clone());
        QTextDocument *doc = owned.get();
        int checked = 0;
        int atZeroWidthSpace = 0;
        int forced = 0;
        QStringList bad;
        for (int width = 240; width <= 600; width += 15) {
            doc->setTextWidth(width);
            for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
                const QString t = b.text();
                const QString plain = html::plainText(t);
                if (!plain.contains(u"manifest.v1+json"_s) && !plain.contains(u"ref.name"_s))
                    continue;
                if (plain.contains(u"sha256"_s))
                    continue;                                // hex digests may break anywhere
                doc->documentLayout()->blockBoundingRect(b); // lays the block out at this width
                QTextLayout *layout = b.layout();
                for (int l = 0; l + 1 < layout->lineCount(); ++l) {
                    const QTextLine line = layout->lineAt(l);
                    const int end = line.textStart() + line.textLength();
                    ++checked;
                    const QChar before = t.at(end - 1);
                    if (before == QChar(0x200B))
                        ++atZeroWidthSpace;
                    if (breaksHere(before))
                        continue;
                    // A run wider than the line must break somewhere (a narrow column next to a digest): that is
                    // the layout's last resort, not a missing break point. Font metrics decide where that
                    // happens, so only a run that would have fit counts as wrong.
                    if (unbreakableRunWidth(b, end - 1) > line.width() + 1) {
                        ++forced;
                        continue;
                    }
                    bad << u"width %1: %2|%3"_s.arg(width).arg(html::plainText(t.left(end)),
                                                               html::plainText(t.mid(end)));
                }
            }
        }
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(u'\n')));
        QVERIFY(checked > 0);          // some widths did wrap these values
        QVERIFY(atZeroWidthSpace > 0); // and did so at the points breakable() made
        QVERIFY2(forced < checked, qPrintable(u"%1 of %2 breaks forced"_s.arg(forced).arg(checked)));
        QVERIFY(pane.overviewText().contains(u"application/vnd.oci.image.manifest.v1+json"_s));
        overviewOf(pane)->selectAll();
        overviewOf(pane)->copy();
        QVERIFY(!QGuiApplication::clipboard()->text().contains(QChar(0x200B)));
        QVERIFY(QGuiApplication::clipboard()->text().contains(u"org.opencontainers.image.ref.name"_s));
    }

    // Defect 8: an uncompressed size the same in both spellings is said once.
    void uncompressedSizeSaidOnce()
    {
        QCOMPARE(NodeFormat::sizeToolTip(886, 886), u"886 bytes\n886 bytes uncompressed"_s);
        QCOMPARE(NodeFormat::sizeToolTip(886, 1234567), u"886 bytes\n1,234,567 bytes uncompressed (1.2 MB)"_s);
    }

    // Defect 8: docker save's manifest.json entry is not headed "manifest digest"; the note on why the archive's
    // digests are not the registry's is on the image row once, and the rows below link to it; layers count from 1.
    void dockerSaveRowsAndLayerNumbers()
    {
        const ImageGraphPtr g = loadGraph(fixture(u"good/docker-archive.tar"_s));
        const ImageInfo &img = g->images[0];
        const int imageRow = g->nodes[img.configNode].parent;
        const QString note = DetailsHtml::dockerSaveNote(*g, g->nodes[imageRow]).left(50);
        QVERIFY(!note.isEmpty());
        DetailsPane pane;
        QSignalSpy linked(&pane, &DetailsPane::nodeLinkActivated);
        pane.showNode(g, imageRow, nullptr, {});
        QString text = pane.overviewText();
        QVERIFY2(!text.contains(u"What this identifier is"_s), qPrintable(text));
        QVERIFY(!text.contains(DetailsHtml::identifierMeaning(IdentifierKind::ManifestDigest).left(40)));
        QVERIFY(text.contains(u"no manifest digest"_s));
        QCOMPARE(text.count(note), 1);

        for (int id : {img.configNode, img.layerNodes[1]}) {
            pane.showNode(g, id, nullptr, {});
            text = pane.overviewText();
            QVERIFY2(!text.contains(note), qPrintable(text));
            QVERIFY(text.contains(u"see the image row"_s));
            QVERIFY(pane.overviewHtml().contains(u"node:%1"_s.arg(imageRow)));
        }
        Q_EMIT overviewOf(pane)->anchorClicked(QUrl(u"node:%1"_s.arg(imageRow)));
        QCOMPARE(linked.size(), 1);
        QCOMPARE(linked.first().first().toInt(), imageRow);

        // The second layer is "layer 2" in the tree and in the pane.
        QCOMPARE(g->nodes[img.layerNodes[1]].title, u"layer 2"_s);
        const QList<QStringList> rows = tableRows(pane);
        QVERIFY2(hasRow(rows, {u"layer"_s, u"2 of 3"_s}), qPrintable(dumpRows(rows)));
        QVERIFY(!text.contains(u"layer index"_s));
    }

    // Defect 8: selecting a row with a problem while on the JSON tab shows its explanation (Overview); a refresh
    // of the same row leaves the tab alone.
    void problemSelectionShowsOverview()
    {
        const ImageGraphPtr g = loadGraph(fixture(u"bad/oci-flipped-layer"_s));
        const VerifyReportPtr r = verifyGraph(g);
        const int layer = g->images[0].layerNodes[0];
        QList<Problem> problems;
        for (const Problem &p : r->problems) {
            if (p.nodeId == layer)
                problems << p;
        }
        QVERIFY(!problems.isEmpty());
        DetailsPane pane;
        pane.showNode(g, g->images[0].configNode, r.get(), {});
        pane.tabs()->setCurrentWidget(pane.jsonView());
        pane.showNode(g, g->images[0].layerNodes[1], r.get(), {});
        QCOMPARE(pane.tabs()->currentWidget(), pane.jsonView()); // no problem: the user's tab stays
        pane.showNode(g, layer, r.get(), problems);
        QCOMPARE(pane.tabs()->currentWidget(), overviewOf(pane));
        pane.tabs()->setCurrentWidget(pane.jsonView());
        pane.showNode(g, layer, r.get(), problems); // the same row again (a refresh)
        QCOMPARE(pane.tabs()->currentWidget(), pane.jsonView());
    }

    void identifierMeaningsAndDockerSaveNote()
    {
        for (IdentifierKind k : {IdentifierKind::IndexDigest, IdentifierKind::ManifestDigest,
                                 IdentifierKind::ConfigDigest, IdentifierKind::LayerDigest, IdentifierKind::DiffId})
            QVERIFY(!DetailsHtml::identifierMeaning(k).isEmpty());
        QVERIFY(DetailsHtml::identifierMeaning(IdentifierKind::ConfigDigest).contains(u"image ID"_s));

        const ImageGraphPtr docker = loadGraph(fixture(u"good/docker-archive.tar"_s));
        const Node &layer = docker->nodes[docker->images[0].layerNodes[0]];
        QCOMPARE(layer.identifierKind(), IdentifierKind::DiffId);
        QVERIFY(DetailsHtml::dockerSaveNote(*docker, layer).contains(u"registry"_s));
        const ImageGraphPtr oci = loadGraph(samplePath());
        QVERIFY(DetailsHtml::dockerSaveNote(*oci, oci->nodes[oci->images[0].layerNodes[0]]).isEmpty());
    }

    void jsonViewPrettyRawAndFind()
    {
        const ImageGraphPtr g = loadGraph(samplePath());
        const QByteArray raw = g->nodes[g->images[0].configNode].raw;
        JsonView view;
        view.resize(600, 400);
        view.show();
        view.setContent(raw);
        QCOMPARE(view.mode(), JsonView::Mode::Pretty);
        QVERIFY(view.shownText().contains(u"\n    \"architecture\": \"amd64\""_s));
        view.setMode(JsonView::Mode::Raw);
        QCOMPARE(view.shownText(), QString::fromUtf8(raw)); // exactly the hashed bytes

        view.findField()->setText(u"diff_ids"_s);
        QCOMPARE(view.matchCount(), 1);
        view.findField()->setText(u"sha256:"_s);
        QCOMPARE(view.matchCount(), 3);
        QVERIFY(view.findNext());
        QVERIFY(view.findNext(true));
        view.findField()->setText(u"no such text"_s);
        QCOMPARE(view.matchCount(), 0);
        QVERIFY(!view.findNext());
    }

    void jsonHighlighterColoursKeysAndStrings()
    {
        JsonView view;
        view.setContent(R"({"key": "value", "n": 12, "t": true})");
        auto *edit = view.findChild<QPlainTextEdit *>(u"jsonText"_s);
        QVERIFY(edit);
        const QTextBlock block = edit->document()->findBlockByNumber(1); // `    "key": "value",`
        QVERIFY(block.text().contains(u"\"key\""_s));
        const QList<QTextLayout::FormatRange> formats = block.layout()->formats();
        QVERIFY(formats.size() >= 2);
        const auto colourAt = [&](const QTextBlock &b, qsizetype pos) {
            for (const QTextLayout::FormatRange &f : b.layout()->formats()) {
                if (pos >= f.start && pos < f.start + f.length)
                    return f.format.foreground().color();
            }
            return QColor();
        };
        const qsizetype keyPos = block.text().indexOf(u"key"_s);
        const qsizetype valuePos = block.text().indexOf(u"value"_s);
        QVERIFY(colourAt(block, keyPos).isValid());
        QVERIFY(colourAt(block, valuePos).isValid());
        QVERIFY(colourAt(block, keyPos) != colourAt(block, valuePos));
    }

    void summaryText()
    {
        const ImageGraphPtr g = loadGraph(samplePath());
        QCOMPARE(SummaryBar::textFor(SourceSummary::of(*g, nullptr), false),
                 u"OCI archive  ·  1 platform  ·  3 layers  ·  962 bytes compressed  ·  uncompressed size known after "
                 "verification  ·  not verified"_s);
        const VerifyReportPtr r = verifyGraph(g);
        const SourceSummary s = SourceSummary::of(*g, r.get());
        QCOMPARE(s.checksPassed, 13);
        QVERIFY(s.uncompressed > 962);
        QCOMPARE(
            SummaryBar::textFor(s, false),
            u"OCI archive  ·  1 platform  ·  3 layers  ·  962 bytes compressed  ·  %1 uncompressed  ·  13 of 13 checks passed"_s
                .arg(QLocale::c().formattedDataSize(s.uncompressed, 1, QLocale::DataSizeSIFormat)));

        const ImageGraphPtr multi = loadGraph(fixture(u"good/oci-multi"_s));
        const SourceSummary m = SourceSummary::of(*multi, nullptr);
        QCOMPARE(m.platforms, 1); // v1 and v2 are both linux/amd64
        QCOMPARE(m.layers, 4);    // layers 1 and 2 are shared
    }

    void statusColoursFollowThePalette()
    {
        QPalette light;
        light.setColor(QPalette::Base, Qt::white);
        QPalette dark;
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        QVERIFY(!StatusStyle::isDark(light));
        QVERIFY(StatusStyle::isDark(dark));
        for (RowStatus s :
             {RowStatus::Verified, RowStatus::Mismatch, RowStatus::Missing, RowStatus::Error, RowStatus::Checking}) {
            // Dark shades on white, light shades on near-black.
            QVERIFY(StatusStyle::color(s, light).lightness() < 128);
            QVERIFY(StatusStyle::color(s, dark).lightness() > 128);
            QVERIFY(!StatusStyle::icon(s).isNull());
            QVERIFY(!RowStatusText::accessible(s, false).isEmpty());
        }
        QVERIFY(StatusStyle::color(RowStatus::Verified, light) != StatusStyle::color(RowStatus::Mismatch, light));
        QVERIFY(StatusStyle::icon(RowStatus::Verified).cacheKey() !=
                StatusStyle::icon(RowStatus::Verified, true).cacheKey());
    }

    void everyIconRenders()
    {
        const QStringList icons = QDir(u":/icons"_s).entryList({u"*.svg"_s});
        QVERIFY(icons.size() >= 20);
        for (const QString &name : icons) {
            const QIcon icon = SvgIcon::load(u":/icons/"_s + name);
            QVERIFY2(!icon.isNull(), qPrintable(name));
            const QImage img = icon.pixmap(32, 32).toImage();
            int painted = 0;
            for (int y = 0; y < img.height(); ++y)
                for (int x = 0; x < img.width(); ++x)
                    painted += qAlpha(img.pixel(x, y)) > 0;
            QVERIFY2(painted > 20, qPrintable(name));
        }
    }

    void currentColorTakesThePaletteText()
    {
        const QPalette saved = QApplication::palette();
        QPalette red = saved;
        red.setColor(QPalette::WindowText, Qt::red);
        QApplication::setPalette(red);
        const QImage img = SvgIcon::load(u":/icons/kind-index.svg"_s).pixmap(32, 32).toImage();
        QApplication::setPalette(saved);
        int reddish = 0;
        for (int y = 0; y < img.height(); ++y)
            for (int x = 0; x < img.width(); ++x) {
                const QRgb p = img.pixel(x, y);
                reddish += qAlpha(p) > 200 && qRed(p) > 200 && qGreen(p) < 60;
            }
        QVERIFY(reddish > 10);
    }
};

STRATA_TEST_MAIN(TestDetails)
#include "tst_ui_details.moc"
