// SPDX-License-Identifier: MIT
// A source that cannot be read is not a corrupt image (issue 21): a real docker-registry stopped in the
// middle of verification (exit 2, every unread layer "unreadable", nothing "malformed" or "truncated"), a
// scripted registry serving one altered blob and failing another (exit 1, both with their kinds), a failing
// disk under an OCI layout, a docker-archive and registry storage (a test-only ByteStream that fails after
// N bytes), a local file shorter than its descriptor (still size-mismatch), and Verifier::retry reading
// only what could not be read. Images are built here with umoci from random bytes.
#include "tests/common/hermeticenv.h"
#include "tests/common/podmanservice.h"
#include "tests/common/testutil.h"
#include "tests/core/registryserver.h"

#include "core/io/container.h"
#include "core/sources/sourceopener.h"
#include "core/verify/verifier.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QProcess>
#include <QTest>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace strata;
using namespace strata::test;

namespace {

// Fails with EIO once `left` bytes have been read: a disk that gives up in the middle of a blob.
class FailingStream final : public ByteStream
{
public:
    FailingStream(ByteStreamPtr inner, qint64 left, QString where)
        : m_inner(std::move(inner)), m_left(left), m_where(std::move(where))
    {
    }
    Result<qint64> read(char *buf, qint64 max) override
    {
        if (m_left <= 0)
            return makeError(ErrorCode::Io, u"Input/output error"_s, m_where);
        Result<qint64> r = m_inner->read(buf, qMin(max, m_left));
        if (r)
            m_left -= r.value();
        return r;
    }
    qint64 size() const override { return m_inner->size(); }

private:
    ByteStreamPtr m_inner;
    qint64 m_left;
    QString m_where;
};

// One byte in the middle flipped: bytes that were read and are wrong.
class FlippingStream final : public ByteStream
{
public:
    explicit FlippingStream(ByteStreamPtr inner) : m_inner(std::move(inner)) {}
    Result<qint64> read(char *buf, qint64 max) override
    {
        Result<qint64> r = m_inner->read(buf, max);
        if (r && r.value() > 0 && m_pos <= m_flipAt && m_flipAt < m_pos + r.value())
            buf[m_flipAt - m_pos] ^= 1;
        if (r)
            m_pos += r.value();
        return r;
    }
    qint64 size() const override { return m_inner->size(); }

private:
    ByteStreamPtr m_inner;
    qint64 m_pos = 0;
    qint64 m_flipAt = 1000;
};

// A source's container with faults on chosen members while `failing` is set, counting every open.
class FaultyContainer final : public Container
{
public:
    enum class Fault { EioAfter64KiB, Gone, Flipped };
    FaultyContainer(ContainerPtr inner, QHash<QString, Fault> faults) : m_inner(std::move(inner)), m_faults(faults) {}

    QString path() const override { return m_inner->path(); }
    Result<MemberStat> stat(const QString &name) const override { return m_inner->stat(name); }
    QStringList list(const QString &dir) const override { return m_inner->list(dir); }
    Result<ByteStreamPtr> open(const QString &name) const override
    {
        {
            QMutexLocker lock(&m_mutex);
            ++m_opens[name];
        }
        const auto f = m_faults.constFind(name);
        if (f == m_faults.cend() || (!failing && f.value() != Fault::Flipped))
            return m_inner->open(name);
        if (f.value() == Fault::Gone)
            return makeError(ErrorCode::NotFound, u"No such file or directory"_s, path() + u": "_s + name);
        Result<ByteStreamPtr> s = m_inner->open(name);
        if (!s)
            return s;
        if (f.value() == Fault::Flipped)
            return ByteStreamPtr(std::make_unique<FlippingStream>(std::move(s.value())));
        return ByteStreamPtr(std::make_unique<FailingStream>(std::move(s.value()), 64 * 1024, path() + u": "_s + name));
    }
    QHash<QString, int> takeOpens() const
    {
        QMutexLocker lock(&m_mutex);
        return std::exchange(m_opens, {});
    }
    std::atomic<bool> failing{true};

private:
    ContainerPtr m_inner;
    QHash<QString, Fault> m_faults;
    mutable QMutex m_mutex;
    mutable QHash<QString, int> m_opens;
};

QList<ProblemKind> kindsOf(const VerifyReport &r, int node)
{
    QList<ProblemKind> out;
    for (const Problem &p : r.problems)
        if (p.nodeId == node)
            out << p.kind;
    return out;
}

int count(const VerifyReport &r, ProblemKind k)
{
    return static_cast<int>(
        std::count_if(r.problems.begin(), r.problems.end(), [k](const Problem &p) { return p.kind == k; }));
}

QString makeImage(const QString &layout, int layers, int kib)
{
    QString out;
    if (!runTool(u"bash"_s,
                 {QStringLiteral(STRATA_SOURCE_DIR) + u"/tests/registry/make-random-image.sh"_s, layout, u"t"_s,
                  QString::number(layers), QString::number(kib)},
                 &out))
        return out.isEmpty() ? u"make-random-image.sh failed"_s : out;
    return {};
}

// Bytes the process read through read(2) and friends, sockets included (/proc/PID/io rchar).
qint64 bytesReadBy(qint64 pid)
{
    QFile f(u"/proc/%1/io"_s.arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("rchar:"))
            return line.mid(6).trimmed().toLongLong();
    return -1;
}

// The size of the files under `dir` the process has open (the engine export's spool is unlinked at once).
qint64 spooledBytes(qint64 pid, const QString &dir)
{
    qint64 total = 0;
    const QDir fds(u"/proc/%1/fd"_s.arg(pid));
    for (const QString &fd : fds.entryList(QDir::Files | QDir::System | QDir::NoDotAndDotDot)) {
        const QFileInfo link(fds.filePath(fd));
        if (link.symLinkTarget().startsWith(dir))
            total += QFileInfo(link.symLinkTarget()).exists() ? QFileInfo(link.symLinkTarget()).size() : link.size();
    }
    return total;
}

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QString err;
};

} // namespace

class TestUnreadable : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    RegistryServer m_reg;
    QString m_small; // an OCI layout: 4 layers of 256 KiB

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(strataBinary()).isExecutable(), "STRATA_BIN must name the strata executable");
        qputenv("DOCKER_CONFIG", m_tmp.filePath(u"no-docker-config"_s).toUtf8());
        m_small = m_tmp.filePath(u"small"_s);
        const QString err = makeImage(m_small, 4, 256);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QString e;
        QVERIFY2(m_reg.start(RegistryServer::Auth::None, &e), qPrintable(e));
        QString out;
        QVERIFY2(push(u"oci:"_s + m_small + u":t"_s, m_reg.host(), u"small/app:t"_s, {}, &out), qPrintable(out));
        QVERIFY2(runTool(u"skopeo"_s,
                         {u"copy"_s, u"oci:"_s + m_small + u":t"_s,
                          u"docker-archive:"_s + m_tmp.filePath(u"small.tar"_s) + u":small/app:t"_s},
                         &out),
                 qPrintable(out));
    }

    // A failing disk under three kinds of local source: read failures are unreadable, altered bytes a digest
    // mismatch, and a retry reads only the unreadable objects again.
    void failingDisk_data()
    {
        QTest::addColumn<QString>("source");
        QTest::newRow("oci layout") << u"oci:"_s + m_small + u":t"_s;
        QTest::newRow("docker-archive") << m_tmp.filePath(u"small.tar"_s);
        QTest::newRow("registry-dir") << u"registry-dir:"_s +
                                             QFileInfo(m_reg.storage() + u"/../../.."_s).canonicalFilePath() +
                                             u"/small/app:t"_s;
    }
    void failingDisk()
    {
        QFETCH(QString, source);
        Result<ImageGraphPtr> opened = SourceOpener::open(source);
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().toString()));
        auto graph = std::make_shared<ImageGraph>(*opened.value());
        QVERIFY(graph->problems.isEmpty());
        const QList<int> layers = graph->images.first().layerNodes;
        QCOMPARE(layers.size(), 4);
        using F = FaultyContainer::Fault;
        const QHash<QString, F> faults{{graph->nodes[layers[0]].member, F::EioAfter64KiB},
                                       {graph->nodes[layers[1]].member, F::Gone},
                                       {graph->nodes[layers[2]].member, F::Flipped}};
        auto faulty = std::make_shared<FaultyContainer>(graph->container, faults);
        graph->container = faulty;

        const VerifyReport r = Verifier::run(*graph, {});
        QCOMPARE(r.results.value(layers[0]).status, CheckStatus::Unreadable);
        QCOMPARE(r.results.value(layers[1]).status, CheckStatus::Unreadable);
        QCOMPARE(r.results.value(layers[2]).status, CheckStatus::Mismatch);
        QCOMPARE(r.results.value(layers[3]).status, CheckStatus::Verified);
        QCOMPARE(kindsOf(r, layers[0]), QList<ProblemKind>{ProblemKind::Unreadable});
        QCOMPARE(kindsOf(r, layers[1]), QList<ProblemKind>{ProblemKind::Unreadable});
        QVERIFY(kindsOf(r, layers[2]).contains(ProblemKind::DigestMismatch));
        QVERIFY(!kindsOf(r, layers[2]).contains(ProblemKind::Unreadable));
        // The unreadable problem names the object, where it was read and the error.
        const Problem &eio = *std::find_if(r.problems.begin(), r.problems.end(),
                                           [&](const Problem &p) { return p.nodeId == layers[0]; });
        QVERIFY2(eio.message.contains(u"Input/output error"_s) && eio.message.contains(graph->nodes[layers[0]].member),
                 qPrintable(eio.message));
        QVERIFY2(eio.object.contains(graph->nodes[layers[0]].digest().toString().left(19)), qPrintable(eio.object));
        QCOMPARE(count(r, ProblemKind::Truncated), 0);
        QVERIFY(r.problemsProven());
        QVERIFY(!r.complete());
        QCOMPARE(r.unreadableNodes(), (QList<int>{layers[0], layers[1]}));
        QCOMPARE(Verifier::retriable(*graph, r), (QSet<int>{layers[0], layers[1]}));

        // The disk is back: a retry opens only the two unreadable members, once each.
        faulty->takeOpens();
        faulty->failing = false;
        const VerifyReport again = Verifier::retry(*graph, r, {});
        const QHash<QString, int> opens = faulty->takeOpens();
        QCOMPARE(opens.size(), 2);
        QCOMPARE(opens.value(graph->nodes[layers[0]].member), 1);
        QCOMPARE(opens.value(graph->nodes[layers[1]].member), 1);
        QCOMPARE(again.results.value(layers[0]).status, CheckStatus::Verified);
        QCOMPARE(again.results.value(layers[1]).status, CheckStatus::Verified);
        QCOMPARE(again.results.value(layers[2]).status, CheckStatus::Mismatch); // kept from the first run
        QCOMPARE(count(again, ProblemKind::Unreadable), 0);
        QVERIFY(kindsOf(again, layers[2]).contains(ProblemKind::DigestMismatch));
        QVERIFY(again.complete());
        QCOMPARE(again.checksTotal, r.checksTotal + again.results.value(layers[0]).checksTotal +
                                        again.results.value(layers[1]).checksTotal - 2);
    }

    // A local blob shorter than its descriptor says was read and is wrong: size-mismatch, not unreadable.
    void shortLocalFileStaysSizeMismatch()
    {
        const QString copy = m_tmp.filePath(u"short"_s);
        QVERIFY(runTool(u"cp"_s, {u"-a"_s, m_small, copy}));
        Result<ImageGraphPtr> g = SourceOpener::open(u"oci:"_s + copy + u":t"_s);
        QVERIFY(g);
        const Node &layer = g.value()->nodes[g.value()->images.first().layerNodes.last()];
        QVERIFY(QFile::resize(copy + u'/' + layer.member, layer.descriptor->size / 2));
        const VerifyReport r = Verifier::run(*g.value(), {});
        QVERIFY(kindsOf(r, layer.id).contains(ProblemKind::SizeMismatch));
        QVERIFY(!kindsOf(r, layer.id).contains(ProblemKind::Unreadable));
        QVERIFY(r.complete());
    }

    // One blob served altered, another failing with HTTP 500 (GET only: it was there when the image opened),
    // by a scripted registry over the layout: exit 1, each with its own kind.
    void corruptAndUnreachableInOneImage()
    {
        Result<ImageGraphPtr> local = SourceOpener::open(u"oci:"_s + m_small + u":t"_s);
        QVERIFY(local);
        const QList<int> layers = local.value()->images.first().layerNodes;
        const QString altered = local.value()->nodes[layers[0]].digest().toString();
        const QString failing = local.value()->nodes[layers[1]].digest().toString();
        const quint16 port = freePort();
        const QString log = m_tmp.filePath(u"layoutregistry.log"_s);
        QProcess server;
        server.start(u"python3"_s, {QStringLiteral(STRATA_SOURCE_DIR) + u"/tests/registry/layoutregistry.py"_s,
                                    u"--port"_s, QString::number(port), u"--layout"_s, m_small, u"--log"_s, log,
                                    u"--corrupt"_s, altered, u"--fail"_s, failing});
        QVERIFY(waitForPort(port, server, 20000));
        const QString ref = u"docker://127.0.0.1:%1/small/app:t"_s.arg(port);
        QProcess p;
        p.start(strataBinary(), {u"verify"_s, u"--json"_s, u"--no-attached"_s, u"--no-journal"_s, ref});
        QVERIFY(p.waitForFinished(120000));
        const QByteArray out = p.readAllStandardOutput();
        const QString err = QString::fromUtf8(p.readAllStandardError());
        server.terminate();
        server.waitForFinished(5000);
        QVERIFY2(p.exitCode() == 1, qPrintable(err + QString::fromUtf8(out.right(3000))));
        const QJsonObject o = QJsonDocument::fromJson(out).object();
        QCOMPARE(o.value("ok"_L1).toBool(true), false);
        QCOMPARE(o.value("complete"_L1).toBool(true), false);
        QMultiHash<QString, QString> kinds; // object digest → kind
        for (const QJsonValue &v : o.value("problems"_L1).toArray())
            kinds.insert(v.toObject().value("object"_L1).toString(), v.toObject().value("kind"_L1).toString());
        QStringList alteredKinds, failingKinds;
        for (auto it = kinds.cbegin(); it != kinds.cend(); ++it) {
            if (it.key().contains(altered.left(19)))
                alteredKinds << it.value();
            if (it.key().contains(failing.left(19)))
                failingKinds << it.value();
        }
        QVERIFY2(alteredKinds.contains(u"digest-mismatch"_s), qPrintable(QString::fromUtf8(out.right(3000))));
        QVERIFY(!alteredKinds.contains(u"unreadable"_s));
        QCOMPARE(failingKinds, QStringList{u"unreadable"_s});
        // 5xx is retried (3 GETs), and said so.
        QFile l(log);
        QVERIFY(l.open(QIODevice::ReadOnly));
        QCOMPARE(l.readAll().count(QString(u"GET /v2/small/app/blobs/"_s + failing + u"\n"_s).toUtf8()), 3);
        QVERIFY2(QString::fromUtf8(out).contains(u"HTTP 500"_s), qPrintable(QString::fromUtf8(out.right(3000))));

        // Without the altered blob, only the unread one is left: exit 2 with the count on stderr.
        QProcess server2;
        const quint16 port2 = freePort();
        server2.start(u"python3"_s,
                      {QStringLiteral(STRATA_SOURCE_DIR) + u"/tests/registry/layoutregistry.py"_s, u"--port"_s,
                       QString::number(port2), u"--layout"_s, m_small, u"--log"_s, log, u"--fail"_s, failing});
        QVERIFY(waitForPort(port2, server2, 20000));
        p.start(strataBinary(), {u"verify"_s, u"--no-attached"_s, u"--no-journal"_s,
                                 u"docker://127.0.0.1:%1/small/app:t"_s.arg(port2)});
        QVERIFY(p.waitForFinished(120000));
        const QString text = QString::fromUtf8(p.readAllStandardOutput());
        const QString err2 = QString::fromUtf8(p.readAllStandardError());
        server2.terminate();
        server2.waitForFinished(5000);
        QVERIFY2(p.exitCode() == 2, qPrintable(err2 + text));
        QVERIFY2(err2.contains(u"could not verify: 1 of "_s) && err2.contains(u" objects unreadable"_s),
                 qPrintable(err2));
        QVERIFY2(text.contains(u"INCOMPLETE"_s) && text.contains(u"[UNREADABLE]"_s), qPrintable(text));
    }

    // The scenario: a real docker-registry stopped a little way into verification.
    void engineStoppedMidExport()
    {
        // A real `podman system service` killed while strata reads the export of a 192 MiB image: the source
        // could not be read (exit 2, "stopped after N bytes"), not a corrupt archive (never exit 1).
        const QString big = m_tmp.filePath(u"engine-big"_s);
        const QString err = makeImage(big, 3, 64 * 1024);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        const QString archive = m_tmp.filePath(u"engine-big.tar"_s);
        QString out;
        QVERIFY2(runTool(u"skopeo"_s,
                         {u"copy"_s, u"oci:"_s + big + u":t"_s, u"docker-archive:"_s + archive + u":big/engine:1"_s},
                         &out),
                 qPrintable(out));
        test::PodmanService podman;
        const QString started = podman.start({archive});
        QVERIFY2(started.isEmpty(), qPrintable(started));
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"DOCKER_HOST"_s, u"unix://"_s + podman.socketPath());
        const QString spool = m_tmp.filePath(u"engine-spool"_s);
        QVERIFY(QDir().mkpath(spool));
        env.insert(u"TMPDIR"_s, spool);
        p.setProcessEnvironment(env);
        p.start(strataBinary(), {u"verify"_s, u"--json"_s, u"--no-journal"_s, u"docker-daemon:big/engine:1"_s});
        QVERIFY(p.waitForStarted());
        // The export is spooled to an unlinked file under TMPDIR: stop the engine when 32 MiB of it has come.
        while (p.state() == QProcess::Running && spooledBytes(p.processId(), spool) < 32 * 1024 * 1024)
            QTest::qWait(2);
        QVERIFY2(p.state() == QProcess::Running, "the export ended before the engine could be stopped");
        podman.kill();
        QVERIFY(p.waitForFinished(120000));
        const QString stderrText = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(p.exitCode() == 2, qPrintable(u"exit %1: "_s.arg(p.exitCode()) + stderrText));
        QVERIFY2(stderrText.contains(u"stopped after"_s), qPrintable(stderrText));
        QVERIFY2(!stderrText.contains(u"malformed"_s) && !stderrText.contains(u"truncated"_s), qPrintable(stderrText));
    }

    void registryStoppedMidVerify()
    {
        const QString big = m_tmp.filePath(u"big"_s);
        const QString err = makeImage(big, 5, 48 * 1024);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QString out;
        QVERIFY2(push(u"oci:"_s + big + u":t"_s, m_reg.host(), u"big/app:1"_s, {}, &out), qPrintable(out));

        // The CLI: stopped once strata has read 40 MB.
        QProcess p;
        p.start(strataBinary(), {u"verify"_s, u"--json"_s, u"--no-attached"_s, u"--no-journal"_s,
                                 u"docker://"_s + m_reg.host() + u"/big/app:1"_s});
        QVERIFY(p.waitForStarted());
        while (p.state() == QProcess::Running && bytesReadBy(p.processId()) < 40 * 1024 * 1024)
            QTest::qWait(10);
        QVERIFY2(p.state() == QProcess::Running, "verification ended before the registry could be stopped");
        m_reg.stop();
        QVERIFY(p.waitForFinished(120000));
        const QByteArray json = p.readAllStandardOutput();
        const QString stderrText = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(p.exitCode() == 2, qPrintable(stderrText + QString::fromUtf8(json.right(3000))));
        QVERIFY2(stderrText.contains(u"could not verify: "_s) && stderrText.contains(u" objects unreadable"_s),
                 qPrintable(stderrText));
        const QJsonObject o = QJsonDocument::fromJson(json).object();
        QCOMPARE(o.value("ok"_L1).toBool(true), false);
        QCOMPARE(o.value("complete"_L1).toBool(true), false);
        int unreadable = 0;
        for (const QJsonValue &v : o.value("problems"_L1).toArray()) {
            const QString kind = v.toObject().value("kind"_L1).toString();
            QVERIFY2(kind == u"unreadable", QJsonDocument(v.toObject()).toJson().constData());
            ++unreadable;
        }
        QVERIFY(unreadable >= 1);

        // In process, with every node's status: each layer is verified or unreadable, nothing else.
        QString e;
        QVERIFY2(m_reg.start(RegistryServer::Auth::None, &e), qPrintable(e));
        Result<SourceSpec> spec = SourceSpec::parse(u"docker://"_s + m_reg.host() + u"/big/app:1"_s);
        QVERIFY(spec);
        spec->discoverAttached = false;
        Result<ImageGraphPtr> g = SourceOpener::open(spec.value());
        QVERIFY2(g, qPrintable(g ? QString() : g.error().toString()));
        JobContext job;
        VerifyOptions vo;
        vo.threads = 2;
        auto run = Verifier::start(*g.value(), vo, &job);
        while (job.done() < 40 * 1024 * 1024 && job.done() < job.total())
            QTest::qWait(5);
        QVERIFY2(job.done() < job.total(), "verification ended before the registry could be stopped");
        m_reg.stop();
        const VerifyReport r = run->finish();
        int unread = 0;
        for (int id : g.value()->images.first().layerNodes) {
            const CheckStatus s = r.results.value(id).status;
            QVERIFY2(s == CheckStatus::Verified || s == CheckStatus::Unreadable, qPrintable(checkStatusName(s)));
            if (s == CheckStatus::Unreadable) {
                ++unread;
                QCOMPARE(kindsOf(r, id), QList<ProblemKind>{ProblemKind::Unreadable});
            }
        }
        QVERIFY(unread >= 1);
        QCOMPARE(count(r, ProblemKind::Malformed), 0);
        QCOMPARE(count(r, ProblemKind::Truncated), 0);
        QVERIFY(!r.problemsProven());
        QVERIFY(!r.complete());
        QVERIFY(!r.ok());
    }
};

STRATA_TEST_GUILESS_MAIN(TestUnreadable)
#include "tst_unreadable.moc"
