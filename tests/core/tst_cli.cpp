// SPDX-License-Identifier: MIT
// The headless verbs as CI runs them: exit codes, JSON shape, errors on stderr.
#include "tests/common/hermeticenv.h"
#include "tests/common/testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int code = -1;
    QByteArray out;
    QByteArray err;
};

Run runStrata(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(strata::test::strataBinary(), args);
    if (!p.waitForFinished(120000))
        return {};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

QJsonObject json(const Run &r)
{
    QJsonParseError e{};
    const QJsonDocument d = QJsonDocument::fromJson(r.out, &e);
    if (e.error != QJsonParseError::NoError)
        qWarning("not JSON: %s", r.out.left(300).constData());
    return d.object();
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY2(!strata::test::strataBinary().isEmpty(), "STRATA_BIN is set by CTest"); }

    // What the CLI prints is for scripts: the same bytes whatever the locale (decimal comma, other
    // date formats) and time zone (Chatham is +12:45/+13:45, so an hour-only offset is wrong too).
    void outputIndependentOfLocaleAndTimeZone_data()
    {
        QTest::addColumn<QStringList>("args");
        using strata::test::fixture;
        QTest::newRow("inspect-json") << QStringList{u"inspect"_s, u"--json"_s, fixture(u"good/oci-gzip"_s)};
        QTest::newRow("inspect-text") << QStringList{u"inspect"_s, fixture(u"good/docker-archive.tar"_s)};
        QTest::newRow("inspect-efficiency")
            << QStringList{u"inspect"_s, u"--efficiency"_s, fixture(u"good/oci-gzip"_s)};
        QTest::newRow("verify-json") << QStringList{u"verify"_s, u"--json"_s, fixture(u"bad/oci-flipped-layer"_s)};
        QTest::newRow("verify-text") << QStringList{u"verify"_s, fixture(u"good/oci-large"_s)};
        QTest::newRow("ls-json") << QStringList{u"ls"_s, u"--json"_s, u"--merged"_s, fixture(u"good/oci-gzip"_s)};
        QTest::newRow("ls-text") << QStringList{u"ls"_s, u"--layer"_s, u"0"_s, fixture(u"good/oci-gzip"_s)};
        QTest::newRow("diff-json") << QStringList{u"diff"_s, u"--json"_s, fixture(u"good/oci-gzip"_s),
                                                  fixture(u"good/oci-v2"_s)};
        QTest::newRow("diff-markdown") << QStringList{u"diff"_s, u"--markdown"_s, fixture(u"good/oci-gzip"_s),
                                                      fixture(u"good/oci-v2"_s)};
    }
    void outputIndependentOfLocaleAndTimeZone()
    {
        QFETCH(QStringList, args);
        QProcess locales;
        locales.start(u"locale"_s, {u"-a"_s});
        locales.waitForFinished();
        if (!QString::fromLocal8Bit(locales.readAllStandardOutput()).contains(u"de_DE.utf8"_s, Qt::CaseInsensitive)) {
            if (qEnvironmentVariableIsSet("CI"))
                QFAIL("de_DE.UTF-8 is not generated: packaging/install-deps.sh generates it");
            QSKIP("de_DE.UTF-8 is not generated (packaging/install-deps.sh generates it)");
        }
        const auto envWith = [](const QString &locale, const QString &tz) {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(u"LANG"_s, locale);
            env.insert(u"LC_ALL"_s, locale);
            env.insert(u"TZ"_s, tz);
            return env;
        };
        const Run base = runStrata(args, envWith(u"C.UTF-8"_s, u"UTC"_s));
        const Run other = runStrata(args, envWith(u"de_DE.UTF-8"_s, u"Pacific/Chatham"_s));
        QVERIFY2(base.code == 0 || base.code == 1, base.err.constData());
        QVERIFY(!base.out.isEmpty());
        QCOMPARE(other.code, base.code);
        if (other.out != base.out) {
            const QList<QByteArray> a = base.out.split('\n'), b = other.out.split('\n');
            for (qsizetype i = 0; i < qMin(a.size(), b.size()); ++i)
                QVERIFY2(a[i] == b[i],
                         qPrintable(u"line %1 differs:\n  C.UTF-8/UTC:        %2\n  de_DE/Chatham: %3"_s.arg(i + 1).arg(
                             QString::fromUtf8(a[i]), QString::fromUtf8(b[i]))));
            QCOMPARE(b.size(), a.size());
        }
    }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        using strata::test::fixture;
        using strata::test::publicFixture;
        QTest::newRow("verify-good") << QStringList{u"verify"_s, fixture(u"good/oci-gzip"_s)} << 0;
        QTest::newRow("verify-fast-good")
            << QStringList{u"verify"_s, u"--fast"_s, fixture(u"good/docker-archive.tar"_s)} << 0;
        QTest::newRow("verify-corrupt") << QStringList{u"verify"_s, fixture(u"bad/oci-flipped-layer"_s)} << 1;
        QTest::newRow("verify-missing-blob") << QStringList{u"verify"_s, fixture(u"bad/oci-missing-blob"_s)} << 1;
        QTest::newRow("verify-not-an-image")
            << QStringList{u"verify"_s, publicFixture(u"dive/not-an-image.tar"_s)} << 2;
        QTest::newRow("verify-text-file") << QStringList{u"verify"_s, publicFixture(u"../README.md"_s)} << 2;
        QTest::newRow("verify-nothing") << QStringList{u"verify"_s} << 2;
        QTest::newRow("verify-two-sources") << QStringList{u"verify"_s, u"a"_s, u"b"_s} << 2;
        QTest::newRow("unknown-option") << QStringList{u"verify"_s, u"--bogus"_s, fixture(u"good/oci-gzip"_s)} << 2;
        QTest::newRow("bad-platform") << QStringList{u"verify"_s, u"--platform"_s, u"linux"_s,
                                                     fixture(u"good/oci-gzip"_s)}
                                      << 2;
        QTest::newRow("absent-platform") << QStringList{u"verify"_s, u"--platform"_s, u"linux/s390x"_s,
                                                        fixture(u"good/oci-gzip"_s)}
                                         << 2;
        QTest::newRow("inspect-good") << QStringList{u"inspect"_s, fixture(u"good/oci-archive.tar"_s)} << 0;
        QTest::newRow("inspect-missing-file") << QStringList{u"inspect"_s, u"/no/such/file.tar"_s} << 2;
        QTest::newRow("help") << QStringList{u"verify"_s, u"--help"_s} << 0;
    }
    void exitCodes()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        const Run r = runStrata(args);
        QCOMPARE(r.code, code);
        if (code == 2 && !args.contains(u"--help"_s)) {
            QVERIFY(r.err.startsWith("strata: "));
            QCOMPARE(r.err.count('\n'), 1); // one clear line
        }
    }

    void notAnImageSaysSo()
    {
        const Run r = runStrata({u"verify"_s, strata::test::publicFixture(u"dive/not-an-image.tar"_s)});
        QVERIFY(r.err.contains("not-an-image.tar"));
        QVERIFY(r.err.contains("not a container image"));
    }

    void verifyJson()
    {
        const QJsonObject t = strata::test::truth(u"good/oci-gzip"_s);
        const Run r = runStrata({u"verify"_s, u"--json"_s, strata::test::fixture(u"good/oci-gzip"_s)});
        QCOMPARE(r.code, 0);
        const QJsonObject o = json(r);
        QCOMPARE(o.value(u"ok"_s).toBool(), true);
        QVERIFY(o.value(u"problems"_s).toArray().isEmpty());
        const QJsonArray images = o.value(u"images"_s).toArray();
        QCOMPARE(images.size(), 1);
        const QJsonObject img = images[0].toObject();
        QCOMPARE(img.value(u"manifestDigest"_s).toString(), t.value(u"manifestDigest"_s).toString());
        QCOMPARE(img.value(u"configDigest"_s).toString(), t.value(u"configDigest"_s).toString());
        QCOMPARE(img.value(u"platform"_s).toString(), u"linux/amd64"_s);
        const QJsonArray layers = img.value(u"layers"_s).toArray();
        const QJsonArray tl = t.value(u"layers"_s).toArray();
        const QJsonArray td = t.value(u"diffIds"_s).toArray();
        QCOMPARE(layers.size(), tl.size());
        for (qsizetype i = 0; i < layers.size(); ++i) {
            const QJsonObject l = layers[i].toObject();
            QCOMPARE(l.value(u"digest"_s).toString(), tl[i].toObject().value(u"digest"_s).toString());
            QCOMPARE(l.value(u"size"_s).toInteger(), tl[i].toObject().value(u"size"_s).toInteger());
            QCOMPARE(l.value(u"mediaType"_s).toString(), tl[i].toObject().value(u"mediaType"_s).toString());
            QCOMPARE(l.value(u"diffId"_s).toString(), td[i].toString());
        }
    }

    void verifyJsonProblems()
    {
        const QJsonObject t = strata::test::truth(u"bad/oci-flipped-layer"_s);
        const Run r = runStrata({u"verify"_s, u"--json"_s, strata::test::fixture(u"bad/oci-flipped-layer"_s)});
        QCOMPARE(r.code, 1);
        const QJsonObject o = json(r);
        QCOMPARE(o.value(u"ok"_s).toBool(), false);
        bool found = false;
        for (const QJsonValue &v : o.value(u"problems"_s).toArray()) {
            const QJsonObject p = v.toObject();
            for (const char *k : {"kind", "object", "expected", "actual", "message"})
                QVERIFY2(p.contains(QLatin1StringView(k)), k);
            if (p.value(u"kind"_s).toString() == u"digest-mismatch") {
                QCOMPARE(p.value(u"expected"_s).toString(), t.value(u"object"_s).toString());
                QCOMPARE(p.value(u"actual"_s).toString(), t.value(u"actualDigest"_s).toString());
                found = true;
            }
        }
        QVERIFY(found);
    }

    void dockerArchiveJsonHasNoManifestDigest()
    {
        const QJsonObject t = strata::test::truth(u"good/docker-archive.tar"_s);
        const Run r = runStrata({u"inspect"_s, u"--json"_s, strata::test::fixture(u"good/docker-archive.tar"_s)});
        QCOMPARE(r.code, 0);
        const QJsonObject img = json(r).value(u"images"_s).toArray().at(0).toObject();
        QVERIFY(img.value(u"manifestDigest"_s).isNull()); // docker save carries no manifest
        QCOMPARE(img.value(u"configDigest"_s).toString(), t.value(u"configDigest"_s).toString());
        QCOMPARE(img.value(u"name"_s).toString(), t.value(u"repoTags"_s).toArray().at(0).toString());
    }

    void platformSelection()
    {
        const QString repo = strata::test::publicFixture(u"regclient/testrepo"_s);
        const Run r = runStrata({u"inspect"_s, u"--json"_s, u"--platform"_s, u"linux/arm/v7"_s, repo});
        QCOMPARE(r.code, 0);
        const QJsonArray images = json(r).value(u"images"_s).toArray();
        QVERIFY(!images.isEmpty());
        for (const QJsonValue &v : images)
            QCOMPARE(v.toObject().value(u"platform"_s).toString(), u"linux/arm/v7"_s);
    }

    void textOutputShowsMismatch()
    {
        const Run r = runStrata({u"verify"_s, strata::test::fixture(u"bad/oci-wrong-diffid"_s)});
        QCOMPARE(r.code, 1);
        QVERIFY(r.out.contains("diffid-mismatch"));
        QVERIFY(r.out.contains("expected sha256:"));
        QVERIFY(r.out.contains("actual   sha256:"));
        QVERIFY(r.out.contains("FAILED"));
    }

    void inspectShowsIdentifiers()
    {
        const Run r = runStrata({u"inspect"_s, strata::test::fixture(u"good/oci-gzip"_s)});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("format: OCI layout directory"));
        QVERIFY(r.out.contains("diff_id sha256:"));
        QVERIFY(r.out.contains("created_by layer 1: add base files"));
    }
};

STRATA_TEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
