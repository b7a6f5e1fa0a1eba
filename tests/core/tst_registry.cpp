// SPDX-License-Identifier: MIT
// The registry source against real servers: docker-registry (anonymous, htpasswd, token auth) on
// 127.0.0.1, images pushed with skopeo from the fixture images, a token issuer started here.
#include "tests/common/hermeticenv.h"
#include "tests/common/testutil.h"
#include "tests/core/registryserver.h"

#include "core/registry/authchallenge.h"
#include "core/registry/credentials.h"
#include "core/registry/registryclient.h"
#include "core/registry/registryreference.h"
#include "core/sources/sourceopener.h"
#include "core/verify/verifier.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace strata;
using namespace strata::test;

namespace {

Result<ImageGraphPtr> openRef(const QString &text)
{
    return SourceOpener::open(u"docker://"_s + text);
}

int countProblems(const VerifyReport &r, ProblemKind k)
{
    return static_cast<int>(
        std::count_if(r.problems.begin(), r.problems.end(), [k](const Problem &p) { return p.kind == k; }));
}

void writeFile(const QString &path, const QByteArray &bytes, bool executable = false)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
    f.close();
    if (executable)
        f.setPermissions(f.permissions() | QFileDevice::ExeOwner | QFileDevice::ExeUser);
}

// PUTs the manifest of REPO:FROM again under each tag (skopeo would re-check every blob each time).
void addTags(const QString &host, const QString &repo, const QString &from, const QStringList &tags,
             const QStringList &curlAuth = {})
{
    QString out;
    QTemporaryDir tmp;
    const QString file = tmp.filePath(u"m.json"_s);
    QVERIFY2(
        runTool(u"skopeo"_s,
                {u"inspect"_s, u"--raw"_s, u"--tls-verify=false"_s, u"docker://"_s + host + u'/' + repo + u':' + from},
                &out),
        qPrintable(out));
    writeFile(file, out.toUtf8());
    QString type = QJsonDocument::fromJson(out.toUtf8()).object().value("mediaType"_L1).toString();
    if (type.isEmpty()) // umoci's OCI manifests carry no mediaType field
        type = u"application/vnd.oci.image.manifest.v1+json"_s;
    for (const QString &t : tags) {
        QStringList args{u"-sSf"_s,          u"-X"_s,    u"PUT"_s, u"-H"_s, u"Content-Type: "_s + type,
                         u"--data-binary"_s, u'@' + file};
        args << curlAuth << u"http://%1/v2/%2/manifests/%3"_s.arg(host, repo, t);
        QVERIFY2(runTool(u"curl"_s, args, &out), qPrintable(out));
    }
}

} // namespace

class TstRegistry : public QObject
{
    Q_OBJECT

    RegistryServer m_anon;
    QTemporaryDir m_work;
    QString m_host;
    QString m_indexDigest;
    QStringList m_pushed;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(strataBinary()).isExecutable(),
                 "STRATA_BIN must name the strata executable (ctest sets it)");
        qputenv("DOCKER_CONFIG", m_work.filePath(u"no-docker-config"_s).toUtf8());
        QString err;
        QVERIFY2(m_anon.start(RegistryServer::Auth::None, &err), qPrintable(err));
        m_host = m_anon.host();
        const QString g = fixture(u"good/"_s);
        QString out;
        // Manifests of each kind: OCI (gzip, zstd, uncompressed layers), Docker schema 2, an OCI index, a Docker list.
        QVERIFY2(push(u"oci:"_s + g + u"oci-gzip:v1"_s, m_host, u"strata/sample:v1"_s, {}, &out), qPrintable(out));
        QVERIFY2(
            push(u"oci:"_s + g + u"oci-gzip:v1"_s, m_host, u"strata/docker:v1"_s, {u"--format"_s, u"v2s2"_s}, &out),
            qPrintable(out));
        QVERIFY2(push(u"oci:"_s + g + u"oci-plain:v1"_s, m_host, u"strata/plain:v1"_s, {}, &out), qPrintable(out));
        QVERIFY2(push(u"oci:"_s + g + u"oci-zstd:v1"_s, m_host, u"strata/zstd:v1"_s, {}, &out), qPrintable(out));
        const QString layout = m_work.filePath(u"multi-layout"_s);
        QVERIFY2(runTool(u"bash"_s,
                         {QStringLiteral(STRATA_SOURCE_DIR) + u"/tests/registry/make-index-layout.sh"_s,
                          g + u"oci-multi"_s, layout},
                         &out),
                 qPrintable(out));
        m_indexDigest = out.trimmed();
        QVERIFY2(push(u"oci:"_s + layout + u":multi"_s, m_host, u"strata/multi:latest"_s, {u"--all"_s}, &out),
                 qPrintable(out));
        QVERIFY2(push(u"oci:"_s + layout + u":multi"_s, m_host, u"strata/list:latest"_s,
                      {u"--all"_s, u"--format"_s, u"v2s2"_s}, &out),
                 qPrintable(out));
        // Images whose third layer no other repository shares, to damage on disk.
        QVERIFY2(push(u"oci:"_s + g + u"oci-v2:v2"_s, m_host, u"strata/corrupt:v2"_s, {}, &out), qPrintable(out));
        QVERIFY2(push(u"oci:"_s + g + u"oci-large:large"_s, m_host, u"strata/deleted:large"_s, {}, &out),
                 qPrintable(out));
        // 30 tags for pagination.
        QStringList tags;
        for (int i = 0; i < 30; ++i)
            tags << u"t%1"_s.arg(i, 2, 10, QChar(u'0'));
        addTags(m_host, u"strata/sample"_s, u"v1"_s, tags);
    }

    void reference_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected"); // toString(), or "error"
        QTest::newRow("host-port-tag") << u"127.0.0.1:5000/a/b:v1"_s << u"127.0.0.1:5000/a/b:v1"_s;
        QTest::newRow("default-tag") << u"localhost/app"_s << u"localhost/app:latest"_s;
        QTest::newRow("hub-library") << u"alpine"_s << u"registry-1.docker.io/library/alpine:latest"_s;
        QTest::newRow("hub-user") << u"docker.io/user/app:1"_s << u"registry-1.docker.io/user/app:1"_s;
        QTest::newRow("digest")
            << u"r.example/x@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"_s
            << u"r.example/x@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"_s;
        QTest::newRow("upper-repo") << u"r.example/App:v1"_s << u"error"_s;
        QTest::newRow("bad-tag") << u"r.example/app:-x"_s << u"error"_s;
        QTest::newRow("bad-digest") << u"r.example/app@sha256:../../etc"_s << u"error"_s;
        QTest::newRow("traversal") << u"r.example/../etc:v1"_s << u"error"_s;
        QTest::newRow("empty") << QString() << u"error"_s;
        // Short enough as typed, too long once Docker Hub's host and "library/" are spelled out.
        QTest::newRow("long-once-normalised") << u"a@x:"_s + QString(500, u'b') << u"error"_s;
        QTest::newRow("long-but-complete")
            << u"r.example/a@x:"_s + QString(490, u'b') << u"r.example/a@x:"_s + QString(490, u'b');
    }
    void reference()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        Result<RegistryReference> r = RegistryReference::parse(text);
        if (expected == u"error") {
            QVERIFY(!r);
            QCOMPARE(r.error().code, ErrorCode::Malformed);
        } else {
            QVERIFY2(r, qPrintable(r ? QString() : r.error().toString()));
            QCOMPARE(r->toString(), expected);
            // What Strata shows parses back to itself.
            const Result<RegistryReference> again = RegistryReference::parse(r->toString());
            QVERIFY2(again, qPrintable(again ? QString() : again.error().toString()));
            QCOMPARE(again->toString(), expected);
        }
    }

    void challenges_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("expected"); // "scheme{k=v,…};…"
        QTest::newRow("bearer")
            << QByteArray("Bearer "
                          "realm=\"https://auth.docker.io/"
                          "token\",service=\"registry.docker.io\",scope=\"repository:samalba/my-app:pull,push\"")
            << u"bearer{realm=https://auth.docker.io/token,scope=repository:samalba/my-app:pull,push,service=registry.docker.io}"_s;
        QTest::newRow("basic") << QByteArray("Basic realm=\"strata\"") << u"basic{realm=strata}"_s;
        QTest::newRow("two") << QByteArray("Basic realm=\"a\", Bearer realm=\"b\",error=\"insufficient_scope\"")
                             << u"basic{realm=a};bearer{error=insufficient_scope,realm=b}"_s;
        QTest::newRow("escaped") << QByteArray("Bearer realm=\"a\\\"b\"") << u"bearer{realm=a\"b}"_s;
        QTest::newRow("token68") << QByteArray("Negotiate dXNlcg==, Basic realm=x") << u"negotiate{};basic{realm=x}"_s;
        QTest::newRow("unterminated") << QByteArray("Bearer realm=\"abc") << u"bearer{realm=abc}"_s;
        QTest::newRow("garbage") << QByteArray("=,,\"\x01") << QString();
        QTest::newRow("empty") << QByteArray() << QString();
    }
    void challenges()
    {
        QFETCH(QByteArray, header);
        QFETCH(QString, expected);
        QStringList parts;
        for (const AuthChallenge &c : parseAuthChallenges(header)) {
            QStringList kv;
            for (auto it = c.params.begin(); it != c.params.end(); ++it)
                kv << it.key() + u'=' + it.value();
            parts << c.scheme + u'{' + kv.join(u',') + u'}';
        }
        QCOMPARE(parts.join(u';'), expected);
    }

    void nextLink()
    {
        QCOMPARE(RegistryClient::nextLink("</v2/_catalog?last=b&n=2>; rel=\"next\""), u"/v2/_catalog?last=b&n=2"_s);
        QCOMPARE(RegistryClient::nextLink("<https://x/a>; rel=\"prev\", <https://x/b>; rel=next"), u"https://x/b"_s);
        QCOMPARE(RegistryClient::nextLink(""), QString());
    }

    void kinds_data()
    {
        QTest::addColumn<QString>("repo");
        QTest::addColumn<QString>("rootType");
        QTest::addColumn<int>("images");
        QTest::newRow("oci-manifest") << u"strata/sample:v1"_s << u"application/vnd.oci.image.manifest.v1+json"_s << 1;
        QTest::newRow("docker-schema2") << u"strata/docker:v1"_s
                                        << u"application/vnd.docker.distribution.manifest.v2+json"_s << 1;
        QTest::newRow("oci-uncompressed")
            << u"strata/plain:v1"_s << u"application/vnd.oci.image.manifest.v1+json"_s << 1;
        QTest::newRow("oci-zstd") << u"strata/zstd:v1"_s << u"application/vnd.oci.image.manifest.v1+json"_s << 1;
        QTest::newRow("oci-index") << u"strata/multi:latest"_s << u"application/vnd.oci.image.index.v1+json"_s << 2;
        QTest::newRow("docker-list") << u"strata/list:latest"_s
                                     << u"application/vnd.docker.distribution.manifest.list.v2+json"_s << 2;
        QTest::newRow("tag-alias") << u"strata/sample:t29"_s << u"application/vnd.oci.image.manifest.v1+json"_s << 1;
    }
    void kinds()
    {
        QFETCH(QString, repo);
        QFETCH(QString, rootType);
        QFETCH(int, images);
        Result<ImageGraphPtr> g = openRef(m_host + u'/' + repo);
        QVERIFY2(g, qPrintable(g ? QString() : g.error().toString()));
        const ImageGraph &graph = *g.value();
        QVERIFY2(graph.problems.isEmpty(), qPrintable(problemsText(graph.problems)));
        QVERIFY(graph.format.startsWith(u"registry"_s));
        QCOMPARE(graph.nodes[2].descriptor->mediaType, rootType);
        QCOMPARE(graph.images.size(), images);
        for (const ImageInfo &img : graph.images)
            QCOMPARE(img.layerNodes.size(), 3);
        const VerifyReport r = Verifier::run(graph, {});
        QVERIFY2(r.ok(), qPrintable(problemsText(r.problems)));
        int verifiedLayers = 0;
        for (const Node &n : graph.nodes)
            if (n.kind == NodeKind::Layer && r.results.value(n.id).status == CheckStatus::Verified)
                ++verifiedLayers;
        QCOMPARE(verifiedLayers, 3 * images);
    }

    void truthMatches()
    {
        // The OCI push keeps every byte: the same manifest, config and layer digests as skopeo saw locally.
        const QJsonObject t = truth(u"good/oci-gzip"_s);
        Result<ImageGraphPtr> g = openRef(m_host + u"/strata/sample:v1"_s);
        QVERIFY(g);
        const ImageGraph &graph = *g.value();
        const ImageInfo &img = graph.images.first();
        QCOMPARE(graph.nodes[img.manifestNode].digest().toString(), t.value("manifestDigest"_L1).toString());
        QCOMPARE(graph.nodes[img.configNode].digest().toString(), t.value("configDigest"_L1).toString());
        const QJsonArray layers = t.value("layers"_L1).toArray();
        QCOMPARE(img.layerNodes.size(), layers.size());
        for (int i = 0; i < layers.size(); ++i)
            QCOMPARE(graph.nodes[img.layerNodes[i]].digest().toString(),
                     layers[i].toObject().value("digest"_L1).toString());
        // By digest: the same image.
        Result<ImageGraphPtr> byDigest =
            openRef(m_host + u"/strata/sample@"_s + t.value("manifestDigest"_L1).toString());
        QVERIFY2(byDigest, qPrintable(byDigest ? QString() : byDigest.error().toString()));
        QCOMPARE(byDigest.value()->images.size(), 1);
        // The index pushed by digest: the one make-index-layout.sh wrote.
        Result<ImageGraphPtr> idx = openRef(m_host + u"/strata/multi@"_s + m_indexDigest);
        QVERIFY2(idx, qPrintable(idx ? QString() : idx.error().toString()));
        QCOMPARE(idx.value()->images.size(), 2);
        QCOMPARE(idx.value()->images[1].platform.toString(), u"linux/arm64"_s);
    }

    void catalogPagination()
    {
        RegistryClient c(m_host, {});
        Result<QStringList> all = c.listRepositories(3);
        QVERIFY2(all, qPrintable(all ? QString() : all.error().toString()));
        const QStringList expected{u"strata/corrupt"_s, u"strata/deleted"_s, u"strata/docker"_s, u"strata/list"_s,
                                   u"strata/multi"_s,   u"strata/plain"_s,   u"strata/sample"_s, u"strata/zstd"_s};
        QCOMPARE(all.value(), expected);
        Result<QStringList> capped = c.listRepositories(3, nullptr, 4);
        QVERIFY(capped);
        QCOMPARE(capped->size(), 4);
    }

    void tagsPagination()
    {
        RegistryClient c(m_host, {});
        Result<QStringList> tags = c.listTags(u"strata/sample"_s, 10);
        QVERIFY2(tags, qPrintable(tags ? QString() : tags.error().toString()));
        // distribution 2.8 pages in its own (storage) order, so compare as sorted lists: every tag once.
        QStringList expected{u"v1"_s};
        for (int i = 0; i < 30; ++i)
            expected << u"t%1"_s.arg(i, 2, 10, QChar(u'0'));
        expected.sort();
        QStringList got = tags.value();
        got.sort();
        QCOMPARE(got, expected);
        Result<QStringList> unpaged = c.listTags(u"strata/sample"_s, 0);
        QVERIFY(unpaged);
        got = unpaged.value();
        got.sort();
        QCOMPARE(got, expected);
        Result<QStringList> none = c.listTags(u"strata/nothing"_s, 10);
        QVERIFY(!none);
        QCOMPARE(none.error().code, ErrorCode::NotFound);
        QVERIFY2(none.error().message.contains(u"repository \"strata/nothing\" does not exist"_s),
                 qPrintable(none.error().message));
    }

    void errors_data()
    {
        QTest::addColumn<QString>("ref");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("fragment");
        const QString zero = u"sha256:"_s + QString(64, u'0');
        QTest::newRow("unknown-repo") << u"strata/nothing:v1"_s << int(ErrorCode::NotFound)
                                      << u"repository \"strata/nothing\" does not exist"_s;
        QTest::newRow("unknown-tag") << u"strata/sample:nope"_s << int(ErrorCode::NotFound)
                                     << u"no tag \"nope\" in repository \"strata/sample\""_s;
        QTest::newRow("unknown-digest") << u"strata/sample@"_s + zero << int(ErrorCode::NotFound)
                                        << u"no manifest "_s + zero;
    }
    void errors()
    {
        QFETCH(QString, ref);
        QFETCH(int, code);
        QFETCH(QString, fragment);
        Result<ImageGraphPtr> g = openRef(m_host + u'/' + ref);
        QVERIFY(!g);
        QCOMPARE(int(g.error().code), code);
        QVERIFY2(g.error().message.contains(fragment), qPrintable(g.error().toString()));
    }

    void unreachable()
    {
        const quint16 port = freePort(); // nothing listens there
        Result<ImageGraphPtr> g = openRef(u"127.0.0.1:%1/strata/sample:v1"_s.arg(port));
        QVERIFY(!g);
        QCOMPARE(g.error().code, ErrorCode::Unavailable); // issue 21: the network, not the image
        QVERIFY2(g.error().message.contains(u"unreachable"_s), qPrintable(g.error().toString()));
    }

    void misbehavingServer_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<int>("code"); // -1: success
        QTest::addColumn<QString>("fragment");
        QTest::newRow("good") << u"good"_s << -1 << QString();
        QTest::newRow("redirect-same-host") << u"redirect-same"_s << -1 << QString();
        QTest::newRow("redirect-other-host") << u"redirect-other"_s << -1 << QString();
        QTest::newRow("redirect-loop") << u"redirect-loop"_s << int(ErrorCode::Io) << u"more than 10 redirects"_s;
        QTest::newRow("announced-digest-lies")
            << u"lying"_s << int(ErrorCode::Malformed) << u"digest mismatch: the registry announced sha256:1111"_s;
        QTest::newRow("rate-limited") << u"limited"_s << int(ErrorCode::Io) << u"(HTTP 429); retry after 7 s"_s;
        QTest::newRow("oversized-manifest") << u"big"_s << int(ErrorCode::TooLarge) << u"over the 4194304-byte limit"_s;
        QTest::newRow("stalled-body") << u"stall"_s << int(ErrorCode::Unavailable) << u"stopped answering"_s;
        QTest::newRow("unknown") << u"nothing"_s << int(ErrorCode::NotFound) << u"no tag \"nothing\""_s;
    }
    void misbehavingServer()
    {
        QFETCH(QString, reference);
        QFETCH(int, code);
        QFETCH(QString, fragment);
        QTemporaryDir dir;
        const quint16 port = freePort();
        const quint16 other = freePort();
        QProcess server;
        server.start(u"python3"_s, {QStringLiteral(STRATA_SOURCE_DIR) + u"/tests/registry/fakeregistry.py"_s,
                                    u"--port"_s, QString::number(port), u"--other-port"_s, QString::number(other),
                                    u"--log"_s, dir.filePath(u"other.log"_s)});
        QVERIFY(waitForPort(port, server, 20000) && waitForPort(other, server, 20000));
        RegistryOptions o;
        o.credential = RegistryCredential{u"u"_s, u"p"_s, false, {}, u"test"_s};
        o.stallTimeoutMs = 1500;
        RegistryClient c(u"127.0.0.1:%1"_s.arg(port), o);
        Result<ManifestResponse> m = c.fetchManifest(u"r"_s, reference);
        server.terminate();
        server.waitForFinished(5000);
        if (code < 0) {
            QVERIFY2(m, qPrintable(m ? QString() : m.error().toString()));
            QCOMPARE(m->mediaType, u"application/vnd.oci.image.manifest.v1+json"_s);
            QCOMPARE(m->digest.toString(), m->announced);
        } else {
            QVERIFY(!m);
            QCOMPARE(int(m.error().code), code);
            QVERIFY2(m.error().message.contains(fragment), qPrintable(m.error().toString()));
        }
        if (reference == u"redirect-other") {
            QFile log(dir.filePath(u"other.log"_s));
            QVERIFY(log.open(QIODevice::ReadOnly));
            QCOMPARE(log.readAll(), QByteArray("no-auth\n")); // the password did not follow to another host
        }
    }

    // Before corruptedBlob: strata/multi shares its v2 layers with strata/corrupt (one blob store).
    void cliVerifyAndLs()
    {
        QProcess p;
        p.start(strataBinary(),
                {u"verify"_s, u"--tls-verify=true"_s, u"docker://"_s + m_host + u"/strata/multi:latest"_s});
        QVERIFY(p.waitForFinished(120000));
        QString out = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
        QVERIFY2(p.exitCode() == 0, qPrintable(out.right(1500)));
        p.start(strataBinary(), {u"ls"_s, u"--platform"_s, u"linux/amd64"_s,
                                 u"docker://"_s + m_host + u"/strata/multi:latest"_s, u"usr/bin"_s});
        QVERIFY(p.waitForFinished(120000));
        out = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
        QVERIFY2(p.exitCode() == 0 && out.contains(u"usr/bin/hello"_s), qPrintable(out));
        p.start(strataBinary(),
                {u"diff"_s, u"docker://"_s + m_host + u"/strata/sample:v1"_s, fixture(u"good/oci-gzip"_s)});
        QVERIFY(p.waitForFinished(120000));
        out = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
        QVERIFY2(p.exitCode() == 0, qPrintable(out.right(1500)));
        p.start(strataBinary(),
                {u"inspect"_s, u"--tls-verify=maybe"_s, u"docker://"_s + m_host + u"/strata/sample:v1"_s});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY(p.exitCode() != 0);
    }

    void corruptedBlob()
    {
        Result<ImageGraphPtr> g = openRef(m_host + u"/strata/corrupt:v2"_s);
        QVERIFY(g);
        const ImageGraph &graph = *g.value();
        const Node &layer = graph.nodes[graph.images.first().layerNodes.last()];
        const QString data = m_anon.blobData(layer.digest().toString());
        QFile f(data);
        QVERIFY2(f.open(QIODevice::ReadWrite), qPrintable(data));
        const qint64 mid = f.size() / 2;
        f.seek(mid);
        char c = 0;
        f.getChar(&c);
        f.seek(mid);
        f.putChar(char(c ^ 1));
        f.close();
        const VerifyReport r = Verifier::run(graph, {});
        QVERIFY(!r.ok());
        QCOMPARE(r.results.value(layer.id).status, CheckStatus::Mismatch);
        QCOMPARE(countProblems(r, ProblemKind::DigestMismatch), 1);
        // The CLI says so too, with a non-zero exit code.
        QProcess p;
        p.start(strataBinary(), {u"verify"_s, u"docker://"_s + m_host + u"/strata/corrupt:v2"_s});
        QVERIFY(p.waitForFinished(120000));
        const QString out = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
        QVERIFY2(p.exitCode() != 0, qPrintable(out));
        QVERIFY2(out.contains(u"digest-mismatch"_s) || out.contains(u"MISMATCH"_s, Qt::CaseInsensitive),
                 qPrintable(out));
    }

    void deletedBlob()
    {
        Result<ImageGraphPtr> before = openRef(m_host + u"/strata/deleted:large"_s);
        QVERIFY(before);
        const ImageGraph &graph = *before.value();
        const Node &layer = graph.nodes[graph.images.first().layerNodes.last()];
        QVERIFY(QFile::remove(m_anon.blobData(layer.digest().toString())));
        // Opened after the deletion: the layer is a missing blob, named as such.
        Result<ImageGraphPtr> g = openRef(m_host + u"/strata/deleted:large"_s);
        QVERIFY2(g, qPrintable(g ? QString() : g.error().toString()));
        QCOMPARE(g.value()->problems.size(), 1);
        const Problem &p = g.value()->problems.first();
        QCOMPARE(p.kind, ProblemKind::MissingBlob);
        QVERIFY2(p.message.contains(u"has no blob "_s + layer.digest().toString()), qPrintable(p.message));
        // Opened before it: verification meets the 404 while fetching.
        const VerifyReport r = Verifier::run(graph, {});
        QVERIFY(!r.ok());
        QVERIFY2(problemsText(r.problems).contains(u"has no blob"_s), qPrintable(problemsText(r.problems)));
    }

    void basicAuth()
    {
        RegistryServer reg;
        QString err;
        QVERIFY2(reg.start(RegistryServer::Auth::Htpasswd, &err, {u"alice:s3cret"_s}), qPrintable(err));
        QString out;
        QVERIFY2(push(u"oci:"_s + fixture(u"good/oci-gzip:v1"_s), reg.host(), u"private/app:v1"_s,
                      {u"--dest-creds"_s, u"alice:s3cret"_s}, &out),
                 qPrintable(out));
        const QString ref = reg.host() + u"/private/app:v1"_s;
        const QString cfgDir = m_work.filePath(u"basic-config"_s);
        qputenv("DOCKER_CONFIG", cfgDir.toUtf8());

        // No credentials anywhere: the realm is named.
        Result<ImageGraphPtr> anon = openRef(ref);
        QVERIFY(!anon);
        QVERIFY2(anon.error().message.contains(u"strata-basic-realm"_s) &&
                     anon.error().message.contains(u"no credentials"_s),
                 qPrintable(anon.error().toString()));

        // auths with the wrong password: refused, and the message says where the credentials came from.
        writeFile(cfgDir + u"/config.json"_s,
                  u"{\"auths\":{\"%1\":{\"auth\":\"%2\"}}}"_s
                      .arg(reg.host(), QString::fromLatin1(QByteArray("alice:wrong").toBase64()))
                      .toUtf8());
        Result<ImageGraphPtr> wrong = openRef(ref);
        QVERIFY(!wrong);
        QVERIFY2(wrong.error().message.contains(u"authentication failed"_s) &&
                     wrong.error().message.contains(u"config.json"_s),
                 qPrintable(wrong.error().toString()));
        QVERIFY(!wrong.error().toString().contains(u"wrong"_s));

        // auths, right password: opens and verifies.
        writeFile(cfgDir + u"/config.json"_s,
                  u"{\"auths\":{\"%1\":{\"auth\":\"%2\"}}}"_s
                      .arg(reg.host(), QString::fromLatin1(QByteArray("alice:s3cret").toBase64()))
                      .toUtf8());
        Result<ImageGraphPtr> g = openRef(ref);
        QVERIFY2(g, qPrintable(g ? QString() : g.error().toString()));
        QVERIFY(Verifier::run(*g.value(), {}).ok());

        // credHelpers: a helper script on PATH answers the protocol.
        const QString bin = m_work.filePath(u"helper-bin"_s);
        writeFile(bin + u"/docker-credential-strata-test"_s,
                  u"#!/bin/sh\n[ \"$1\" = get ] || exit 1\nread host\n"
                  "if [ \"$host\" = \"%1\" ]; then echo "
                  "'{\"ServerURL\":\"%1\",\"Username\":\"alice\",\"Secret\":\"s3cret\"}'; "
                  "else echo 'credentials not found in native keychain'; exit 1; fi\n"_s.arg(reg.host())
                      .toUtf8(),
                  true);
        const QByteArray oldPath = qgetenv("PATH");
        qputenv("PATH", bin.toUtf8() + ':' + oldPath);
        writeFile(cfgDir + u"/config.json"_s,
                  u"{\"credHelpers\":{\"%1\":\"strata-test\"},\"auths\":{}}"_s.arg(reg.host()).toUtf8());
        Result<std::optional<RegistryCredential>> c = CredentialStore::lookup(reg.host());
        QVERIFY(c && c.value());
        QCOMPARE(c.value()->username, u"alice"_s);
        QCOMPARE(c.value()->origin, u"docker-credential-strata-test"_s);
        g = openRef(ref);
        QVERIFY2(g, qPrintable(g ? QString() : g.error().toString()));

        // credsStore: the same helper as the default store; another host gets nothing from it.
        writeFile(cfgDir + u"/config.json"_s, QByteArray("{\"credsStore\":\"strata-test\"}"));
        g = openRef(ref);
        QVERIFY2(g, qPrintable(g ? QString() : g.error().toString()));
        c = CredentialStore::lookup(u"other.example:5000"_s);
        QVERIFY(c && !c.value());
        // A helper name that could be a path is never run.
        writeFile(cfgDir + u"/config.json"_s, QByteArray("{\"credsStore\":\"../../bin/sh\"}"));
        c = CredentialStore::lookup(reg.host());
        QVERIFY(!c);
        QCOMPARE(c.error().code, ErrorCode::Malformed);
        qputenv("PATH", oldPath);

        // Typed into the dialog: kept in memory, used before the (now empty) config file.
        writeFile(cfgDir + u"/config.json"_s, QByteArray("{}"));
        CredentialStore::remember(reg.host(), RegistryCredential{u"alice"_s, u"s3cret"_s, false, {}, u"typed in"_s});
        g = openRef(ref);
        QVERIFY2(g, qPrintable(g ? QString() : g.error().toString()));
        CredentialStore::forget(reg.host());
        QVERIFY(!openRef(ref));
        qputenv("DOCKER_CONFIG", m_work.filePath(u"no-docker-config"_s).toUtf8());
    }

    void bearerToken()
    {
        TokenIssuer issuer;
        QString err;
        QVERIFY2(issuer.start({u"bob:t0ken-pw"_s}, 6, &err), qPrintable(err));
        RegistryServer reg;
        QVERIFY2(reg.start(RegistryServer::Auth::Token, &err, {}, &issuer), qPrintable(err));
        QString out;
        QVERIFY2(push(u"oci:"_s + fixture(u"good/oci-gzip:v1"_s), reg.host(), u"team/app:v1"_s,
                      {u"--dest-creds"_s, u"bob:t0ken-pw"_s}, &out),
                 qPrintable(out));
        const QString ref = reg.host() + u"/team/app:v1"_s;

        Result<ImageGraphPtr> anon = openRef(ref);
        QVERIFY(!anon);
        QVERIFY2(anon.error().message.contains(issuer.realm()), qPrintable(anon.error().toString()));

        RegistryOptions o;
        o.credential = RegistryCredential{u"bob"_s, u"t0ken-pw"_s, false, {}, u"test"_s};
        RegistryClient client(reg.host(), o);
        const int before = int(issuer.issued().size());
        Result<QStringList> tags = client.listTags(u"team/app"_s);
        QVERIFY2(tags, qPrintable(tags ? QString() : tags.error().toString()));
        QCOMPARE(tags.value(), QStringList{u"v1"_s});
        Result<QStringList> repos = client.listRepositories();
        QVERIFY2(repos, qPrintable(repos ? QString() : repos.error().toString()));
        QCOMPARE(repos.value(), QStringList{u"team/app"_s});
        QCOMPARE(issuer.issued().mid(before),
                 (QStringList{u"bob repository:team/app:pull"_s, u"bob registry:catalog:*"_s}));
        // The cached token is reused, then refreshed once it expires (6 s here).
        QVERIFY(client.listTags(u"team/app"_s));
        QCOMPARE(int(issuer.issued().size()), before + 2);
        QTest::qWait(6500);
        QVERIFY(client.listTags(u"team/app"_s));
        QCOMPARE(int(issuer.issued().size()), before + 3);

        // Through the source opener, with the credentials from config.json; layers verified in parallel.
        const QString cfgDir = m_work.filePath(u"token-config"_s);
        writeFile(cfgDir + u"/config.json"_s,
                  u"{\"auths\":{\"%1\":{\"username\":\"bob\",\"password\":\"t0ken-pw\"}}}"_s.arg(reg.host()).toUtf8());
        qputenv("DOCKER_CONFIG", cfgDir.toUtf8());
        Result<ImageGraphPtr> g = openRef(ref);
        QVERIFY2(g, qPrintable(g ? QString() : g.error().toString()));
        const VerifyReport r = Verifier::run(*g.value(), {});
        QVERIFY2(r.ok(), qPrintable(problemsText(r.problems)));
        qputenv("DOCKER_CONFIG", m_work.filePath(u"no-docker-config"_s).toUtf8());
    }
};

STRATA_TEST_GUILESS_MAIN(TstRegistry)
#include "tst_registry.moc"
