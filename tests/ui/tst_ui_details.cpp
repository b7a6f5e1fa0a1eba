// SPDX-License-Identifier: MIT
// Details pane pieces: differing characters, identifier meanings, JSON view, summary, status look, icons.
#include "core/format/sizeformat.h"
#include "tests/common/hermeticenv.h"
#include "tests/ui/uitestutil.h"
#include "ui/sampleimage.h"
#include "ui/theme/statusstyle.h"
#include "ui/theme/svgicon.h"
#include "ui/views/detailshtml.h"
#include "ui/views/detailspane.h"
#include "ui/views/diffmarkup.h"
#include "ui/views/jsonview.h"
#include "ui/views/summarybar.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QLineEdit>
#include <QPainter>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QTextLayout>

using namespace Qt::StringLiterals;
using namespace strata;
using namespace strata::ui;
using namespace strata::test;

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
