// SPDX-License-Identifier: MIT
// ImageConfig from the bytes of configs written by real tools (umoci, BuildKit in Docker 25, kaniko, bazel): the
// runtime fields, the effective command, the history read as Dockerfile lines, and history ↔ layer mapping that
// skips empty_layer steps. Expectations come from jq over the same bytes, never from Strata.
#include "core/json/jsonlimits.h"
#include "core/model/imageconfig.h"
#include "core/sources/sourceopener.h"
#include "tests/common/hermeticenv.h"
#include "tests/common/testutil.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace strata;
using namespace strata::test;

namespace {

QByteArray configBytes(const QString &source)
{
    Result<ImageGraphPtr> g = SourceOpener::open(source);
    if (!g)
        qFatal("cannot open %s: %s", qPrintable(source), qPrintable(g.error().toString()));
    const ImageGraph &graph = *g.value();
    return graph.nodes[graph.images[0].configNode].raw;
}

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &x : v.toArray())
        out << x.toString();
    return out;
}

// What jq says about a config: its history as [created_by, empty] pairs, one per line.
QList<std::pair<QString, bool>> jqHistory(const QByteArray &raw)
{
    static QTemporaryDir dir;
    static int n = 0;
    const QString tmp = dir.filePath(u"config-%1.json"_s.arg(++n));
    QFile f(tmp);
    if (!f.open(QIODevice::WriteOnly) || f.write(raw) != raw.size())
        qFatal("cannot write %s", qPrintable(tmp));
    f.close();
    const QByteArray out =
        shellOutput(u"jq -c '[.history[] | [.created_by // \"\", (.empty_layer // false)]]' "_s + shellQuoted(tmp));
    QList<std::pair<QString, bool>> h;
    for (const QJsonValue &v : QJsonDocument::fromJson(out).array())
        h.append({v.toArray()[0].toString(), v.toArray()[1].toBool()});
    return h;
}

void compareMapping(const ImageConfig &c, const QList<std::pair<QString, bool>> &history)
{
    QCOMPARE(c.history.size(), history.size());
    const QList<int> toLayer = c.historyToLayer();
    QCOMPARE(toLayer.size(), history.size());
    int next = 0;
    for (qsizetype i = 0; i < history.size(); ++i) {
        QCOMPARE(c.history[i].createdBy, history[i].first);
        QCOMPARE(c.history[i].emptyLayer, history[i].second);
        QCOMPARE(toLayer[i], history[i].second ? -1 : next++);
    }
    QCOMPARE(next, c.diffIds.size());
    const QList<int> toHistory = c.layerToHistory();
    QCOMPARE(toHistory.size(), c.diffIds.size());
    for (qsizetype l = 0; l < toHistory.size(); ++l)
        QCOMPARE(toLayer[toHistory[l]], l);
}

} // namespace

class TestImageConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // umoci (tests/fixtures/make-fixtures.sh set_config): every runtime field, and an empty_layer last step.
    void umociConfig()
    {
        const QByteArray raw = configBytes(fixture(u"good/oci-gzip"_s));
        const Result<ImageConfig> c = ImageConfig::fromBytes(raw, u"umoci"_s);
        QVERIFY(c.ok());
        const QJsonObject t = truth(u"good/oci-gzip"_s);
        QCOMPARE(c->env, strings(t.value(u"env"_s)));
        QCOMPARE(c->entrypoint, strings(t.value(u"entrypoint"_s)));
        QCOMPARE(c->cmd, strings(t.value(u"cmd"_s)));
        QCOMPARE(c->user, t.value(u"user"_s).toString());
        QCOMPARE(c->workingDir, t.value(u"workingDir"_s).toString());
        QCOMPARE(c->exposedPorts, strings(t.value(u"exposedPorts"_s)));
        QCOMPARE(c->volumes, strings(t.value(u"volumes"_s))); // umoci --config.volume, read back by jq
        QCOMPARE(c->volumes.size(), 2);
        QCOMPARE(c->stopSignal, t.value(u"stopSignal"_s).toString());
        QCOMPARE(c->author, t.value(u"author"_s).toString());
        QCOMPARE(c->created, t.value(u"created"_s).toString());
        const QJsonObject labels = t.value(u"labels"_s).toObject();
        QCOMPARE(c->labels.size(), labels.size());
        for (auto it = labels.begin(); it != labels.end(); ++it)
            QCOMPARE(c->labels.value(it.key()), it.value().toString());
        // ENTRYPOINT then CMD, as docker run would start it.
        QCOMPARE(c->effectiveCommand(), strings(t.value(u"entrypoint"_s)) + strings(t.value(u"cmd"_s)));
        QCOMPARE(shellJoin(c->effectiveCommand()), u"/usr/bin/hello --greet world"_s);
        const auto history = jqHistory(raw);
        QVERIFY(history.last().second); // "config: set runtime metadata" made no layer
        compareMapping(c.value(), history);
        QCOMPARE(dockerfileLine(c->history[0].createdBy), u"layer 1: add base files"_s); // free text as it is
    }

    // Docker 25 (BuildKit): "COPY hello / # buildkit", then an empty_layer CMD.
    void buildkitConfig()
    {
        const QByteArray raw = configBytes(publicFixture(u"ggcr/hello-world-v25.tar"_s));
        const Result<ImageConfig> c = ImageConfig::fromBytes(raw, u"buildkit"_s);
        QVERIFY(c.ok());
        const auto history = jqHistory(raw);
        compareMapping(c.value(), history);
        QCOMPARE(history[0].first, u"COPY hello / # buildkit"_s);
        QCOMPARE(dockerfileLine(history[0].first), u"COPY hello /"_s);
        QCOMPARE(dockerfileLine(history[1].first), u"CMD [\"/hello\"]"_s);
        QCOMPARE(c->effectiveCommand(), QStringList{u"/hello"_s});
        QCOMPARE(c->os + u'/' + c->architecture, u"linux/arm64"_s);
    }

    // kaniko on a classic-builder base: "/bin/sh -c #(nop) " prefixes (one with two spaces), an empty_layer CMD
    // in the middle, then kaniko's own lines.
    void kanikoConfig()
    {
        const QByteArray raw = configBytes(publicFixture(u"dive/kaniko-image.tar"_s));
        const Result<ImageConfig> c = ImageConfig::fromBytes(raw, u"kaniko"_s);
        QVERIFY(c.ok());
        const auto history = jqHistory(raw);
        compareMapping(c.value(), history);
        QVERIFY(history[1].second);
        QCOMPARE(c->historyToLayer()[2], 1); // the step after the empty CMD made the second layer
        QVERIFY(history[0].first.startsWith(u"/bin/sh -c #(nop) ADD file:"_s));
        QVERIFY(dockerfileLine(history[0].first).startsWith(u"ADD file:"_s));
        QVERIFY(dockerfileLine(history[0].first).endsWith(u" in /"_s));
        QCOMPARE(history[1].first, u"/bin/sh -c #(nop)  CMD [\"sh\"]"_s);
        QCOMPARE(dockerfileLine(history[1].first), u"CMD [\"sh\"]"_s);
        QCOMPARE(dockerfileLine(history[3].first), u"RUN mkdir -p /root/example/really/nested"_s);
        QCOMPARE(c->effectiveCommand(), QStringList{u"sh"_s});
    }

    // The other spellings of RUN: the classic builder's, with and without build arguments, and BuildKit's.
    void runLines_data()
    {
        QTest::addColumn<QString>("createdBy");
        QTest::addColumn<QString>("line");
        QTest::newRow("classic run") << u"/bin/sh -c apk add --no-cache curl"_s << u"RUN apk add --no-cache curl"_s;
        QTest::newRow("classic args") << u"|2 A=1 B=x y /bin/sh -c make all"_s << u"RUN make all"_s;
        QTest::newRow("buildkit run") << u"RUN /bin/sh -c echo hi # buildkit"_s << u"RUN echo hi"_s;
        QTest::newRow("buildkit args") << u"RUN |1 V=2 /bin/sh -c make # buildkit"_s << u"RUN make"_s;
        QTest::newRow("buildah nop") << u"/bin/sh -c #(nop) VOLUME /data"_s << u"VOLUME /data"_s;
        QTest::newRow("bazel") << u"bazel build ..."_s << u"bazel build ..."_s;
        QTest::newRow("empty") << QString() << QString();
    }
    void runLines()
    {
        QFETCH(QString, createdBy);
        QFETCH(QString, line);
        QCOMPARE(dockerfileLine(createdBy), line);
    }

    // The joined command splits back into the same words in a real shell.
    void shellJoinRoundTrips()
    {
        const QStringList argv{u"/bin/echo"_s, u"it's"_s, u"a b"_s, QString(), u"$HOME"_s, u"--x=1"_s, u"*"_s};
        const QString joined = shellJoin(argv);
        QCOMPARE(joined, u"/bin/echo 'it'\\''s' 'a b' '' '$HOME' --x=1 '*'"_s);
        const QByteArray out = shellOutput(u"for w in "_s + joined + u"; do printf '[%s]' \"$w\"; done"_s);
        QCOMPARE(QString::fromUtf8(out), u"[/bin/echo][it's][a b][][$HOME][--x=1][*]"_s);
    }

    // A hostile config: 100,000 Env entries parse (the pane caps what it shows); over the size cap is refused.
    void hostileSizes()
    {
        QJsonArray env;
        for (int i = 0; i < 100000; ++i)
            env.append(u"V%1=x"_s.arg(i));
        const QByteArray big = QJsonDocument(QJsonObject{{u"config"_s, QJsonObject{{u"Env"_s, env}}}}).toJson();
        QVERIFY(big.size() < limits::ConfigBytes);
        const Result<ImageConfig> c = ImageConfig::fromBytes(big, u"big"_s);
        QVERIFY(c.ok());
        QCOMPARE(c->env.size(), 100000);
        const QByteArray huge(limits::ConfigBytes + 1, ' ');
        const Result<ImageConfig> r = ImageConfig::fromBytes(huge, u"huge"_s);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::TooLarge);
        QVERIFY(!ImageConfig::fromBytes("[1]", u"array"_s).ok());
    }
};

STRATA_TEST_GUILESS_MAIN(TestImageConfig)
#include "tst_imageconfig.moc"
