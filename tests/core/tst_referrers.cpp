// SPDX-License-Identifier: MIT
// Artifacts attached to registry images: the referrers API client against a scripted server
// (tests/registry/referrersserver.py serving a fixture image: pagination, the artifactType filter, a list of 1,500,
// bad digests, loops, failures), then Debian's docker-registry (no referrers API) with a Sigstore bundle attached by
// @sigstore/oci (the referrers tag schema) and a cosign .sig tag written by skopeo, over HTTP and in its storage.
#include "tests/common/hermeticenv.h"
#include "tests/common/npmsbom.h"
#include "tests/common/testutil.h"
#include "tests/core/registryserver.h"

#include "core/attached/attachmentlinker.h"
#include "core/jobs/jobcontext.h"
#include "core/registry/attacheddiscovery.h"
#include "core/registry/registryclient.h"
#include "core/sources/sourceopener.h"
#include "core/verify/verifier.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>
#include <QThread>

#include <thread>

using namespace Qt::StringLiterals;
using namespace strata;
using namespace strata::test;

namespace {

constexpr auto BundleType = "application/vnd.dev.sigstore.bundle.v0.3+json";

// The artifact nodes placed under the manifest or index `subject` names.
QList<const Node *> attachedUnder(const ImageGraph &g, const Digest &subject)
{
    QList<const Node *> out;
    for (const Node &n : g.nodes) {
        if ((n.kind == NodeKind::Manifest || n.kind == NodeKind::Index) && n.digest() == subject && !n.attachment) {
            for (int a : attachedTo(g, n.id))
                out << &g.nodes[a];
            break;
        }
    }
    return out;
}

int countWith(const ImageGraph &g, FoundBy by)
{
    int n = 0;
    for (const Node &x : g.nodes)
        n += x.attachment && x.attachment->foundBy.contains(by) ? 1 : 0;
    return n;
}

const Problem *problemWith(const ImageGraph &g, const QString &fragment)
{
    for (const Problem &p : g.problems)
        if (p.message.contains(fragment))
            return &p;
    return nullptr;
}

QString runStrata(const QStringList &args, int *exitCode)
{
    QProcess p;
    p.start(strataBinary(), args);
    if (!p.waitForFinished(180000))
        p.kill();
    *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
}

// inspect --json's top-level "attached" array (every artifact once; each image repeats its own).
void collectAttached(const QJsonObject &report, QList<QJsonObject> &out)
{
    for (const QJsonValue &a : report.value("attached"_L1).toArray())
        out << a.toObject();
}

QStringList foundByOf(const QList<QJsonObject> &attached)
{
    QStringList out;
    for (const QJsonObject &a : attached)
        for (const QJsonValue &f : a.value("foundBy"_L1).toArray())
            out << f.toString();
    return out;
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

} // namespace

class TstReferrers : public QObject
{
    Q_OBJECT

    QTemporaryDir m_work;
    QProcess m_server;
    QString m_host; // the scripted server
    Digest m_root;  // good/oci-gzip:v1's manifest, served under every repository

    std::unique_ptr<RegistryServer> m_registry; // docker-registry, for the last tests
    Digest m_bundleDigest;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(strataBinary()).isExecutable(), "STRATA_BIN must name the strata executable");
        qputenv("DOCKER_CONFIG", m_work.filePath(u"no-docker-config"_s).toUtf8());
        const QString layout = fixture(u"good/oci-gzip"_s);
        QFile index(layout + u"/index.json"_s);
        QVERIFY2(index.open(QIODevice::ReadOnly), qPrintable(layout));
        const QJsonArray manifests = QJsonDocument::fromJson(index.readAll()).object().value("manifests"_L1).toArray();
        QVERIFY(!manifests.isEmpty());
        Result<Digest> root = Digest::parse(manifests.first().toObject().value("digest"_L1).toString());
        QVERIFY(root);
        m_root = root.value();
        const quint16 port = freePort();
        m_server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_server.start(u"python3"_s, {QStringLiteral(STRATA_SOURCE_DIR) + u"/tests/registry/referrersserver.py"_s,
                                      u"--port"_s, QString::number(port), u"--layout"_s, layout, u"--ref"_s, u"v1"_s,
                                      u"--bundle"_s, publicFixture(u"signatures/sigstore-go/bundle-publish.json"_s),
                                      u"--log"_s, m_work.filePath(u"requests.log"_s)});
        QVERIFY2(waitForPort(port, m_server, 30000), "referrersserver.py did not start");
        m_host = u"127.0.0.1:%1"_s.arg(port);
    }

    void cleanupTestCase()
    {
        m_server.terminate();
        m_server.waitForFinished(5000);
    }

    void clientPages_data()
    {
        QTest::addColumn<QString>("repository");
        QTest::addColumn<QString>("artifactType");
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("pages");
        QTest::addColumn<bool>("filterApplied");
        QTest::newRow("two pages, relative link") << u"paged"_s << QString() << 3 << 2 << false;
        QTest::newRow("two pages, absolute link") << u"absolute"_s << QString() << 3 << 2 << false;
        QTest::newRow("filter applied by the registry") << u"paged"_s << u"application/spdx+json"_s << 1 << 2 << true;
        QTest::newRow("filter applied here") << u"nofilter"_s << QString::fromLatin1(BundleType) << 2 << 2 << false;
        QTest::newRow("none") << u"paged-none"_s << QString() << 0 << 0 << false;
    }
    void clientPages()
    {
        QFETCH(QString, repository);
        QFETCH(QString, artifactType);
        QFETCH(int, count);
        QFETCH(int, pages);
        QFETCH(bool, filterApplied);
        RegistryClient c(m_host, {});
        Result<ReferrersAnswer> a = c.fetchReferrers(repository, m_root, 1000, artifactType);
        if (repository == u"paged-none") { // HTTP 404: no referrers API
            QVERIFY(!a);
            QCOMPARE(int(a.error().code), int(ErrorCode::Unsupported));
            QVERIFY2(a.error().message.contains(u"no referrers API (HTTP 404)"_s), qPrintable(a.error().toString()));
            return;
        }
        QVERIFY2(a, qPrintable(a ? QString() : a.error().toString()));
        QCOMPARE(int(a->descriptors.size()), count);
        QCOMPARE(a->pages, pages);
        QCOMPARE(a->filterApplied, filterApplied);
        QVERIFY(!a->cut);
        QVERIFY2(a->stopped.isEmpty(), qPrintable(a->stopped));
        for (const Descriptor &d : a->descriptors)
            QVERIFY(artifactType.isEmpty() || d.artifactType == artifactType);
    }

    void clientBounds()
    {
        RegistryClient c(m_host, {});
        Result<ReferrersAnswer> many = c.fetchReferrers(u"many"_s, m_root, attached::MaxAttachedPerSubject);
        QVERIFY2(many, qPrintable(many ? QString() : many.error().toString()));
        QCOMPARE(int(many->descriptors.size()), 1000);
        QVERIFY(many->cut);
        QCOMPARE(many->offered, 1500); // the third page was read, and its entries counted, not kept
        QCOMPARE(many->pages, 3);

        Result<ReferrersAnswer> bad = c.fetchReferrers(u"bad"_s, m_root, 1000);
        QVERIFY(bad);
        QCOMPARE(int(bad->descriptors.size()), 1);
        QCOMPARE(int(bad->refused.size()), 3);
        const QString why = bad->refused.join(u'\n');
        QVERIFY2(why.contains(u"sha256:ABAB"_s) && why.contains(u"path traversal"_s) && why.contains(u"size"_s),
                 qPrintable(why));

        Result<ReferrersAnswer> elsewhere = c.fetchReferrers(u"elsewhere"_s, m_root, 1000);
        QVERIFY(elsewhere);
        QCOMPARE(int(elsewhere->descriptors.size()), 1);
        QVERIFY2(elsewhere->stopped.contains(u"another host (localhost:"_s), qPrintable(elsewhere->stopped));

        Result<ReferrersAnswer> fail = c.fetchReferrers(u"fail"_s, m_root, 1000);
        QVERIFY(!fail);
        // Issue 21: a server error (after two more attempts) is the registry not delivering, not a wrong answer.
        QCOMPARE(int(fail.error().code), int(ErrorCode::Unavailable));
        QVERIFY2(fail.error().message.contains(u"HTTP 500"_s), qPrintable(fail.error().toString()));
    }

    void openPaged()
    {
        Result<ImageGraphPtr> g = SourceOpener::open(u"docker://%1/paged:v1"_s.arg(m_host));
        QVERIFY2(g, qPrintable(g ? QString() : g.error().toString()));
        const QList<const Node *> rows = attachedUnder(*g.value(), m_root);
        QCOMPARE(int(rows.size()), 3);
        int bundles = 0;
        for (const Node *n : rows) {
            // The API placed it; a subject field it also carries comes second.
            QCOMPARE(n->attachment->foundBy.first(), FoundBy::ReferrersApi);
            QCOMPARE(n->attachment->subject, m_root);
            bundles += n->attachment->kind == ArtifactKind::SigstoreBundle ? 1 : 0;
        }
        QCOMPARE(bundles, 2);
        QCOMPARE(int(g.value()->images.size()) >= 1, true);
        // The artifacts' manifests, configs and layers are fetched and verified like the image's.
        const VerifyReport r = Verifier::run(*g.value(), {});
        QVERIFY2(r.ok(), qPrintable(problemsText(r.problems)));
        for (const Node *n : rows)
            QCOMPARE(r.results.value(n->id).status, CheckStatus::Verified);
    }

    void openBounded_data()
    {
        QTest::addColumn<QString>("repository");
        QTest::addColumn<int>("attached");
        QTest::addColumn<QString>("problem");
        QTest::newRow("1,500 referrers") << u"many"_s << 1000
                                         << u"referrers list cut at 1,000 of the registry's answer"_s;
        QTest::newRow("bad digests") << u"bad"_s << 1 << u"descriptor digest \"sha256:ABAB"_s;
        QTest::newRow("path digest") << u"bad"_s << 1 << u"(it would be a path traversal)"_s;
        QTest::newRow("link elsewhere") << u"elsewhere"_s << 1 << u"points to another host"_s;
        QTest::newRow("lookup fails") << u"fail"_s << 0 << u"the referrers lookup failed"_s;
        QTest::newRow("no API, no tag") << u"plain"_s << 0 << QString();
    }
    void openBounded()
    {
        QFETCH(QString, repository);
        QFETCH(int, attached);
        QFETCH(QString, problem);
        Result<ImageGraphPtr> g = SourceOpener::open(u"docker://%1/%2:v1"_s.arg(m_host, repository));
        QVERIFY2(g, qPrintable(g ? QString() : g.error().toString()));
        QCOMPARE(int(attachedUnder(*g.value(), m_root).size()), attached);
        QCOMPARE(countWith(*g.value(), FoundBy::ReferrersApi), attached);
        if (problem.isEmpty()) {
            QVERIFY2(g.value()->problems.isEmpty(), qPrintable(problemsText(g.value()->problems)));
            return;
        }
        const Problem *p = problemWith(*g.value(), problem);
        QVERIFY2(p, qPrintable(problemsText(g.value()->problems)));
        QCOMPARE(int(p->severity), int(Severity::Warning));
        QVERIFY2(p->message.contains(repository == u"fail" ? u"HTTP 500"_s : QString()), qPrintable(p->message));
    }

    void openLoop()
    {
        Result<ImageGraphPtr> g = SourceOpener::open(u"docker://%1/loop:v1"_s.arg(m_host));
        QVERIFY2(g, qPrintable(g ? QString() : g.error().toString()));
        const ImageGraph &graph = *g.value();
        QVERIFY2(problemWith(graph, u"names itself as its subject"_s), qPrintable(problemsText(graph.problems)));
        QVERIFY2(problemWith(graph, u"a loop"_s) || problemWith(graph, u"found as attached to"_s),
                 qPrintable(problemsText(graph.problems)));
        bool dangling = false;
        for (const Node &n : graph.nodes)
            dangling = dangling || (n.kind == NodeKind::Attached && n.title.startsWith(u"dangling referrers"_s));
        QVERIFY(dangling);
        QVERIFY(graph.nodes.size() < 100);
    }

    void tagFallbackScripted()
    {
        // HTTP 404 from /referrers/, then the referrers tag sha256-<hex> holds the list.
        Result<ImageGraphPtr> g = SourceOpener::open(u"docker://%1/tagged:v1"_s.arg(m_host));
        QVERIFY2(g, qPrintable(g ? QString() : g.error().toString()));
        const QList<const Node *> rows = attachedUnder(*g.value(), m_root);
        QCOMPARE(int(rows.size()), 1);
        QVERIFY(rows.first()->attachment->foundBy.contains(FoundBy::ReferrersTag));
        QCOMPARE(rows.first()->attachment->kind, ArtifactKind::SigstoreBundle);
        QFile log(m_work.filePath(u"requests.log"_s));
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QByteArray asked = log.readAll();
        const QByteArray hex = m_root.encoded().toLatin1();
        QVERIFY(asked.contains(QByteArray("GET /v2/tagged/referrers/sha256:" + hex)));
        QVERIFY(asked.contains(QByteArray("GET /v2/tagged/manifests/sha256-" + hex + '\n')));
        QVERIFY(asked.contains(QByteArray("GET /v2/tagged/manifests/sha256-" + hex + ".sig\n")));
    }

    void canceled()
    {
        RegistryClient c(m_host, {});
        QVERIFY(c.ping());
        JobContext job;
        job.cancel();
        Result<AttachedDiscovery> d = discoverAttached(c, u"many"_s, m_root, {}, &job);
        QVERIFY(!d);
        QCOMPARE(int(d.error().code), int(ErrorCode::Canceled));
        // Canceled while the 1,500-entry list is being read: the open ends, canceled, soon.
        JobContext later;
        std::thread canceler([&later] {
            QThread::msleep(30);
            later.cancel();
        });
        Result<AttachedDiscovery> mid = discoverAttached(c, u"many"_s, m_root, {}, &later);
        canceler.join();
        QVERIFY(!mid);
        QCOMPARE(int(mid.error().code), int(ErrorCode::Canceled));
    }

    void cliReferrers()
    {
        int code = 0;
        const QString ref = u"docker://%1/paged:v1"_s.arg(m_host);
        QString out = runStrata({u"inspect"_s, u"--referrers"_s, ref}, &code);
        QVERIFY2(code == 0 && out.contains(u"3 artifacts attached"_s) && out.contains(u"referrers API"_s),
                 qPrintable(out));
        out = runStrata({u"inspect"_s, u"--referrers"_s, u"--artifact-type"_s, u"application/spdx+json"_s, ref}, &code);
        QVERIFY2(code == 0 && out.contains(u"1 artifact attached"_s), qPrintable(out));
        out = runStrata({u"inspect"_s, u"--json"_s, u"docker://%1/tagged:v1"_s.arg(m_host)}, &code);
        QVERIFY2(code == 0, qPrintable(out));
        QList<QJsonObject> attached;
        collectAttached(QJsonDocument::fromJson(out.toUtf8()).object(), attached);
        QCOMPARE(int(attached.size()), 1);
        QVERIFY2(foundByOf(attached).contains(u"referrers-tag"_s), qPrintable(out.left(3000)));
        QCOMPARE(attached.first().value("subject"_L1).toString(), m_root.toString());
    }

    // Debian's docker-registry (distribution 2.8: no referrers API) with what real tools attach.
    void realRegistry()
    {
        for (const QString &tool : {u"docker-registry"_s, u"skopeo"_s, u"node"_s, u"npm"_s})
            if (QStandardPaths::findExecutable(tool).isEmpty())
                QSKIP(qPrintable(tool + u" is not installed (packaging/install-deps.sh installs it)"_s));
        const QString npm = test::npmTools(u"@sigstore/oci/package.json"_s);
        QVERIFY2(!npm.isEmpty(), "npm ci over tests/npm failed (see the warning above)");
        m_registry = std::make_unique<RegistryServer>();
        QString err;
        QVERIFY2(m_registry->start(RegistryServer::Auth::None, &err), qPrintable(err));
        const QString host = m_registry->host();
        QString out;
        const QString image = u"oci:"_s + fixture(u"good/oci-gzip"_s) + u":v1"_s;
        QVERIFY2(push(image, host, u"strata/bundle:v1"_s, {}, &out), qPrintable(out));
        // @sigstore/oci: the bundle as an OCI 1.1 artifact with the image as subject, and the referrers tag.
        QVERIFY2(
            runTool(u"node"_s,
                    {QStringLiteral(STRATA_SOURCE_DIR) + u"/tests/registry/attach-bundle.mjs"_s, npm,
                     host + u"/strata/bundle"_s, u"v1"_s,
                     publicFixture(u"signatures/sigstore-go/bundle-publish.json"_s), QString::fromLatin1(BundleType)},
                    &out),
            qPrintable(out));
        const QStringList printed = out.trimmed().split(u'\n');
        QCOMPARE(printed.size(), 2);
        QCOMPARE(printed.first(), m_root.toString());
        Result<Digest> bundle = Digest::parse(printed.last().trimmed());
        QVERIFY(bundle);
        m_bundleDigest = bundle.value();

        // skopeo copies a dir: folder's stored sigstore signature as cosign's sha256-<hex>.sig tag.
        const QString dir = m_work.filePath(u"signed"_s);
        QVERIFY2(runTool(u"skopeo"_s, {u"copy"_s, image, u"dir:"_s + dir}, &out), qPrintable(out));
        QVERIFY(QFile::copy(publicFixture(u"signatures/containers-image/dir-img-cosign-valid/signature-1"_s),
                            dir + u"/signature-1"_s));
        const QString registriesD = m_work.filePath(u"registries.d"_s);
        writeFile(registriesD + u"/default.yaml"_s, "default-docker:\n  use-sigstore-attachments: true\n");
        QVERIFY2(push(u"dir:"_s + dir, host, u"strata/cosigned:latest"_s,
                      {u"--preserve-digests"_s, u"--registries.d"_s, registriesD}, &out),
                 qPrintable(out));

        // Over HTTP: the bundle found by the referrers tag, the signature by its cosign tag.
        Result<ImageGraphPtr> g = SourceOpener::open(u"docker://%1/strata/bundle:v1"_s.arg(host));
        QVERIFY2(g, qPrintable(g ? QString() : g.error().toString()));
        QList<const Node *> rows = attachedUnder(*g.value(), m_root);
        QCOMPARE(int(rows.size()), 1);
        QCOMPARE(rows.first()->digest(), m_bundleDigest);
        QVERIFY(rows.first()->attachment->foundBy.contains(FoundBy::ReferrersTag));
        QCOMPARE(rows.first()->attachment->kind, ArtifactKind::SigstoreBundle);
        VerifyReport r = Verifier::run(*g.value(), {});
        QVERIFY2(r.ok(), qPrintable(problemsText(r.problems)));

        g = SourceOpener::open(u"docker://%1/strata/cosigned:latest"_s.arg(host));
        QVERIFY2(g, qPrintable(g ? QString() : g.error().toString()));
        rows = attachedUnder(*g.value(), m_root);
        QCOMPARE(int(rows.size()), 1);
        QVERIFY(rows.first()->attachment->foundBy.contains(FoundBy::CosignTag));
        QCOMPARE(rows.first()->attachment->kind, ArtifactKind::CosignSignature);
        QVERIFY2(rows.first()->refNames.join(u' ').contains(u"sha256-"_s + m_root.encoded() + u".sig"_s),
                 qPrintable(rows.first()->refNames.join(u' ')));

        // A multi-platform index: a bundle attached to its second manifest is found by that child's referrers tag.
        const QString layout = m_work.filePath(u"multi-layout"_s);
        QVERIFY2(runTool(u"bash"_s,
                         {QStringLiteral(STRATA_SOURCE_DIR) + u"/tests/registry/make-index-layout.sh"_s,
                          fixture(u"good/oci-multi"_s), layout},
                         &out),
                 qPrintable(out));
        QVERIFY2(push(u"oci:"_s + layout + u":multi"_s, host, u"strata/multi:latest"_s, {u"--all"_s}, &out),
                 qPrintable(out));
        QVERIFY2(
            runTool(u"skopeo"_s,
                    {u"inspect"_s, u"--raw"_s, u"--tls-verify=false"_s, u"docker://%1/strata/multi:latest"_s.arg(host)},
                    &out),
            qPrintable(out));
        const QJsonArray children = QJsonDocument::fromJson(out.toUtf8()).object().value("manifests"_L1).toArray();
        QCOMPARE(int(children.size()), 2);
        Result<Digest> child = Digest::parse(children.at(1).toObject().value("digest"_L1).toString());
        QVERIFY(child);
        QVERIFY2(
            runTool(u"node"_s,
                    {QStringLiteral(STRATA_SOURCE_DIR) + u"/tests/registry/attach-bundle.mjs"_s, npm,
                     host + u"/strata/multi"_s, child->toString(),
                     publicFixture(u"signatures/sigstore-go/bundle-publish.json"_s), QString::fromLatin1(BundleType)},
                    &out),
            qPrintable(out));
        // cosign sign --recursive also tags the platform manifests' signatures: skopeo writes sha256-<child>.sig
        // when it copies the child with a stored signature; Strata finds it through the tag list.
        const QString childDir = m_work.filePath(u"child-signed"_s);
        QVERIFY2(runTool(u"skopeo"_s,
                         {u"copy"_s, u"--src-tls-verify=false"_s, u"--preserve-digests"_s,
                          u"docker://%1/strata/multi@%2"_s.arg(host, child->toString()), u"dir:"_s + childDir},
                         &out),
                 qPrintable(out));
        QVERIFY(QFile::copy(publicFixture(u"signatures/containers-image/dir-img-cosign-valid/signature-1"_s),
                            childDir + u"/signature-1"_s));
        QVERIFY2(push(u"dir:"_s + childDir, host, u"strata/multi:child-signed"_s,
                      {u"--preserve-digests"_s, u"--registries.d"_s, registriesD}, &out),
                 qPrintable(out));
        g = SourceOpener::open(u"docker://%1/strata/multi:latest"_s.arg(host));
        QVERIFY2(g, qPrintable(g ? QString() : g.error().toString()));
        rows = attachedUnder(*g.value(), child.value());
        QCOMPARE(int(rows.size()), 2);
        QVERIFY(rows.first()->attachment->foundBy.contains(FoundBy::ReferrersTag));
        QCOMPARE(rows.first()->attachment->subject, child.value());
        QCOMPARE(countWith(*g.value(), FoundBy::ReferrersTag), 1);
        QCOMPARE(rows.last()->attachment->foundBy.first(), FoundBy::CosignTag);
        QCOMPARE(rows.last()->attachment->kind, ArtifactKind::CosignSignature);
        QCOMPARE(rows.last()->attachment->subject, child.value());
        // --no-attached: none of these lookups, so nothing is attached.
        {
            int noAttachedCode = 0;
            const QString plain = runStrata(
                {u"inspect"_s, u"--json"_s, u"--no-attached"_s, u"docker://%1/strata/multi:latest"_s.arg(host)},
                &noAttachedCode);
            QVERIFY2(noAttachedCode == 0, qPrintable(plain));
            QCOMPARE(QJsonDocument::fromJson(plain.toUtf8()).object().value("attached"_L1).toArray().size(), 0);
        }
        r = Verifier::run(*g.value(), {});
        QVERIFY2(r.ok(), qPrintable(problemsText(r.problems)));

        int code = 0;
        out = runStrata({u"inspect"_s, u"--json"_s, u"docker://%1/strata/cosigned:latest"_s.arg(host)}, &code);
        QVERIFY2(code == 0, qPrintable(out));
        QList<QJsonObject> attached;
        collectAttached(QJsonDocument::fromJson(out.toUtf8()).object(), attached);
        QVERIFY2(foundByOf(attached).contains(u"cosign-tag"_s), qPrintable(out.left(3000)));
        out = runStrata({u"inspect"_s, u"--referrers"_s, u"docker://%1/strata/bundle:v1"_s.arg(host)}, &code);
        QVERIFY2(code == 0 && out.contains(u"referrers tag"_s) && out.contains(m_bundleDigest.toString()),
                 qPrintable(out));
    }

    // The same registry's storage folder, stopped: the tags reach the linker as reference names.
    void registryStorage_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<int>("foundBy");
        QTest::newRow("bundle by tag") << u"/strata/bundle:v1"_s << int(FoundBy::ReferrersTag);
        QTest::newRow("bundle, repository") << u"/strata/bundle"_s << int(FoundBy::ReferrersTag);
        QTest::newRow(".sig by tag") << u"/strata/cosigned:latest"_s << int(FoundBy::CosignTag);
        QTest::newRow(".sig, whole storage") << QString() << int(FoundBy::CosignTag);
    }
    void registryStorage()
    {
        QFETCH(QString, reference);
        QFETCH(int, foundBy);
        if (!m_registry)
            QSKIP("realRegistry did not run");
        m_registry->stop();
        const QString root = QFileInfo(m_registry->storage()).absoluteFilePath();
        // registry-dir: takes the folder that holds docker/registry/v2.
        const QString folder = root.left(root.size() - int(qstrlen("/docker/registry/v2")));
        Result<ImageGraphPtr> g = SourceOpener::open(u"registry-dir:"_s + folder + reference);
        QVERIFY2(g, qPrintable(g ? QString() : g.error().toString()));
        QVERIFY2(countWith(*g.value(), FoundBy(foundBy)) >= 1, qPrintable(problemsText(g.value()->problems)));
        const QList<const Node *> rows = attachedUnder(*g.value(), m_root);
        QVERIFY(!rows.isEmpty());
        for (const Node *n : rows)
            QVERIFY(!n->attachment->dangling);
        if (FoundBy(foundBy) == FoundBy::ReferrersTag) {
            bool bundle = false;
            for (const Node *n : rows)
                bundle =
                    bundle || (n->digest() == m_bundleDigest && n->attachment->kind == ArtifactKind::SigstoreBundle);
            QVERIFY(bundle);
        }
    }
};

STRATA_TEST_GUILESS_MAIN(TstReferrers)
#include "tst_referrers.moc"
