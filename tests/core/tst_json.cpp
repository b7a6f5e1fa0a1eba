// SPDX-License-Identifier: MIT
// Bounded JSON: size and depth caps, duplicate keys, null, and document kind detection (CVE-2021-41190).
#include "core/json/jsondocument.h"
#include "core/json/jsonlimits.h"
#include "core/mediatypes.h"
#include "core/model/descriptor.h"
#include "core/model/imageconfig.h"
#include "core/model/manifest.h"
#include "tests/common/hermeticenv.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace strata;

class TestJson : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<int>("code"); // -1 valid
        QTest::newRow("object") << QByteArray("{\"a\":1}") << -1;
        QTest::newRow("null-literal") << QByteArray("null") << -1;
        QTest::newRow("array") << QByteArray("[1,2]") << -1;
        QTest::newRow("empty") << QByteArray("") << int(ErrorCode::Malformed);
        QTest::newRow("whitespace") << QByteArray("  \n") << int(ErrorCode::Malformed);
        QTest::newRow("trailing-garbage") << QByteArray("{\"a\":1} x") << int(ErrorCode::Malformed);
        QTest::newRow("two-values") << QByteArray("{} {}") << int(ErrorCode::Malformed);
        QTest::newRow("duplicate-key") << QByteArray("{\"mediaType\":\"a\",\"mediaType\":\"b\"}")
                                       << int(ErrorCode::Malformed);
        QTest::newRow("duplicate-escaped-key") << QByteArray("{\"a\":1,\"\\u0061\":2}") << int(ErrorCode::Malformed);
        QTest::newRow("duplicate-nested") << QByteArray("{\"x\":{\"k\":1,\"k\":2}}") << int(ErrorCode::Malformed);
        QTest::newRow("same-key-different-objects") << QByteArray("[{\"k\":1},{\"k\":2}]") << -1;
        QTest::newRow("key-like-value") << QByteArray("{\"a\":\"b\",\"c\":\"b\"}") << -1;
        QTest::newRow("deep") << QByteArray(200, '[') + QByteArray(200, ']') << int(ErrorCode::TooLarge);
        QTest::newRow("unterminated") << QByteArray("{\"a\":") << int(ErrorCode::Malformed);
    }
    void parse()
    {
        QFETCH(QByteArray, raw);
        QFETCH(int, code);
        const Result<QJsonValue> v = json::parse(raw, 1024 * 1024, u"test.json"_s);
        QCOMPARE(v.ok(), code < 0);
        if (code >= 0) {
            QCOMPARE(int(v.error().code), code);
            QCOMPARE(v.error().context, u"test.json"_s);
        }
    }

    void sizeLimit()
    {
        const QByteArray raw = "{\"a\":\"" + QByteArray(2000, 'x') + "\"}";
        const auto v = json::parse(raw, 1000, u"big.json"_s);
        QVERIFY(!v.ok());
        QCOMPARE(v.error().code, ErrorCode::TooLarge);
    }

    void sizes_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<bool>("ok");
        QTest::newRow("zero") << QByteArray("0") << true;
        QTest::newRow("int") << QByteArray("1234") << true;
        QTest::newRow("negative") << QByteArray("-1") << false;
        QTest::newRow("fraction") << QByteArray("1.5") << false;
        QTest::newRow("string") << QByteArray("\"12\"") << false;
        QTest::newRow("huge") << QByteArray("18446744073709551617") << false;
        QTest::newRow("2^53") << QByteArray("9007199254740992") << true;
        QTest::newRow("null") << QByteArray("null") << false;
    }
    void sizes()
    {
        QFETCH(QByteArray, value);
        QFETCH(bool, ok);
        const QByteArray raw =
            "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"sha256:" + QByteArray(64, 'a') +
            "\",\"size\":" + value + "}";
        const auto o = json::parseObject(raw, 4096, u"d"_s);
        QVERIFY(o.ok());
        const Result<Descriptor> d = Descriptor::fromJson(o.value(), u"d"_s);
        QCOMPARE(d.ok(), ok);
    }

    void documentKind_data()
    {
        QTest::addColumn<QByteArray>("doc");
        QTest::addColumn<QString>("declared");
        QTest::addColumn<int>("kind"); // -1: error (ambiguous)
        const QString ociM = QString::fromLatin1(mediatype::OciManifest);
        const QString ociI = QString::fromLatin1(mediatype::OciIndex);
        QTest::newRow("oci-manifest") << QByteArray("{\"schemaVersion\":2,\"mediaType\":\"application/"
                                                    "vnd.oci.image.manifest.v1+json\",\"config\":{},\"layers\":[]}")
                                      << ociM << int(DocumentKind::Manifest);
        QTest::newRow("oci-index")
            << QByteArray(
                   "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}")
            << ociI << int(DocumentKind::Index);
        QTest::newRow("no-mediatype-manifest") << QByteArray("{\"schemaVersion\":2,\"config\":{},\"layers\":[]}")
                                               << QString() << int(DocumentKind::Manifest);
        QTest::newRow("no-mediatype-index")
            << QByteArray("{\"schemaVersion\":2,\"manifests\":[]}") << QString() << int(DocumentKind::Index);
        QTest::newRow("both-fields") << QByteArray("{\"schemaVersion\":2,\"config\":{},\"layers\":[],\"manifests\":[]}")
                                     << QString() << -1;
        QTest::newRow("manifest-claims-index")
            << QByteArray("{\"schemaVersion\":2,\"mediaType\":\"application/"
                          "vnd.oci.image.index.v1+json\",\"config\":{},\"layers\":[]}")
            << QString() << -1;
        QTest::newRow("index-declared-manifest") << QByteArray("{\"schemaVersion\":2,\"manifests\":[]}") << ociM << -1;
        QTest::newRow("manifest-declared-index")
            << QByteArray("{\"schemaVersion\":2,\"mediaType\":\"application/"
                          "vnd.oci.image.manifest.v1+json\",\"config\":{},\"layers\":[]}")
            << ociI << -1;
        QTest::newRow("schema1") << QByteArray("{\"schemaVersion\":1,\"fsLayers\":[]}") << QString()
                                 << int(DocumentKind::Schema1);
        QTest::newRow("schema1-mixed") << QByteArray("{\"schemaVersion\":1,\"fsLayers\":[],\"layers\":[]}") << QString()
                                       << -1;
        QTest::newRow("docker-as-oci") << QByteArray(
                                              "{\"schemaVersion\":2,\"mediaType\":\"application/"
                                              "vnd.docker.distribution.manifest.v2+json\",\"config\":{},\"layers\":[]}")
                                       << ociM << int(DocumentKind::Manifest);
    }
    void documentKind()
    {
        QFETCH(QByteArray, doc);
        QFETCH(QString, declared);
        QFETCH(int, kind);
        const QJsonObject o = QJsonDocument::fromJson(doc).object();
        QString warning;
        const Result<DocumentKind> k = detectDocumentKind(o, declared, u"doc"_s, &warning);
        QCOMPARE(k.ok(), kind >= 0);
        if (kind >= 0)
            QCOMPARE(int(k.value()), kind);
        else
            QVERIFY(k.error().message.contains(u"ambiguous"_s) || k.error().message.contains(u"referenced as"_s));
    }

    void indexKeepsGoodEntries()
    {
        const QByteArray raw =
            "{\"schemaVersion\":2,\"manifests\":[\n"
            "            "
            "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:../../../../etc/"
            "passwd\",\"size\":1},\n"
            "            {\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:" +
            QByteArray(64, 'b') + "\",\"size\":2}]}";
        const Result<Index> idx = Index::fromJson(QJsonDocument::fromJson(raw).object(), u"index.json"_s);
        QVERIFY(idx.ok());
        QCOMPARE(idx->manifests.size(), 1);
        QCOMPARE(idx->invalidManifests.size(), 1);
        QVERIFY(idx->invalidManifests[0].message.contains(u"traversal"_s));
    }

    void nullManifests()
    {
        const Result<Index> idx =
            Index::fromJson(QJsonDocument::fromJson("{\"schemaVersion\":2,\"manifests\":null}").object(), u"i"_s);
        QVERIFY(idx.ok());
        QVERIFY(idx->manifestsWasNull);
        QVERIFY(idx->manifests.isEmpty());
    }

    void configHistoryMapping()
    {
        const QByteArray raw =
            "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" +
            QByteArray(64, '1') + "\",\"sha256:" + QByteArray(64, '2') +
            "\"]},\n"
            "            "
            "\"history\":[{\"created_by\":\"a\"},{\"created_by\":\"env\",\"empty_layer\":true},{\"created_by\":\"b\"}],"
            "\n"
            "            "
            "\"config\":{\"Env\":[\"A=1\"],\"Cmd\":[\"sh\"],\"Labels\":{\"k\":\"v\"},\"ExposedPorts\":{\"80/"
            "tcp\":{}}}}";
        const auto c = ImageConfig::fromJson(QJsonDocument::fromJson(raw).object(), u"c"_s);
        QVERIFY(c.ok());
        QCOMPARE(c->historyToLayer(), (QList<int>{0, -1, 1}));
        QCOMPARE(c->layerCommands(), (QStringList{u"a"_s, u"b"_s}));
        QCOMPARE(c->env, QStringList{u"A=1"_s});
        QCOMPARE(c->labels.value(u"k"_s), u"v"_s);
        QCOMPARE(c->exposedPorts, QStringList{u"80/tcp"_s});
    }

    void configRejects_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::newRow("bad-diff-id") << QByteArray(
            "{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:nothex\"]}}");
        QTest::newRow("bad-rootfs-type") << QByteArray("{\"rootfs\":{\"type\":\"zfs\",\"diff_ids\":[]}}");
    }
    void configRejects()
    {
        QFETCH(QByteArray, raw);
        QVERIFY(!ImageConfig::fromJson(QJsonDocument::fromJson(raw).object(), u"c"_s).ok());
    }
};

STRATA_TEST_APPLESS_MAIN(TestJson)
#include "tst_json.moc"
