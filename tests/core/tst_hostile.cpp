// SPDX-License-Identifier: MIT
// The hostile-input catalogue (untrusted input as in the advisories: CVE-2020-1702,
// CVE-2021-41190, CVE-2024-3727, CVE-2021-29136 and kin). Every row derives a bad source from a good fixture at
// test time (an OCI layout edited and re-chained, a docker-archive rewritten with `tar`, headers
// patched in C++), opens and verifies it, and asserts: the exact error code or problem kind; that the
// text names the object; that what could be read is still shown; that the source was not written;
// that nothing was left outside the private temporary folder; and that memory stayed bounded.
#include "core/io/decompressor.h"
#include "core/io/memorystream.h"
#include "core/io/tarindex.h"
#include "core/json/jsondocument.h"
#include "core/json/jsonlimits.h"
#include "core/signatures/cosesign1.h"
#include "core/sources/sourceopener.h"
#include "core/verify/blobcheck.h"
#include "core/verify/verifier.h"
#include "tests/common/hermeticenv.h"
#include "tests/common/testutil.h"
#include "tests/core/hostilecatalogue.h"
#include "tests/fuzz/declaredmediatypes.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace strata;
using namespace strata::hostile;

namespace {

// Peak RSS growth allowed per row. ASan keeps freed memory in quarantine and pads every allocation,
// so the sanitizer build gets three times the room; a bomb inflated in memory still fails it.
#if defined(__SANITIZE_ADDRESS__)
constexpr qint64 RssBound = 3 * 200 * MiB;
#else
constexpr qint64 RssBound = 200 * MiB;
#endif

QString problemText(const Problem &p)
{
    return p.object + u" | "_s + p.message + u" | "_s + p.expected + u" | "_s + p.actual;
}

} // namespace

class TestHostile : public QObject
{
    Q_OBJECT

    QString m_scratchBase; // where rows build their sources (outside the watched TMPDIR)
    QTemporaryDir m_scratch;
    QString m_watchedTmp; // TMPDIR while opening: must be empty afterwards
    QTemporaryDir m_tmpRoot;
    QByteArray m_savedTmp;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(test::fixture(u"good/oci-gzip/index.json"_s)),
                 "fixtures missing: run ctest -R make_fixtures first");
        QVERIFY(m_scratch.isValid() && m_tmpRoot.isValid());
        m_scratchBase = m_scratch.path();
        m_watchedTmp = m_tmpRoot.filePath(u"tmp"_s);
        QVERIFY(QDir().mkpath(m_watchedTmp));
        m_savedTmp = qgetenv("TMPDIR");
        qputenv("TMPDIR", QFile::encodeName(m_watchedTmp));
        QCOMPARE(QDir::tempPath(), m_watchedTmp);
    }
    void cleanupTestCase()
    {
        if (m_savedTmp.isEmpty())
            qunsetenv("TMPDIR");
        else
            qputenv("TMPDIR", m_savedTmp);
    }

    void catalogue_data();
    void catalogue();
    void decompressionCapAndRatio();
    void fuzzRegressions_data();
    void fuzzRegressions();
};

void TestHostile::catalogue_data()
{
    QTest::addColumn<Builder>("build");
    QTest::addColumn<int>("openCode");  // ErrorCode when opening must fail, else -1
    QTest::addColumn<int>("kind");      // ProblemKind expected after open + verify, else -1 (clean)
    QTest::addColumn<QString>("shown"); // a present node whose description holds this: the rest is still shown
    QTest::addColumn<bool>("verifies"); // the report has no error (only warnings/info)

    addDocumentRows();
    addStreamRows();
    addArchiveRows();
}

void TestHostile::catalogue()
{
    QFETCH(Builder, build);
    QFETCH(int, openCode);
    QFETCH(int, kind);
    QFETCH(QString, shown);
    QFETCH(bool, verifies);

    clearSetupError();
    QTemporaryDir scratch(m_scratchBase + u"/row-XXXXXX"_s);
    const Case c = build.make(scratch.path());
    QVERIFY2(setupError().isEmpty(), qPrintable(u"setup: "_s + setupError()));
    const QMap<QString, QString> before = snapshot(c.source);
    QVERIFY(!before.isEmpty());

    const bool peakReset = resetPeak();
    const qint64 rssBefore = peakReset ? procStatus("VmRSS:") : procStatus("VmHWM:");
    QElapsedTimer timer;
    timer.start();
    {
        const Result<ImageGraphPtr> g = SourceOpener::open(c.spec);
        if (openCode >= 0) {
            QVERIFY2(!g.ok(), "opened, but must be refused");
            const QString text = g.error().toString();
            QVERIFY2(g.error().code == ErrorCode(openCode),
                     qPrintable(u"got %1: %2"_s.arg(errorCodeName(g.error().code), text)));
            QVERIFY2(!g.error().context.isEmpty(), "the error names the source");
            QVERIFY2(text.contains(c.names), qPrintable(u"\"%1\" does not name \"%2\""_s.arg(text, c.names)));
        } else {
            QVERIFY2(g.ok(), qPrintable(g.ok() ? QString() : g.error().toString()));
            const ImageGraph &graph = *g.value();
            VerifyOptions o;
            if (c.maxUncompressed > 0)
                o.maxUncompressed = c.maxUncompressed;
            o.listLayers = !c.listing.isEmpty();
            const VerifyReport r = Verifier::run(graph, o);
            if (!c.listing.isEmpty()) {
                const bool reported = std::any_of(r.tocs.begin(), r.tocs.end(), [&](const LayerTocPtr &t) {
                    return t && t->capped && t->problems.join(u'\n').contains(c.listing);
                });
                QVERIFY2(reported, qPrintable(u"no layer listing reports \"%1\""_s.arg(c.listing)));
            }
            QStringList all;
            for (const Problem &p : r.problems)
                all << problemKindName(p.kind) + u": "_s + problemText(p);
            if (kind >= 0) {
                const auto named = std::find_if(r.problems.begin(), r.problems.end(), [&](const Problem &p) {
                    return p.kind == ProblemKind(kind) && !p.object.isEmpty() && !p.message.isEmpty() &&
                           problemText(p).contains(c.names);
                });
                QVERIFY2(named != r.problems.end(),
                         qPrintable(u"no %1 problem naming \"%2\"; problems:\n  %3"_s.arg(
                             problemKindName(ProblemKind(kind)), c.names, all.join(u"\n  "_s))));
            }
            if (verifies)
                QVERIFY2(r.ok(), qPrintable(all.join(u"\n  "_s)));
            if (!shown.isEmpty()) {
                const bool found = std::any_of(graph.nodes.begin(), graph.nodes.end(), [&](const Node &n) {
                    return n.present && n.kind != NodeKind::Source && graph.describe(n.id).contains(shown);
                });
                QVERIFY2(found, qPrintable(u"nothing present shows \"%1\""_s.arg(shown)));
            }
        }
    }
    QVERIFY2(timer.elapsed() < 120000, qPrintable(u"took %1 ms"_s.arg(timer.elapsed())));
    const qint64 peak = procStatus("VmHWM:");
    QVERIFY2(peak - rssBefore < RssBound, qPrintable(u"peak RSS grew by %1 MiB"_s.arg((peak - rssBefore) / MiB)));
    QCOMPARE(snapshot(c.source), before);
    const QStringList left =
        QDir(m_watchedTmp).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    QVERIFY2(left.isEmpty(), qPrintable(u"left in the temporary folder: "_s + left.join(u", "_s)));
}

void TestHostile::decompressionCapAndRatio()
{
    // The per-layer cap and the ratio are documented limits: a stream past the cap stops with TooLarge
    // (no digest claimed), one past the ratio is flagged but fully hashed.
    const QByteArray z = zstdRleFrame(64); // 8 MiB of zeros
    std::vector<char> buf;
    BlobCheckOptions o;
    o.decompress = true;
    o.maxUncompressed = 4 * MiB;
    MemoryStream capped(z);
    const Result<BlobMeasure> m = measureBlob(capped, o, nullptr, buf);
    QVERIFY(m.ok());
    QVERIFY(m->hasDecompressError);
    QCOMPARE(m->decompressError.code, ErrorCode::TooLarge);
    QVERIFY(!m->decompressed);
    o.maxUncompressed = limits::MaxUncompressedBytes;
    MemoryStream whole(z);
    const Result<BlobMeasure> w = measureBlob(whole, o, nullptr, buf);
    QVERIFY(w.ok() && w->decompressed && !w->hasDecompressError);
    QCOMPARE(w->uncompressedSize, 8 * MiB);
    QVERIFY(!w->ratioExceeded); // 8 MiB is under MinRatioAllowance, whatever the ratio
}

void TestHostile::fuzzRegressions_data()
{
    // Inputs that made a fuzz target crash (tests/fuzz/run-fuzzers.sh), kept in tests/hostile/fuzz/ as
    // <target>-<what>. Each is replayed through the entry point its target uses.
    QTest::addColumn<QString>("file");
    const QDir dir(QStringLiteral(STRATA_SOURCE_DIR) + u"/tests/hostile/fuzz"_s);
    for (const QString &f : dir.entryList(QDir::Files, QDir::Name))
        QTest::newRow(qPrintable(f)) << dir.filePath(f);
    if (dir.entryList(QDir::Files).isEmpty())
        QTest::newRow("none") << QString();
}

void TestHostile::fuzzRegressions()
{
    QFETCH(QString, file);
    if (file.isEmpty())
        QSKIP("no fuzz findings recorded");
    const QString name = QFileInfo(file).fileName();
    const QByteArray data = readFile(file);
    QTemporaryDir dir(m_scratchBase + u"/fuzz-XXXXXX"_s);
    if (name.startsWith(u"tarindex-"_s) || name.startsWith(u"docker_archive-"_s) ||
        name.startsWith(u"oci_archive-"_s)) {
        const QString path = dir.filePath(u"input.tar"_s);
        writeFile(path, data);
        SourceSpec spec;
        spec.kind = name.startsWith(u"oci_archive-"_s) ? SourceSpec::Kind::OciArchive : SourceSpec::Kind::DockerArchive;
        spec.path = path;
        spec.text = path;
        const Result<ImageGraphPtr> g = SourceOpener::open(spec);
        if (!g) {
            QVERIFY(!g.error().message.isEmpty() && !g.error().context.isEmpty());
        } else {
            VerifyOptions o;
            o.threads = 1;
            o.maxUncompressed = 64 * MiB;
            const VerifyReport r = Verifier::run(*g.value(), o);
            for (const Problem &p : r.problems)
                QVERIFY(!p.object.isEmpty() && !p.message.isEmpty());
        }
        Result<std::shared_ptr<SharedFd>> fd = SharedFd::open(path);
        QVERIFY(fd.ok());
        const Result<TarIndex> idx = TarIndex::build(fd.value());
        for (const TarMember &m : idx ? idx->members : QList<TarMember>())
            QVERIFY(m.truncated || m.dataOffset + m.size <= data.size());
    } else if (name.startsWith(u"cose-"_s)) {
        // As fuzz_cose: a Notation COSE envelope decoded with libcbor refuses, never asserts.
        const Result<CoseSign1> c = parseCoseSign1(data, name);
        QVERIFY(!c.ok() && !c.error().message.isEmpty());
    } else if (name.startsWith(u"json-"_s)) {
        const Result<QJsonValue> v = json::parse(data, limits::ManifestBytes, name);
        if (v && v->isObject()) {
            const QJsonObject o = v->toObject();
            for (auto it = o.begin(); it != o.end(); ++it) {
                const QByteArray key = it.key().toLatin1();
                const Result<qint64> size = json::requireSize(o, QLatin1StringView(key), name);
                QVERIFY(!size || (size.value() >= 0 && size.value() <= (qint64(1) << 53)));
            }
        }
    } else if (name.startsWith(u"detectkind-"_s)) {
        // As fuzz_detectkind: byte 0 picks the media type the referrer declared.
        QVERIFY(!data.isEmpty());
        const QString decl = fuzz::declaredMediaType(quint8(data[0]));
        const Result<QJsonObject> o = json::parseObject(data.mid(1), limits::ManifestBytes, name);
        QVERIFY(o.ok());
        QString warning;
        const Result<DocumentKind> k = detectDocumentKind(o.value(), decl, name, &warning);
        const QString own = json::optString(o.value(), QLatin1StringView("mediaType"));
        // A document whose own media type contradicts the declared one is refused or at least warned about.
        QVERIFY(!k || own.isEmpty() || decl.isEmpty() || own == decl || !warning.isEmpty());
    } else if (name.startsWith(u"gzip-"_s) || name.startsWith(u"zstd-"_s)) {
        std::unique_ptr<Decompressor> d = Decompressor::create(
            name.startsWith(u"gzip-"_s) ? mediatype::Compression::Gzip : mediatype::Compression::Zstd);
        qint64 out = 0;
        const Decompressor::Sink sink = [&out](const char *, qint64 n) -> Status {
            out += n;
            return out > 64 * MiB ? Status(makeError(ErrorCode::TooLarge, u"cap"_s)) : Status(Ok{});
        };
        if (d->feed(data.constData(), data.size(), sink))
            (void)d->finish(sink);
    } else {
        // The JSON document targets: whatever the parser says, it says it without crashing.
        const Result<QJsonObject> o = json::parseObject(data, limits::ConfigBytes, name);
        if (o) {
            (void)detectDocumentKind(o.value(), QString(), name);
            (void)Descriptor::fromJson(o.value(), name);
            (void)Manifest::fromJson(o.value(), name);
            (void)Index::fromJson(o.value(), name);
            (void)ImageConfig::fromJson(o.value(), name);
        }
        (void)Digest::parse(QString::fromUtf8(data));
    }
    const QStringList left =
        QDir(m_watchedTmp).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    QVERIFY(left.isEmpty());
}

STRATA_TEST_GUILESS_MAIN(TestHostile)
#include "tst_hostile.moc"
