// SPDX-License-Identifier: MIT
// Every offline reader against images made by umoci/skopeo (truth from skopeo inspect and sha256sum)
// and against images made by other projects (../shared/fixtures/public).
#include "core/report/graphjson.h"
#include "core/sources/sourceopener.h"
#include "tests/common/hermeticenv.h"
#include "tests/common/testutil.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace strata;

namespace {

QStringList toStrings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &e : v.toArray())
        out << e.toString();
    return out;
}

QStringList digests(const QList<Digest> &ds)
{
    QStringList out;
    for (const Digest &d : ds)
        out << d.toString();
    return out;
}

ImageGraphPtr openOrFail(const QString &spec)
{
    Result<ImageGraphPtr> g = SourceOpener::open(spec);
    if (!g)
        qWarning("%s", qPrintable(g.error().toString()));
    return g ? g.value() : nullptr;
}

} // namespace

class TestSources : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesTruth_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("format");
        for (const char *f : {"good/oci-gzip", "good/oci-zstd", "good/oci-plain", "good/oci-v2"})
            QTest::newRow(f) << QString::fromLatin1(f) << u"oci:"_s + test::fixture(QString::fromLatin1(f))
                             << u"OCI layout directory"_s;
        QTest::newRow("oci-archive") << u"good/oci-archive.tar"_s
                                     << u"oci-archive:"_s + test::fixture(u"good/oci-archive.tar"_s)
                                     << u"OCI archive"_s;
        QTest::newRow("oci-archive-auto")
            << u"good/oci-archive.tar"_s << test::fixture(u"good/oci-archive.tar"_s) << u"OCI archive"_s;
        for (const char *f : {"good/docker-archive.tar", "good/docker-archive-v2.tar"})
            QTest::newRow(f) << QString::fromLatin1(f) << test::fixture(QString::fromLatin1(f))
                             << u"docker-archive (podman / skopeo)"_s;
        QTest::newRow("docker-archive-gzip")
            << u"good/docker-archive.tar.gz"_s << test::fixture(u"good/docker-archive.tar.gz"_s)
            << u"docker-archive (podman / skopeo), gzip-compressed"_s;
        QTest::newRow("docker-archive-zstd") << u"good/docker-archive.tar.zst"_s
                                             << u"docker-archive:"_s + test::fixture(u"good/docker-archive.tar.zst"_s)
                                             << u"docker-archive (podman / skopeo), zstd-compressed"_s;
    }
    void matchesTruth()
    {
        QFETCH(QString, fixture);
        QFETCH(QString, spec);
        QFETCH(QString, format);
        const QJsonObject t = test::truth(fixture);
        QVERIFY2(!t.isEmpty(), "fixture missing from truth.json");
        const ImageGraphPtr g = openOrFail(spec);
        QVERIFY(g);
        QCOMPARE(g->format, format);
        QCOMPARE(g->images.size(), 1);
        const ImageInfo &img = g->images.first();
        QCOMPARE(configDigestOf(*g, img).toString(), t.value(u"configDigest"_s).toString());
        if (t.value(u"manifestDigest"_s).isString()) {
            QVERIFY(img.manifestNode >= 0);
            QCOMPARE(g->nodes[img.manifestNode].descriptor->digest.toString(), t.value(u"manifestDigest"_s).toString());
        }
        QVERIFY(img.config);
        QCOMPARE(digests(img.config->diffIds), toStrings(t.value(u"diffIds"_s)));
        QCOMPARE(img.config->env, toStrings(t.value(u"env"_s)));
        QCOMPARE(img.config->cmd, toStrings(t.value(u"cmd"_s)));
        QCOMPARE(img.config->entrypoint, toStrings(t.value(u"entrypoint"_s)));
        QCOMPARE(img.config->user, t.value(u"user"_s).toString());
        QCOMPARE(img.config->workingDir, t.value(u"workingDir"_s).toString());
        const QJsonObject labels = t.value(u"labels"_s).toObject();
        QCOMPARE(img.config->labels.size(), labels.size());
        for (auto it = labels.begin(); it != labels.end(); ++it)
            QCOMPARE(img.config->labels.value(it.key()), it.value().toString());
        QCOMPARE(img.layerNodes.size(), t.value(u"layerCount"_s).toInt());
        const QJsonArray layers = t.value(u"layers"_s).toArray();
        for (qsizetype i = 0; i < img.layerNodes.size(); ++i) {
            const Node &n = g->nodes[img.layerNodes[i]];
            QVERIFY(n.present);
            QCOMPARE(n.expectedDiffId->toString(), toStrings(t.value(u"diffIds"_s))[i]);
            if (n.descriptor) {
                const QJsonObject tl = layers[i].toObject();
                QCOMPARE(n.descriptor->digest.toString(), tl.value(u"digest"_s).toString());
                QCOMPARE(n.descriptor->size, tl.value(u"size"_s).toInteger());
                QCOMPARE(n.descriptor->mediaType, tl.value(u"mediaType"_s).toString());
            } else {
                QCOMPARE(n.member, toStrings(t.value(u"layerMembers"_s))[i]);
            }
        }
        // Layer commands come from history, in order, skipping empty_layer steps.
        QVERIFY(g->nodes[img.layerNodes.first()].createdBy.contains(u"layer 1"_s));
        QVERIFY(g->problems.isEmpty());
    }

    void multiImageLayout()
    {
        const QJsonObject t = test::truth(u"good/oci-multi"_s);
        const ImageGraphPtr g = openOrFail(test::fixture(u"good/oci-multi"_s));
        QVERIFY(g);
        QCOMPARE(g->images.size(), 2);
        for (const ImageInfo &img : g->images) {
            const QJsonObject ti = t.value(u"images"_s).toObject().value(img.name).toObject();
            QVERIFY2(!ti.isEmpty(), qPrintable(img.name));
            QCOMPARE(g->nodes[img.manifestNode].descriptor->digest.toString(),
                     ti.value(u"manifestDigest"_s).toString());
        }
        // Choosing one by its ref.name.
        const ImageGraphPtr one = openOrFail(u"oci:"_s + test::fixture(u"good/oci-multi"_s) + u":v2"_s);
        QVERIFY(one);
        QCOMPARE(one->images.size(), 1);
        QCOMPARE(one->images.first().name, u"v2"_s);
        const auto none = SourceOpener::open(u"oci:"_s + test::fixture(u"good/oci-multi"_s) + u":v9"_s);
        QVERIFY(!none.ok());
        QCOMPARE(none.error().code, ErrorCode::NotFound);
        QVERIFY(none.error().message.contains(u"v1"_s));
    }

    void dockerArchiveSelection()
    {
        const QString path = test::fixture(u"good/docker-archive.tar"_s);
        QVERIFY(openOrFail(u"docker-archive:"_s + path + u":docker.io/strata/sample:v1"_s));
        QVERIFY(openOrFail(u"docker-archive:"_s + path + u":@0"_s));
        const auto missing = SourceOpener::open(u"docker-archive:"_s + path + u":@3"_s);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    void publicImages_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("images");
        QTest::newRow("almostempty") << u"containers-image/almostempty.tar"_s
                                     << u"docker save (legacy, Docker 1.10–24)"_s << 1;
        QTest::newRow("kaniko") << u"dive/kaniko-image.tar"_s
                                << u"docker tarball (go-containerregistry / crane / kaniko)"_s << 1;
        QTest::newRow("oci-gzip") << u"dive/oci-gzip-image.tar"_s << u"OCI archive"_s << 1;
        QTest::newRow("oci-zstd") << u"dive/oci-zstd-image.tar"_s << u"OCI archive"_s << 1;
        QTest::newRow("oci-estargz") << u"dive/oci-estargz-image.tar"_s << u"OCI archive"_s << 1;
        QTest::newRow("oci-uncompressed") << u"dive/oci-uncompressed-image.tar"_s << u"OCI archive"_s << 1;
        QTest::newRow("docker-v25") << u"ggcr/hello-world-v25.tar"_s
                                    << u"Docker 25+ save, legacy manifest.json + OCI layout"_s << 1;
        QTest::newRow("test-link") << u"ggcr/test_link.tar"_s << u"docker save (legacy, Docker 1.10–24)"_s << 2;
        QTest::newRow("test-bundle") << u"ggcr/test_bundle.tar"_s << u"docker save (legacy, Docker 1.10–24)"_s << 2;
        QTest::newRow("no-manifest") << u"ggcr/no_manifest.tar"_s << u"pre-1.10 docker save (legacy v1)"_s << 1;
        QTest::newRow("moby-empty-layer")
            << u"moby/pre-1.10-emptyLayer.tar"_s << u"pre-1.10 docker save (legacy v1)"_s << 1;
        QTest::newRow("containerd-export")
            << u"oras/hello-world-containerd-export.tar"_s << u"containerd export, OCI layout + manifest.json"_s << 1;
        QTest::newRow("regclient") << u"regclient/testrepo"_s << u"OCI layout directory"_s << -1;
        QTest::newRow("ggcr-nested") << u"ggcr-layout/test_index"_s << u"OCI layout directory"_s << -1;
    }
    void publicImages()
    {
        QFETCH(QString, path);
        QFETCH(QString, format);
        QFETCH(int, images);
        const ImageGraphPtr g = openOrFail(test::publicFixture(path));
        QVERIFY(g);
        QCOMPARE(g->format, format);
        if (images >= 0)
            QCOMPARE(g->images.size(), images);
        else
            QVERIFY(g->images.size() > 1);
    }

    void containerdExportAbsentPlatformsAreNotCorruption()
    {
        const ImageGraphPtr g = openOrFail(test::publicFixture(u"oras/hello-world-containerd-export.tar"_s));
        QVERIFY(g);
        int notIncluded = 0;
        for (const Problem &p : g->problems) {
            QCOMPARE(p.kind, ProblemKind::NotIncluded);
            QCOMPARE(p.severity, Severity::Info);
            ++notIncluded;
        }
        QCOMPARE(notIncluded, 10); // fixtures README: 10 referenced platform manifests are absent by design
        QCOMPARE(g->images.first().platform.toString(), u"linux/amd64"_s);
    }

    void dockerV25NullManifests()
    {
        const ImageGraphPtr g = openOrFail(test::publicFixture(u"ggcr/hello-world-v25.tar"_s));
        QVERIFY(g);
        QVERIFY(g->nodes[1].note.contains(u"null"_s)); // index.json says "manifests": null
        QVERIFY(g->images.first().config);
    }

    void attestationsAndCycles()
    {
        const ImageGraphPtr g = openOrFail(test::publicFixture(u"regclient/testrepo"_s));
        QVERIFY(g);
        int attestations = 0;
        bool cycleReported = false;
        for (const Node &n : g->nodes)
            attestations += n.attestationFor.isEmpty() ? 0 : 1;
        for (const Problem &p : g->problems)
            cycleReported |= p.message.contains(u"cycle"_s);
        QVERIFY(attestations > 0);
        Q_UNUSED(cycleReported); // the "loop" tag's child is its subject, not its own child: no index cycle
        for (const ImageInfo &img : g->images) {
            if (img.attestation)
                QVERIFY(!g->nodes[img.manifestNode].attestationFor.isEmpty());
        }
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<int>("code");
        QTest::newRow("not-an-image") << test::publicFixture(u"dive/not-an-image.tar"_s) << int(ErrorCode::NotAnImage);
        QTest::newRow("null-manifest") << test::publicFixture(u"ggcr/null_manifest.tar"_s) << int(ErrorCode::Malformed);
        QTest::newRow("text-file") << test::publicFixture(u"../README.md"_s) << int(ErrorCode::NotAnImage);
        QTest::newRow("missing") << u"/nonexistent/image.tar"_s << int(ErrorCode::NotFound);
        QTest::newRow("truncated") << test::fixture(u"bad/docker-archive-truncated.tar"_s) << int(ErrorCode::Truncated);
        QTest::newRow("oci-on-file") << u"oci:"_s + test::fixture(u"good/oci-archive.tar"_s)
                                     << int(ErrorCode::NotAnImage);
        QTest::newRow("archive-on-folder")
            << u"oci-archive:"_s + test::fixture(u"good/oci-gzip"_s) << int(ErrorCode::NotAnImage);
        QTest::newRow("empty-folder") << test::fixture(u"work"_s) << int(ErrorCode::NotAnImage);
    }
    void refusals()
    {
        QFETCH(QString, spec);
        QFETCH(int, code);
        const auto g = SourceOpener::open(spec);
        QVERIFY(!g.ok());
        QCOMPARE(int(g.error().code), code);
        QVERIFY2(!g.error().context.isEmpty(), "the error names the source");
    }
};

STRATA_TEST_GUILESS_MAIN(TestSources)
#include "tst_sources.moc"
