// SPDX-License-Identifier: MIT
// docker-daemon: against a real `podman system service` on a socket in a temporary folder (vfs storage,
// root and runroot in that folder too, nothing of the real user's storage touched), images loaded with
// `podman load`; plus the HTTP framing against a scripted Unix-socket server for what no engine sends.
#include "core/engine/engineclient.h"
#include "core/sources/enginesource.h"
#include "core/sources/sourceopener.h"
#include "core/verify/verifier.h"
#include "tests/common/hermeticenv.h"
#include "tests/common/podmanservice.h"
#include "tests/common/testutil.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <thread>

using namespace Qt::StringLiterals;
using namespace strata;
using strata::test::problemsText;

namespace {

// Accepts one connection on a Unix socket, reads the request head, writes `answer`, closes.
class ScriptedServer
{
public:
    ScriptedServer(const QString &path, QByteArray answer, int holdMs = 0) : m_path(path)
    {
        m_fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un a{};
        a.sun_family = AF_UNIX;
        const QByteArray p = QFile::encodeName(path);
        std::memcpy(a.sun_path, p.constData(), static_cast<size_t>(p.size()));
        ::bind(m_fd, reinterpret_cast<sockaddr *>(&a), sizeof a);
        ::listen(m_fd, 1);
        m_thread = std::thread([this, answer, holdMs] {
            const int c = ::accept(m_fd, nullptr, nullptr);
            if (c < 0)
                return;
            QByteArray req;
            char buf[4096];
            while (!req.contains("\r\n\r\n")) {
                const ssize_t n = ::read(c, buf, sizeof buf);
                if (n <= 0)
                    break;
                req.append(buf, n);
            }
            ::send(c, answer.constData(), static_cast<size_t>(answer.size()), MSG_NOSIGNAL);
            if (holdMs > 0)
                QThread::msleep(static_cast<unsigned long>(holdMs));
            ::close(c);
        });
    }
    ~ScriptedServer()
    {
        ::shutdown(m_fd, SHUT_RDWR);
        m_thread.join();
        ::close(m_fd);
        QFile::remove(m_path);
    }

private:
    QString m_path;
    int m_fd = -1;
    std::thread m_thread;
};

} // namespace

class TestEngine : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    test::PodmanService m_podman;
    QString m_socket;
    QString m_privateTmp; // TMPDIR while opening: must be left empty

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        const QString err = m_podman.start(
            {test::fixture(u"good/docker-archive.tar"_s), test::fixture(u"good/docker-archive-v2.tar"_s)});
        QVERIFY2(err.isEmpty(), qPrintable(err));
        m_socket = m_podman.socketPath();
        qputenv("DOCKER_HOST", (u"unix://"_s + m_socket).toUtf8());
        m_privateTmp = m_tmp.filePath(u"spool"_s);
        QVERIFY(QDir().mkpath(m_privateTmp));
    }

    void findsTheSocket_data()
    {
        QTest::addColumn<QString>("dockerHost");
        QTest::addColumn<QString>("xdg");
        QTest::addColumn<int>("code"); // -1: found
        QTest::addColumn<QString>("expected");
        QTest::newRow("DOCKER_HOST unix") << u"unix:///x/docker.sock"_s << QString() << -1 << u"/x/docker.sock"_s;
        QTest::newRow("DOCKER_HOST tcp") << u"tcp://127.0.0.1:2375"_s << QString() << int(ErrorCode::Unsupported)
                                         << u"only over a local Unix socket"_s;
        QTest::newRow("DOCKER_HOST ssh") << u"ssh://me@host"_s << QString() << int(ErrorCode::Unsupported)
                                         << u"unix://PATH"_s;
        const bool systemSocket =
            QFileInfo::exists(u"/var/run/docker.sock"_s) || QFileInfo::exists(u"/run/podman/podman.sock"_s);
        if (!systemSocket) {
            QTest::newRow("rootless podman") << QString() << m_tmp.filePath(u"xdg-rootless"_s) << -1
                                             << m_tmp.filePath(u"xdg-rootless/podman/podman.sock"_s);
            QTest::newRow("nothing")
                << QString() << m_tmp.filePath(u"xdg-none"_s) << int(ErrorCode::NotFound)
                << u"no container engine socket found (tried /var/run/docker.sock, /run/podman/podman.sock"_s;
        }
    }
    void findsTheSocket()
    {
        QFETCH(QString, dockerHost);
        QFETCH(QString, xdg);
        QFETCH(int, code);
        QFETCH(QString, expected);
        QProcessEnvironment env;
        if (!dockerHost.isEmpty())
            env.insert(u"DOCKER_HOST"_s, dockerHost);
        if (!xdg.isEmpty()) {
            env.insert(u"XDG_RUNTIME_DIR"_s, xdg);
            if (code < 0) {
                QVERIFY(QDir().mkpath(xdg + u"/podman"_s));
                QFile f(xdg + u"/podman/podman.sock"_s);
                QVERIFY(f.open(QIODevice::WriteOnly));
            }
        }
        Result<EngineEndpoint> e = findEngine(env);
        if (code < 0) {
            QVERIFY2(e, qPrintable(e ? QString() : e.error().toString()));
            QCOMPARE(e->socketPath, expected);
        } else {
            QVERIFY(!e);
            QCOMPARE(int(e.error().code), code);
            QVERIFY2(e.error().message.contains(expected), qPrintable(e.error().message));
        }
    }

    void listMatchesPodman()
    {
        Result<EngineEndpoint> ep = findEngine();
        QVERIFY(ep);
        QCOMPARE(ep->socketPath, m_socket);
        const EngineClient client(ep.value());
        Result<EngineInfo> info = client.version();
        QVERIFY2(info, qPrintable(info ? QString() : info.error().toString()));
        QCOMPARE(info->product, u"Podman Engine"_s);
        Result<QList<EngineImage>> list = client.listImages();
        QVERIFY2(list, qPrintable(list ? QString() : list.error().toString()));

        QByteArray out;
        const QString err = m_podman.run({u"images"_s, u"--digests"_s, u"--format"_s, u"json"_s}, &out);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        const QJsonArray expected = QJsonDocument::fromJson(out).array();
        QCOMPARE(list->size(), expected.size());
        QCOMPARE(list->size(), 2);
        for (const QJsonValue &v : expected) {
            const QJsonObject o = v.toObject();
            const QString id = u"sha256:"_s + o.value("Id"_L1).toString();
            const auto it = std::find_if(list->begin(), list->end(), [&](const EngineImage &i) { return i.id == id; });
            QVERIFY2(it != list->end(), qPrintable(id));
            QStringList names;
            for (const QJsonValue &n : o.value("Names"_L1).toArray())
                names << n.toString();
            QCOMPARE(it->repoTags, names);
            QStringList digests;
            for (const QJsonValue &n : o.value("RepoDigests"_L1).toArray())
                digests << n.toString();
            QCOMPARE(it->repoDigests, digests);
            QCOMPARE(it->size, o.value("Size"_L1).toInteger());
        }
        // As `docker images --digests` lays them out: one row per tag, the digest of that repository.
        const QList<EngineImageRow> rows = engineImageRows(list.value());
        QCOMPARE(rows.size(), 2);
        for (const EngineImageRow &r : rows) {
            QCOMPARE(r.repository, u"docker.io/strata/sample"_s);
            QVERIFY(r.tag == u"v1" || r.tag == u"v2");
            QVERIFY(r.repoDigest.startsWith(u"sha256:"_s));
            QCOMPARE(r.reference, u"docker.io/strata/sample:"_s + r.tag);
        }
    }

    void openVerifies_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("truthKey");
        QTest::newRow("name:tag") << u"strata/sample:v1"_s << u"good/docker-archive.tar"_s;
        QTest::newRow("full name") << u"docker.io/strata/sample:v2"_s << u"good/docker-archive-v2.tar"_s;
        QTest::newRow("image ID") << test::truth(u"good/docker-archive.tar"_s).value("configDigest"_L1).toString()
                                  << u"good/docker-archive.tar"_s;
    }
    void openVerifies()
    {
        QFETCH(QString, reference);
        QFETCH(QString, truthKey);
        const QJsonObject t = test::truth(truthKey);
        const QByteArray oldTmp = qgetenv("TMPDIR");
        qputenv("TMPDIR", m_privateTmp.toUtf8());
        JobContext job;
        Result<ImageGraphPtr> g = SourceOpener::open(u"docker-daemon:"_s + reference, &job);
        qputenv("TMPDIR", oldTmp);
        QVERIFY2(g, qPrintable(g ? QString() : g.error().toString()));
        // The spooled archive was removed at once: the open descriptor alone keeps it readable.
        QCOMPARE(QDir(m_privateTmp).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
        QVERIFY(job.done() > 0);
        const ImageGraph &graph = *g.value();
        QCOMPARE(graph.images.size(), 1);
        const ImageInfo &img = graph.images.first();
        QCOMPARE(graph.nodes[img.configNode].digest().toString(), t.value("configDigest"_L1).toString());
        QVERIFY(img.config);
        QStringList diffIds;
        for (const Digest &d : img.config->diffIds)
            diffIds << d.toString();
        QStringList expectedDiffIds;
        for (const QJsonValue &v : t.value("diffIds"_L1).toArray())
            expectedDiffIds << v.toString();
        QCOMPARE(diffIds, expectedDiffIds);
        QVERIFY(graph.format.contains(u"Podman Engine"_s));
        QVERIFY(graph.nodes[0].note.contains(EngineSource::repoDigestExplanation()));
        QVERIFY(graph.nodes[0].note.contains(u"docker.io/strata/sample@sha256:"_s));
        QVERIFY2(graph.problems.isEmpty(), qPrintable(problemsText(graph.problems)));
        const VerifyReport r = Verifier::run(graph, {});
        QVERIFY2(r.ok(), qPrintable(problemsText(r.problems)));
        for (const int l : img.layerNodes)
            QCOMPARE(r.results.value(l).status, CheckStatus::Verified);
    }

    void openErrors_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("dockerHost");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("text");
        QTest::newRow("unknown image") << u"docker-daemon:strata/nope:v1"_s << QString() << int(ErrorCode::NotFound)
                                       << u"the engine has no image \"strata/nope:v1\""_s;
        QTest::newRow("traversal") << u"docker-daemon:../../version"_s << QString() << int(ErrorCode::Malformed)
                                   << u"not an image name"_s;
        QTest::newRow("query in name") << u"docker-daemon:x?y=1"_s << QString() << int(ErrorCode::Malformed)
                                       << u"not an image name"_s;
        QTest::newRow("no engine") << u"docker-daemon:strata/sample:v1"_s
                                   << u"unix://"_s + m_tmp.filePath(u"nobody.sock"_s) << int(ErrorCode::NotFound)
                                   << u"cannot reach the container engine"_s;
        QTest::newRow("tcp engine") << u"docker-daemon:strata/sample:v1"_s << u"tcp://127.0.0.1:1"_s
                                    << int(ErrorCode::Unsupported) << u"Unix socket"_s;
    }
    void openErrors()
    {
        QFETCH(QString, spec);
        QFETCH(QString, dockerHost);
        QFETCH(int, code);
        QFETCH(QString, text);
        const QByteArray old = qgetenv("DOCKER_HOST");
        if (!dockerHost.isEmpty())
            qputenv("DOCKER_HOST", dockerHost.toUtf8());
        Result<ImageGraphPtr> g = SourceOpener::open(spec);
        qputenv("DOCKER_HOST", old);
        QVERIFY(!g);
        QCOMPARE(int(g.error().code), code);
        QVERIFY2(g.error().message.contains(text), qPrintable(g.error().toString()));
    }

    void canceledOpen()
    {
        JobContext job;
        job.cancel();
        Result<ImageGraphPtr> g = SourceOpener::open(u"docker-daemon:strata/sample:v1"_s, &job);
        QVERIFY(!g);
        QCOMPARE(g.error().code, ErrorCode::Canceled);
    }

    void httpFraming_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<int>("code"); // -1: success
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("content-length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello") << -1
                                        << QByteArray("hello");
        QTest::newRow("chunked with extension and trailer")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nhel\r\n2\r\nlo\r\n0\r\nX-T: "
                          "1\r\n\r\n")
            << -1 << QByteArray("hello");
        QTest::newRow("to end of stream") << QByteArray("HTTP/1.0 200 OK\r\n\r\nhello") << -1 << QByteArray("hello");
        QTest::newRow("100 continue first")
            << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") << -1
            << QByteArray("ok");
        QTest::newRow("truncated body") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nhello")
                                        << int(ErrorCode::Unavailable) << QByteArray(); // a dropped connection
        QTest::newRow("bad chunk size")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n")
            << int(ErrorCode::Malformed) << QByteArray();
        QTest::newRow("chunk longer than declared")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhello\r\n0\r\n\r\n")
            << int(ErrorCode::Malformed) << QByteArray();
        QTest::newRow("huge chunk size")
            << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n")
            << int(ErrorCode::Malformed) << QByteArray();
        QTest::newRow("not http") << QByteArray("SSH-2.0-OpenSSH\r\n\r\n") << int(ErrorCode::Malformed) << QByteArray();
        QTest::newRow("headers too large") << QByteArray("HTTP/1.1 200 OK\r\nX: " + QByteArray(70000, 'a') + "\r\n\r\n")
                                           << int(ErrorCode::TooLarge) << QByteArray();
        QTest::newRow("body over the cap")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 2000\r\n\r\n" + QByteArray(2000, 'x'))
            << int(ErrorCode::TooLarge) << QByteArray();
        QTest::newRow("silent server") << QByteArray() << int(ErrorCode::Unavailable) << QByteArray();
    }
    void httpFraming()
    {
        QFETCH(QByteArray, answer);
        QFETCH(int, code);
        QFETCH(QByteArray, body);
        const QString path = m_tmp.filePath(u"scripted.sock"_s);
        ScriptedServer server(path, answer, answer.isEmpty() ? 1500 : 0);
        UnixHttpOptions opt;
        opt.idleTimeoutMs = 500;
        Result<HttpResponse> r = UnixHttpClient(path, opt).getSmall("/x", 1024);
        if (code < 0) {
            QVERIFY2(r, qPrintable(r ? QString() : r.error().toString()));
            QCOMPARE(r->body, body);
        } else {
            QVERIFY(!r);
            QCOMPARE(int(r.error().code), code);
        }
    }
};

STRATA_TEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
