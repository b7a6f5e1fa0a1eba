// SPDX-License-Identifier: MIT
// registry-dir: the storage folder of a real Debian docker-registry (distribution 2.8), filled by
// `skopeo copy … docker://127.0.0.1:PORT/…` in initTestCase and read after the registry is stopped;
// then copies of it edited to hold a dangling tag link, a dangling layer link, orphan blobs, a corrupt
// blob and hostile links.
#include "core/digest.h"
#include "core/io/dircontainer.h"
#include "core/sources/registrydirpath.h"
#include "core/sources/registrydirscan.h"
#include "core/sources/sourceopener.h"
#include "core/verify/verifier.h"
#include "tests/common/hermeticenv.h"
#include "tests/common/testutil.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace strata;
using strata::test::problemsText;

namespace {

int freePort()
{
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    ::bind(s, reinterpret_cast<sockaddr *>(&a), sizeof a);
    ::getsockname(s, reinterpret_cast<sockaddr *>(&a), &len);
    ::close(s);
    return ntohs(a.sin_port);
}

bool canConnect(int port)
{
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(s, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0;
    ::close(s);
    return ok;
}

QString run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return u"%1 failed: %2"_s.arg(program, QString::fromLocal8Bit(p.readAll()).left(2000));
    return {};
}

QString sha256Hex(const QByteArray &b)
{
    return QString::fromLatin1(QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex());
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

QString blobData(const QString &v2, const QString &digest)
{
    const QString hex = digest.section(u':', 1);
    return u"%1/blobs/sha256/%2/%3/data"_s.arg(v2, hex.left(2), hex);
}

const ImageInfo *imageNamed(const ImageGraph &g, const QString &name)
{
    for (const ImageInfo &i : g.images) {
        if (i.name == name)
            return &i;
    }
    return nullptr;
}

// The image's digests as Strata read them, in truth.json's shape.
void compareWithTruth(const ImageGraph &g, const ImageInfo &img, const QJsonObject &t)
{
    QCOMPARE(g.nodes[img.manifestNode].digest().toString(), t.value("manifestDigest"_L1).toString());
    QCOMPARE(g.nodes[img.configNode].digest().toString(), t.value("configDigest"_L1).toString());
    const QJsonArray layers = t.value("layers"_L1).toArray();
    QCOMPARE(img.layerNodes.size(), layers.size());
    for (qsizetype i = 0; i < layers.size(); ++i) {
        const Node &n = g.nodes[img.layerNodes[i]];
        QCOMPARE(n.digest().toString(), layers[i].toObject().value("digest"_L1).toString());
        QCOMPARE(n.descriptor->size, layers[i].toObject().value("size"_L1).toInteger());
        QCOMPARE(n.expectedDiffId->toString(), t.value("diffIds"_L1).toArray()[i].toString());
    }
}

bool hasProblem(const ProblemList &list, ProblemKind kind, const QString &text)
{
    for (const Problem &p : list) {
        if (p.kind == kind && p.message.contains(text))
            return true;
    }
    return false;
}

} // namespace

class TestRegistryDir : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_root; // the storage root (holds docker/registry/v2)
    QString m_v2;
    QJsonObject m_v1;
    QJsonObject m_v2truth;

    // A scratch copy of the storage, and its v2 folder.
    QPair<QString, QString> copyStorage()
    {
        const QString root = test::scratchCopy(m_root);
        return {root, root + u"/docker/registry/v2"_s};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_v1 = test::truth(u"good/oci-gzip"_s);
        m_v2truth = test::truth(u"good/oci-v2"_s);
        QVERIFY(!m_v1.isEmpty() && !m_v2truth.isEmpty());
        m_root = m_tmp.filePath(u"storage"_s);
        const int port = freePort();
        const QString config = m_tmp.filePath(u"config.yml"_s);
        QVERIFY(
            writeFile(config, u"version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: %1\n"
                              "  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:%2\n"_s.arg(m_root)
                                  .arg(port)
                                  .toUtf8()));
        QProcess registry;
        registry.setProcessChannelMode(QProcess::MergedChannels);
        registry.start(u"docker-registry"_s, {u"serve"_s, config});
        QVERIFY2(registry.waitForStarted(), "docker-registry is not installed (packaging/install-deps.sh)");
        QElapsedTimer t;
        t.start();
        while (!canConnect(port) && t.elapsed() < 20000 && registry.state() == QProcess::Running)
            QThread::msleep(50);
        QVERIFY2(canConnect(port), qPrintable(QString::fromLocal8Bit(registry.readAll())));
        const QString dest = u"docker://127.0.0.1:%1/"_s.arg(port);
        const struct
        {
            const char *src;
            const char *dst;
        } pushes[] = {{"good/oci-gzip:v1", "strata/sample:v1"},
                      {"good/oci-v2:v2", "strata/sample:v2"},
                      {"good/oci-gzip:v1", "other:latest"}};
        for (const auto &p : pushes) {
            const QString err =
                run(u"skopeo"_s,
                    {u"--insecure-policy"_s, u"copy"_s, u"-q"_s, u"--dest-tls-verify=false"_s,
                     u"oci:"_s + test::fixture(QString::fromLatin1(p.src)), dest + QString::fromLatin1(p.dst)});
            QVERIFY2(err.isEmpty(), qPrintable(err));
        }
        registry.terminate();
        QVERIFY(registry.waitForFinished(10000));
        m_v2 = m_root + u"/docker/registry/v2"_s;
        QVERIFY(QFileInfo(m_v2).isDir());
    }

    void scanListsRepositoriesAndTags()
    {
        Result<std::shared_ptr<DirContainer>> dir = DirContainer::openFolder(m_v2);
        QVERIFY(dir);
        Result<RegistryInventory> inv = registrydir::scan(dir.value());
        QVERIFY2(inv, qPrintable(inv ? QString() : inv.error().toString()));
        QVERIFY2(inv->problems.isEmpty(), qPrintable(inv->problems.join(u'\n')));
        QStringList names;
        for (const RegistryRepository &r : inv->repositories)
            names << r.name;
        QCOMPARE(names, (QStringList{u"other"_s, u"strata/sample"_s}));
        const RegistryRepository *s = inv->repository(u"strata/sample"_s);
        QCOMPARE(s->tags.size(), 2);
        QCOMPARE(s->tags[0].first, u"v1"_s);
        QCOMPARE(s->tags[0].second.digest.toString(), m_v1.value("manifestDigest"_L1).toString());
        QCOMPARE(s->tags[1].first, u"v2"_s);
        QCOMPARE(s->tags[1].second.digest.toString(), m_v2truth.value("manifestDigest"_L1).toString());
        QCOMPARE(inv->repository(u"other"_s)->tags[0].first, u"latest"_s);
        // Every blob of both images, once: manifests, configs, layers (two layers are shared).
        QSet<QString> expected;
        for (const QJsonObject &t : {m_v1, m_v2truth}) {
            expected << t.value("manifestDigest"_L1).toString() << t.value("configDigest"_L1).toString();
            for (const QJsonValue &l : t.value("layers"_L1).toArray())
                expected << l.toObject().value("digest"_L1).toString();
        }
        QSet<QString> stored;
        for (const Digest &d : inv->blobOrder)
            stored << d.toString();
        QCOMPARE(stored, expected);
    }

    void openWholeStorage_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::newRow("registry-dir:ROOT") << u"registry-dir:"_s + m_root;
        QTest::newRow("ROOT (auto-detected)") << m_root;
        QTest::newRow("ROOT/docker/registry/v2") << m_root + u"/docker/registry/v2"_s;
    }
    void openWholeStorage()
    {
        QFETCH(QString, spec);
        Result<ImageGraphPtr> g = SourceOpener::open(spec);
        QVERIFY2(g, qPrintable(g ? QString() : g.error().toString()));
        QCOMPARE(g.value()->format, u"registry storage (distribution filesystem driver)"_s);
        QStringList names;
        for (const ImageInfo &i : g.value()->images)
            names << i.name;
        names.sort();
        QCOMPARE(names, (QStringList{u"other:latest"_s, u"strata/sample:v1"_s, u"strata/sample:v2"_s}));
        compareWithTruth(*g.value(), *imageNamed(*g.value(), u"strata/sample:v1"_s), m_v1);
        compareWithTruth(*g.value(), *imageNamed(*g.value(), u"strata/sample:v2"_s), m_v2truth);
        compareWithTruth(*g.value(), *imageNamed(*g.value(), u"other:latest"_s), m_v1);
        QVERIFY2(g.value()->problems.isEmpty(), qPrintable(problemsText(g.value()->problems)));
        const VerifyReport r = Verifier::run(*g.value(), {});
        QVERIFY2(r.ok() && r.problems.isEmpty(), qPrintable(problemsText(r.problems)));
        // 8 distinct blobs, each hashed; layers also decompressed against their diff_ids.
        QVERIFY(r.checksPassed == r.checksTotal && r.checksTotal > 8);
    }

    void openOneRepositoryOrTag_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QStringList>("images");
        QTest::newRow("repo:tag") << u"strata/sample:v2"_s << QStringList{u"strata/sample:v2"_s};
        QTest::newRow("repo") << u"strata/sample"_s << QStringList{u"strata/sample:v1"_s, u"strata/sample:v2"_s};
        QTest::newRow("repo@digest") << u"other@"_s + m_v1.value("manifestDigest"_L1).toString()
                                     << QStringList{u"other:latest"_s};
    }
    void openOneRepositoryOrTag()
    {
        QFETCH(QString, reference);
        QFETCH(QStringList, images);
        Result<ImageGraphPtr> g = SourceOpener::open(u"registry-dir:%1/%2"_s.arg(m_root, reference));
        QVERIFY2(g, qPrintable(g ? QString() : g.error().toString()));
        QStringList names;
        for (const ImageInfo &i : g.value()->images)
            names << i.name;
        names.sort();
        QCOMPARE(names, images);
        if (const ImageInfo *v2 = imageNamed(*g.value(), u"strata/sample:v2"_s))
            compareWithTruth(*g.value(), *v2, m_v2truth);
        QVERIFY(Verifier::run(*g.value(), {}).ok());
    }

    void badReferences_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("text");
        QTest::newRow("unknown repository") << u"registry-dir:%1/nope"_s.arg(m_root) << int(ErrorCode::NotFound)
                                            << u"no repository \"nope\" (repositories: other, strata/sample)"_s;
        QTest::newRow("unknown tag") << u"registry-dir:%1/strata/sample:v9"_s.arg(m_root) << int(ErrorCode::NotFound)
                                     << u"has no tag \"v9\" (tags: v1, v2)"_s;
        QTest::newRow("upper-case repository") << u"registry-dir:%1/Strata/Sample"_s.arg(m_root)
                                               << int(ErrorCode::Malformed) << u"not a valid repository name"_s;
        QTest::newRow("traversal") << u"registry-dir:%1/../../etc:passwd"_s.arg(m_root) << int(ErrorCode::Malformed)
                                   << u"not a valid repository name"_s;
        QTest::newRow("bad digest") << u"registry-dir:%1/other@sha256:abc"_s.arg(m_root) << int(ErrorCode::Malformed)
                                    << u"not a valid digest"_s;
        QTest::newRow("not storage") << u"registry-dir:"_s + m_tmp.path() << int(ErrorCode::NotAnImage)
                                     << u"docker/registry/v2"_s;
    }
    void badReferences()
    {
        QFETCH(QString, spec);
        QFETCH(int, code);
        QFETCH(QString, text);
        Result<ImageGraphPtr> g = SourceOpener::open(spec);
        QVERIFY(!g);
        QCOMPARE(int(g.error().code), code);
        QVERIFY2(g.error().message.contains(text), qPrintable(g.error().toString()));
    }

    void storageDefects_data()
    {
        QTest::addColumn<QString>("defect");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("atLoad"); // found while opening, or only by verification
        QTest::newRow("dangling tag link")
            << u"dangling-tag"_s << int(ProblemKind::MissingBlob) << u"dangling tag link"_s << true;
        QTest::newRow("dangling layer link")
            << u"dangling-layer"_s << int(ProblemKind::MissingBlob) << u"dangling layer link"_s << true;
        QTest::newRow("deleted layer blob")
            << u"deleted-layer"_s << int(ProblemKind::MissingBlob) << u"dangling layer link"_s << true;
        QTest::newRow("orphan blob") << u"orphan"_s << int(ProblemKind::OrphanBlob)
                                     << u"no manifest of any repository references it"_s << true;
        QTest::newRow("orphan blob, corrupt")
            << u"orphan-corrupt"_s << int(ProblemKind::DigestMismatch) << u"is named after a digest"_s << false;
        QTest::newRow("corrupt layer data") << u"corrupt-layer"_s << int(ProblemKind::DigestMismatch)
                                            << u"do not hash to the digest that references them"_s << false;
        QTest::newRow("corrupt config data") << u"corrupt-config"_s << int(ProblemKind::DigestMismatch)
                                             << u"do not hash to the digest that references them"_s << false;
    }
    void storageDefects()
    {
        QFETCH(QString, defect);
        QFETCH(int, kind);
        QFETCH(QString, text);
        QFETCH(bool, atLoad);
        const auto [root, v2] = copyStorage();
        const QString missing = u"sha256:"_s + QString(64, u'e');
        const QString v1layer1 = m_v1.value("layers"_L1).toArray()[1].toObject().value("digest"_L1).toString();
        const QString v2layer2 = m_v2truth.value("layers"_L1).toArray()[2].toObject().value("digest"_L1).toString();
        const QByteArray orphanBytes = "bytes no manifest refers to\n";
        if (defect == u"dangling-tag") {
            QVERIFY(
                writeFile(v2 + u"/repositories/strata/sample/_manifests/tags/v3/current/link"_s, missing.toLatin1()));
        } else if (defect == u"dangling-layer") {
            QVERIFY(writeFile(v2 + u"/repositories/other/_layers/sha256/%1/link"_s.arg(missing.mid(7)),
                              missing.toLatin1()));
        } else if (defect == u"deleted-layer") {
            QVERIFY(QFile::remove(blobData(v2, v2layer2)));
        } else if (defect == u"orphan") {
            QVERIFY(writeFile(blobData(v2, u"sha256:"_s + sha256Hex(orphanBytes)), orphanBytes));
        } else if (defect == u"orphan-corrupt") {
            QVERIFY(writeFile(blobData(v2, missing), orphanBytes));
        } else if (defect == u"corrupt-layer" || defect == u"corrupt-config") {
            const QString d = defect == u"corrupt-layer" ? v1layer1 : m_v1.value("configDigest"_L1).toString();
            QFile f(blobData(v2, d));
            QVERIFY(f.open(QIODevice::ReadWrite));
            QByteArray b = f.readAll();
            b[b.size() / 2] = static_cast<char>(b[b.size() / 2] ^ 0x01);
            QVERIFY(f.seek(0) && f.write(b) == b.size());
        }
        Result<ImageGraphPtr> g = SourceOpener::open(u"registry-dir:"_s + root);
        QVERIFY2(g, qPrintable(g ? QString() : g.error().toString()));
        const VerifyReport r = Verifier::run(*g.value(), {});
        const ProblemList &where = atLoad ? g.value()->problems : r.problems;
        QVERIFY2(hasProblem(where, ProblemKind(kind), text), qPrintable(problemsText(r.problems)));
        if (kind == int(ProblemKind::OrphanBlob)) {
            // A sound orphan is only a warning, and its bytes are checked against its path digest.
            QVERIFY2(r.ok(), qPrintable(problemsText(r.problems)));
            bool verified = false;
            for (const Node &n : g.value()->nodes) {
                if (n.nameDigest && n.nameDigest->toString() == u"sha256:"_s + sha256Hex(orphanBytes))
                    verified = r.results.value(n.id).status == CheckStatus::Verified;
            }
            QVERIFY(verified);
        } else {
            QVERIFY(!r.ok());
        }
    }

    void hostileStorage_data()
    {
        QTest::addColumn<QString>("attack");
        QTest::addColumn<QString>("text");
        QTest::newRow("tag link with a traversal digest") << u"link-traversal"_s << u"not a digest Strata can verify"_s;
        QTest::newRow("blob data symlinked outside") << u"data-symlink"_s << u"symbolic link"_s;
        QTest::newRow("repository symlinked to /") << u"repo-symlink"_s << u"a symbolic link where a folder belongs"_s;
        QTest::newRow("invalid tag folder name") << u"bad-tag-name"_s << u"not a valid tag name"_s;
    }
    void hostileStorage()
    {
        QFETCH(QString, attack);
        QFETCH(QString, text);
        const auto [root, v2] = copyStorage();
        const QString config = m_v1.value("configDigest"_L1).toString();
        if (attack == u"link-traversal") {
            QVERIFY(writeFile(v2 + u"/repositories/strata/sample/_manifests/tags/evil/current/link"_s,
                              "sha256:../../../../etc/passwd"));
        } else if (attack == u"data-symlink") {
            QVERIFY(QFile::remove(blobData(v2, config)));
            QVERIFY(QFile::link(u"/etc/passwd"_s, blobData(v2, config)));
        } else if (attack == u"repo-symlink") {
            QVERIFY(QFile::link(u"/"_s, v2 + u"/repositories/evil"_s));
        } else if (attack == u"bad-tag-name") {
            QVERIFY(writeFile(v2 + u"/repositories/other/_manifests/tags/-bad/current/link"_s,
                              m_v1.value("manifestDigest"_L1).toString().toLatin1()));
        }
        Result<ImageGraphPtr> g = SourceOpener::open(u"registry-dir:"_s + root);
        QVERIFY2(g, qPrintable(g ? QString() : g.error().toString()));
        QVERIFY2(hasProblem(g.value()->problems, ProblemKind::Malformed, text),
                 qPrintable(problemsText(g.value()->problems)));
        QCOMPARE(g.value()->images.size(), 3); // the three real tags still open
        if (attack == u"data-symlink") {
            // The config's blob is refused, never read through the link.
            QVERIFY2(hasProblem(g.value()->problems, ProblemKind::UnsafePath, QString()),
                     qPrintable(problemsText(g.value()->problems)));
            QVERIFY(!Verifier::run(*g.value(), {}).ok());
        }
    }
};

STRATA_TEST_APPLESS_MAIN(TestRegistryDir)
#include "tst_registrydir.moc"
