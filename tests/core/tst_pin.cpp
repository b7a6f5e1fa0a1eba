// SPDX-License-Identifier: MIT
// Pinning image references (core/pin, `strata pin`): the Dockerfile and YAML scanners row by row with exact
// positions, then end to end against a real docker-registry on 127.0.0.1 that skopeo pushed a single-platform image
// and a multi-platform index to: --write compared byte for byte with the expected files, a moved tag reported, a
// registry that is down leaving every file untouched, --partial, and bad YAML.
#include "core/pin/dockerfilerefs.h"
#include "core/pin/pinplan.h"
#include "core/pin/pinresolver.h"
#include "core/pin/yamlrefs.h"
#include "tests/common/hermeticenv.h"
#include "tests/common/testutil.h"
#include "tests/core/registryserver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace strata;
using namespace strata::pin;
using namespace strata::test;
using namespace Qt::StringLiterals;

namespace {

// "line:column where: text", then " [left alone: …]" or " [not editable: …]".
QStringList rows(const QList<FoundReference> &refs)
{
    QStringList out;
    for (const FoundReference &r : refs) {
        QString s = u"%1:%2 %3: %4"_s.arg(r.line).arg(r.column).arg(r.where, r.text);
        if (!r.leftAlone.isEmpty())
            s += u" [left alone: "_s + r.leftAlone + u']';
        if (!r.notEditable.isEmpty())
            s += u" [not editable: "_s + r.notEditable + u']';
        out << s;
    }
    return out;
}

// Every offset points at the text it names.
bool offsetsMatch(const QByteArray &text, const QList<FoundReference> &refs)
{
    for (const FoundReference &r : refs)
        if (r.notEditable.isEmpty() && text.mid(r.offset, r.text.toUtf8().size()) != r.text.toUtf8())
            return false;
    return true;
}

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run runStrata(const QStringList &args)
{
    QProcess p;
    p.start(strataBinary(), args);
    Run r;
    if (!p.waitForFinished(120000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

} // namespace

class TstPin : public QObject
{
    Q_OBJECT

    QTemporaryDir m_work;
    std::unique_ptr<RegistryServer> m_registry;
    std::unique_ptr<RegistryServer> m_down; // started, pushed to, then stopped
    QString m_host;
    QString m_downHost;
    Digest m_app1;     // strata/app:1, one platform (linux/amd64)
    Digest m_index;    // strata/multi:latest, an OCI index of linux/amd64 and linux/arm64
    Digest m_movedWas; // strata/moved:1 before it moved
    Digest m_movedNow;

    Digest digestOf(const QString &host, const QString &ref)
    {
        QString out;
        if (!runTool(u"skopeo"_s, {u"inspect"_s, u"--raw"_s, u"--tls-verify=false"_s, u"docker://"_s + host + ref},
                     &out))
            qFatal("skopeo inspect failed: %s", qPrintable(out));
        return sha256Of(out.toUtf8());
    }

    QByteArray subst(QByteArray t) const
    {
        t.replace("{H}", m_host.toUtf8());
        t.replace("{DOWN}", m_downHost.toUtf8());
        t.replace("{APP1}", m_app1.toString().toUtf8());
        t.replace("{INDEX}", m_index.toString().toUtf8());
        t.replace("{WAS}", m_movedWas.toString().toUtf8());
        return t;
    }

private Q_SLOTS:
    void dockerfile_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("stages") << QByteArray("FROM golang:1.22 AS build\n"
                                              "RUN go build -o /app .\n"
                                              "FROM build AS test\n"
                                              "FROM Build\n"
                                              "FROM alpine:3.19\n"
                                              "COPY --from=build /app /app\n"
                                              "COPY --from=0 /app /app2\n"
                                              "COPY --from=busybox:1.36 /bin/busybox /bin/\n")
                                << QStringList{u"1:6 FROM (stage build): golang:1.22"_s,
                                               u"3:6 FROM (stage test): build [left alone: the build stage \"build\" "
                                               "(line 1), not an image]"_s,
                                               u"4:6 FROM: Build [left alone: the build stage \"Build\" (line 1), "
                                               "not an image]"_s,
                                               u"5:6 FROM: alpine:3.19"_s, u"8:13 COPY --from: busybox:1.36"_s};
        QTest::newRow("platform") << QByteArray("FROM --platform=linux/arm64 debian:12-slim AS base\n"
                                                "FROM --platform=$TARGETPLATFORM base\n"
                                                "FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.4 AS xx\n")
                                  << QStringList{
                                         u"1:29 FROM --platform=linux/arm64 (stage base): debian:12-slim"_s,
                                         u"2:33 FROM --platform=$TARGETPLATFORM: base [left alone: the build "
                                         "stage \"base\" (line 1), not an image]"_s,
                                         u"3:32 FROM --platform=$BUILDPLATFORM (stage xx): tonistiigi/xx:1.4"_s};
        QTest::newRow("ARG") << QByteArray("ARG BASE=alpine:3.19\n"
                                           "ARG TAG\n"
                                           "ARG REG=\"registry.example.com\"\n"
                                           "FROM ${BASE}\n"
                                           "FROM $REG/app:$TAG AS app\n"
                                           "FROM scratch\n")
                             << QStringList{u"4:6 FROM: ${BASE} [left alone: built from ARG BASE (default "
                                            "alpine:3.19)]"_s,
                                            u"5:6 FROM (stage app): $REG/app:$TAG [left alone: built from ARG REG "
                                            "(default registry.example.com), TAG]"_s,
                                            u"6:6 FROM: scratch [left alone: scratch, the empty image: nothing to "
                                            "pin]"_s};
        QTest::newRow("directives, comments, continuation")
            << QByteArray("# syntax=docker/dockerfile:1\n"
                          "# escape=\\\n"
                          "\n"
                          "# FROM commented:out\n"
                          "from \\\n"
                          "  # a comment inside the instruction\n"
                          "\n"
                          "  nginx:1.25 \\\n"
                          "  as web\n"
                          "  FROM   quay.io/prometheus/node-exporter:v1.8.0\n")
            << QStringList{u"8:3 FROM (stage web): nginx:1.25"_s,
                           u"10:10 FROM: quay.io/prometheus/node-exporter:v1.8.0"_s};
        QTest::newRow("escape backtick") << QByteArray("# escape=`\n"
                                                       "FROM `\n"
                                                       "    mcr.microsoft.com/windows/servercore:ltsc2022\n"
                                                       "RUN dir c:\\\n")
                                         << QStringList{u"3:5 FROM: mcr.microsoft.com/windows/servercore:ltsc2022"_s};
        QTest::newRow("CRLF") << QByteArray("FROM alpine:3.19\r\nFROM busybox \\\r\n  AS b\r\n")
                              << QStringList{u"1:6 FROM: alpine:3.19"_s, u"2:6 FROM (stage b): busybox"_s};
        QTest::newRow("pinned") << QByteArray("FROM alpine:3.19@sha256:"
                                              "c5b1261d6d3e43071626931fc004f70149baeba2c8ec672bd4f27761f8e1ad6b\n")
                                << QStringList{u"1:6 FROM: alpine:3.19@sha256:"
                                               "c5b1261d6d3e43071626931fc004f70149baeba2c8ec672bd4f27761f8e1ad6b"_s};
    }
    void dockerfile()
    {
        QFETCH(QByteArray, text);
        QFETCH(QStringList, expected);
        Result<QList<FoundReference>> r = findDockerfileReferences(text);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().toString()));
        QCOMPARE(rows(r.value()), expected);
        QVERIFY(offsetsMatch(text, r.value()));
    }

    void dockerfileMalformed_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("message");
        QTest::newRow("FROM alone") << QByteArray("FROM alpine\n\nFROM --platform=linux/amd64\n") << u"line 3"_s
                                    << u"FROM without an image"_s;
        QTest::newRow("extra words") << QByteArray("FROM alpine latest\n") << u"line 1"_s
                                     << u"FROM takes an image and optionally AS name, not \"latest\""_s;
        QTest::newRow("escape") << QByteArray("# escape=x\nFROM alpine\n") << u"line 1"_s
                                << u"the escape directive takes \\ or `, not \"x\""_s;
    }
    void dockerfileMalformed()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, context);
        QFETCH(QString, message);
        Result<QList<FoundReference>> r = findDockerfileReferences(text);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Malformed);
        QCOMPARE(r.error().context, context);
        QCOMPARE(r.error().message, message);
    }

    void yaml_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QStringList>("kinds");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("Compose: comments, quotes, flow style, build, variables, aliases")
            << QByteArray("# the stack\n"
                          "x-base: &base \"nginx:1.27\"\n"
                          "services:\n"
                          "  web:\n"
                          "    image: \"registry.example.com/web:2\"   # the front\n"
                          "  db: {image: 'postgres:16', restart: always}\n"
                          "  cache:\n"
                          "    image: redis   # implicit latest\n"
                          "  app:\n"
                          "    build: .\n"
                          "    image: me/app:dev\n"
                          "  worker:\n"
                          "    image: \"${REGISTRY}/worker:1\"\n"
                          "  proxy:\n"
                          "    image: *base\n"
                          "  proxy2:\n"
                          "    image: *base\n"
                          "  odd:\n"
                          "    image: \"ngin\\x78:1\"\n")
            << QStringList{u"Compose"_s}
            << QStringList{u"5:13 services.web.image: registry.example.com/web:2"_s,
                           u"6:16 services.db.image: postgres:16"_s,
                           u"8:12 services.cache.image: redis"_s,
                           u"11:12 services.app.image: me/app:dev [left alone: the name this service's build: "
                           "produces]"_s,
                           u"13:13 services.worker.image: ${REGISTRY}/worker:1 [left alone: built from a variable]"_s,
                           u"2:16 services.proxy.image: nginx:1.27"_s,
                           u"19:12 services.odd.image: nginx:1 [not editable: written with escapes, folded or over "
                           "several lines: edit it by hand]"_s};
        QTest::newRow("Kubernetes: Deployment, CronJob, Pod, ConfigMap")
            << QByteArray("apiVersion: apps/v1\n"
                          "kind: Deployment\n"
                          "metadata: {name: web}\n"
                          "spec:\n"
                          "  template:\n"
                          "    spec:\n"
                          "      initContainers:\n"
                          "        - name: init\n"
                          "          image: busybox:1.36\n"
                          "      containers:\n"
                          "        - name: web\n"
                          "          image: 'nginx:1.27'  # front\n"
                          "        - {name: side, image: \"envoyproxy/envoy:v1.30\"}\n"
                          "---\n"
                          "# a CronJob\n"
                          "apiVersion: batch/v1\n"
                          "kind: CronJob\n"
                          "spec:\n"
                          "  jobTemplate:\n"
                          "    spec:\n"
                          "      template:\n"
                          "        spec:\n"
                          "          containers:\n"
                          "          - image: alpine:3.19\n"
                          "---\n"
                          "apiVersion: v1\n"
                          "kind: ConfigMap\n"
                          "data: {image: not-this}\n"
                          "---\n"
                          "apiVersion: v1\n"
                          "kind: Pod\n"
                          "spec:\n"
                          "  containers: [{name: a, image: redis}]\n"
                          "  ephemeralContainers:\n"
                          "  - image: \"busybox:1.36\"\n")
            << QStringList{u"Kubernetes Deployment"_s, u"Kubernetes CronJob"_s, u"Kubernetes ConfigMap"_s,
                           u"Kubernetes Pod"_s}
            << QStringList{u"9:18 spec.template.spec.initContainers[0].image: busybox:1.36"_s,
                           u"12:19 spec.template.spec.containers[0].image: nginx:1.27"_s,
                           u"13:32 spec.template.spec.containers[1].image: envoyproxy/envoy:v1.30"_s,
                           u"24:20 spec.jobTemplate.spec.template.spec.containers[0].image: alpine:3.19"_s,
                           u"33:33 spec.containers[0].image: redis"_s,
                           u"35:13 spec.ephemeralContainers[0].image: busybox:1.36"_s};
        QTest::newRow("GitHub Actions") << QByteArray("on: [push]\n"
                                                      "jobs:\n"
                                                      "  test:\n"
                                                      "    runs-on: ubuntu-latest\n"
                                                      "    container: node:20\n"
                                                      "    services:\n"
                                                      "      redis:\n"
                                                      "        image: redis:7\n"
                                                      "    steps:\n"
                                                      "      - uses: actions/checkout@v4\n"
                                                      "      - uses: docker://alpine:3.19\n"
                                                      "  lint:\n"
                                                      "    runs-on: ubuntu-latest\n"
                                                      "    container:\n"
                                                      "      image: \"golangci/golangci-lint:v1.59\"\n")
                                        << QStringList{u"GitHub Actions"_s}
                                        << QStringList{
                                               u"5:16 jobs.test.container: node:20"_s,
                                               u"8:16 jobs.test.services.redis.image: redis:7"_s,
                                               u"11:24 jobs.test.steps[1].uses: alpine:3.19"_s,
                                               u"15:15 jobs.lint.container.image: golangci/golangci-lint:v1.59"_s};
        QTest::newRow("GitLab CI")
            << QByteArray("image: ruby:3.3\n"
                          "services:\n"
                          "  - postgres:16\n"
                          "  - name: redis:7\n"
                          "    alias: cache\n"
                          "default:\n"
                          "  image: {name: 'python:3.12'}\n"
                          "variables: {image: not-this}\n"
                          "stages: [test]\n"
                          "test:\n"
                          "  image: $CI_REGISTRY_IMAGE:latest\n"
                          "  script: [rake]\n"
                          "build:\n"
                          "  image:\n"
                          "    name: gcr.io/kaniko-project/executor:debug\n"
                          "  script: [build]\n")
            << QStringList{u"GitLab CI"_s}
            << QStringList{u"1:8 image: ruby:3.3"_s,
                           u"3:5 services[0]: postgres:16"_s,
                           u"4:11 services[1].name: redis:7"_s,
                           u"7:18 default.image.name: python:3.12"_s,
                           u"11:10 test.image: $CI_REGISTRY_IMAGE:latest [left alone: built from a variable]"_s,
                           u"15:11 build.image.name: gcr.io/kaniko-project/executor:debug"_s};
    }
    void yaml()
    {
        QFETCH(QByteArray, text);
        QFETCH(QStringList, kinds);
        QFETCH(QStringList, expected);
        Result<YamlReferences> r = findYamlReferences(text);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().toString()));
        QCOMPARE(r->kinds, kinds);
        QCOMPARE(rows(r->references), expected);
        QVERIFY(offsetsMatch(text, r->references));
    }

    void yamlBad_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("context");
        QTest::newRow("unclosed flow") << QByteArray("services:\n  web: {image: a\n") << int(ErrorCode::Malformed)
                                       << u"line 3, column 1"_s;
        QTest::newRow("bad indentation") << QByteArray("services:\n  web:\n    image: a\n   x: b\n")
                                         << int(ErrorCode::Malformed) << u"line 4, column 4"_s;
        QTest::newRow("another kind") << QByteArray("name: x\nversion: 1\n") << int(ErrorCode::Unsupported)
                                      << QString();
    }
    void yamlBad()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, code);
        QFETCH(QString, context);
        Result<YamlReferences> r = findYamlReferences(text);
        QVERIFY(!r);
        QCOMPARE(int(r.error().code), code);
        QCOMPARE(r.error().context, context);
    }

    void referenceGrammar_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("lookup");
        QTest::addColumn<QString>("tag");
        QTest::addColumn<QString>("pinned");
        const QString d = u"sha256:c5b1261d6d3e43071626931fc004f70149baeba2c8ec672bd4f27761f8e1ad6b"_s;
        QTest::newRow("hub name") << u"redis"_s << u"registry-1.docker.io/library/redis:latest"_s << QString()
                                  << u"redis:latest@"_s + d;
        QTest::newRow("hub path") << u"bitnami/redis:7"_s << u"registry-1.docker.io/bitnami/redis:7"_s << u"7"_s
                                  << u"bitnami/redis:7@"_s + d;
        QTest::newRow("host port") << u"127.0.0.1:5000/a/b:v1"_s << u"127.0.0.1:5000/a/b:v1"_s << u"v1"_s
                                   << u"127.0.0.1:5000/a/b:v1@"_s + d;
        QTest::newRow("localhost") << u"localhost/x"_s << u"localhost/x:latest"_s << QString()
                                   << u"localhost/x:latest@"_s + d;
    }
    void referenceGrammar()
    {
        QFETCH(QString, text);
        QFETCH(QString, lookup);
        QFETCH(QString, tag);
        QFETCH(QString, pinned);
        Result<ParsedReference> r = ParsedReference::parse(text);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().toString()));
        QCOMPARE(r->registry.toString(), lookup);
        QCOMPARE(r->tag, tag);
        QVERIFY(!r->isPinned());
        const Digest d = Digest::parse(pinned.section(u'@', 1)).value();
        QCOMPARE(pinnedText(text, r.value(), d), pinned);
        Result<ParsedReference> p = ParsedReference::parse(pinned);
        QVERIFY(p && p->isPinned());
        QCOMPARE(p->digest, d);
        QVERIFY(!ParsedReference::parse(u"UPPER/Case"_s));
        QVERIFY(!ParsedReference::parse(u"a@sha256:12"_s));
    }

    // --- end to end, against a real registry -----------------------------------------------------------------

    void initTestCase()
    {
        QVERIFY(m_work.isValid());
        qputenv("DOCKER_CONFIG", m_work.filePath(u"no-docker-config"_s).toUtf8());
    }

    void startRegistry()
    {
        for (const QString &tool : {u"docker-registry"_s, u"skopeo"_s, u"jq"_s})
            QVERIFY2(!QStandardPaths::findExecutable(tool).isEmpty(),
                     qPrintable(tool + u" is not installed (packaging/install-deps.sh installs it)"_s));
        QVERIFY2(QFileInfo(strataBinary()).isExecutable(), "STRATA_BIN must name the strata executable");
        m_registry = std::make_unique<RegistryServer>();
        QString err;
        QVERIFY2(m_registry->start(RegistryServer::Auth::None, &err), qPrintable(err));
        m_host = m_registry->host();
        const QString g = fixture(u"good/"_s);
        QString out;
        QVERIFY2(push(u"oci:"_s + g + u"oci-multi:v1"_s, m_host, u"strata/app:1"_s, {}, &out), qPrintable(out));
        m_app1 = digestOf(m_host, u"/strata/app:1"_s);
        const QString layout = m_work.filePath(u"multi-layout"_s);
        QVERIFY2(runTool(u"bash"_s,
                         {QStringLiteral(STRATA_SOURCE_DIR) + u"/tests/registry/make-index-layout.sh"_s,
                          g + u"oci-multi"_s, layout},
                         &out),
                 qPrintable(out));
        m_index = Digest::parse(out.trimmed()).value();
        QVERIFY2(push(u"oci:"_s + layout + u":multi"_s, m_host, u"strata/multi:latest"_s, {u"--all"_s}, &out),
                 qPrintable(out));
        QCOMPARE(digestOf(m_host, u"/strata/multi:latest"_s), m_index);
        // A tag that moves after a file pinned it.
        QVERIFY2(push(u"oci:"_s + g + u"oci-multi:v1"_s, m_host, u"strata/moved:1"_s, {}, &out), qPrintable(out));
        m_movedWas = digestOf(m_host, u"/strata/moved:1"_s);
        QVERIFY2(push(u"oci:"_s + g + u"oci-multi:v2"_s, m_host, u"strata/moved:1"_s, {}, &out), qPrintable(out));
        m_movedNow = digestOf(m_host, u"/strata/moved:1"_s);
        QVERIFY(m_movedWas != m_movedNow);
        // A registry that held an image and is now down.
        m_down = std::make_unique<RegistryServer>();
        QVERIFY2(m_down->start(RegistryServer::Auth::None, &err), qPrintable(err));
        m_downHost = m_down->host();
        QVERIFY2(push(u"oci:"_s + g + u"oci-multi:v1"_s, m_downHost, u"strata/app:1"_s, {}, &out), qPrintable(out));
        m_down->stop();
    }

    void resolverDirect()
    {
        PinResolver resolver(true);
        Result<Resolution> multi = resolver.resolve(RegistryReference::parse(m_host + u"/strata/multi"_s).value());
        QVERIFY2(multi, qPrintable(multi ? QString() : multi.error().toString()));
        QCOMPARE(multi->digest, m_index);
        QCOMPARE(multi->mediaType, u"application/vnd.oci.image.index.v1+json"_s);
        QCOMPARE(multi->platforms, QStringList({u"linux/amd64"_s, u"linux/arm64"_s}));
        Result<Resolution> one = resolver.resolve(RegistryReference::parse(m_host + u"/strata/app:1"_s).value());
        QVERIFY(one);
        QCOMPARE(one->digest, m_app1);
        QCOMPARE(one->platforms, QStringList({u"linux/amd64"_s}));
        Result<Resolution> none = resolver.resolve(RegistryReference::parse(m_host + u"/strata/app:nope"_s).value());
        QVERIFY(!none);
        QCOMPARE(none.error().code, ErrorCode::NotFound);
    }

    void writeByteForByte_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("Dockerfile") << u"Dockerfile"_s
                                    << QByteArray("# syntax=docker/dockerfile:1\n"
                                                  "ARG BASE={H}/strata/app:1\n"
                                                  "FROM --platform=$BUILDPLATFORM {H}/strata/multi AS build\n"
                                                  "RUN make \\\n"
                                                  "  all\n"
                                                  "FROM ${BASE}\n"
                                                  "FROM build AS test\n"
                                                  "FROM \\\n"
                                                  "    {H}/strata/app:1   AS final\n"
                                                  "COPY --from=build /out /out\n")
                                    << QByteArray("# syntax=docker/dockerfile:1\n"
                                                  "ARG BASE={H}/strata/app:1\n"
                                                  "FROM --platform=$BUILDPLATFORM {H}/strata/multi:latest@{INDEX} AS "
                                                  "build\n"
                                                  "RUN make \\\n"
                                                  "  all\n"
                                                  "FROM ${BASE}\n"
                                                  "FROM build AS test\n"
                                                  "FROM \\\n"
                                                  "    {H}/strata/app:1@{APP1}   AS final\n"
                                                  "COPY --from=build /out /out\n");
        QTest::newRow("Compose, CRLF") << u"compose.yaml"_s
                                       << QByteArray("# the stack\r\n"
                                                     "services:\r\n"
                                                     "  web:\r\n"
                                                     "    image: \"{H}/strata/multi:latest\"   # front\r\n"
                                                     "  db: {image: '{H}/strata/app:1', restart: always}\r\n"
                                                     "  app:\r\n"
                                                     "    image: {H}/strata/app:1 # plain\r\n"
                                                     "  built:\r\n"
                                                     "    build: .\r\n"
                                                     "    image: {H}/strata/app:1\r\n"
                                                     "  worker:\r\n"
                                                     "    image: ${REG}/worker\r\n")
                                       << QByteArray("# the stack\r\n"
                                                     "services:\r\n"
                                                     "  web:\r\n"
                                                     "    image: \"{H}/strata/multi:latest@{INDEX}\"   # front\r\n"
                                                     "  db: {image: '{H}/strata/app:1@{APP1}', restart: always}\r\n"
                                                     "  app:\r\n"
                                                     "    image: {H}/strata/app:1@{APP1} # plain\r\n"
                                                     "  built:\r\n"
                                                     "    build: .\r\n"
                                                     "    image: {H}/strata/app:1\r\n"
                                                     "  worker:\r\n"
                                                     "    image: ${REG}/worker\r\n");
        QTest::newRow("Kubernetes") << u"deploy.yaml"_s
                                    << QByteArray("apiVersion: apps/v1\n"
                                                  "kind: Deployment\n"
                                                  "spec:\n"
                                                  "  template:\n"
                                                  "    spec:\n"
                                                  "      containers:\n"
                                                  "      - name: a     # first\n"
                                                  "        image: \"{H}/strata/app:1\"\n"
                                                  "      - {name: b, image: {H}/strata/multi}\n"
                                                  "---\n"
                                                  "kind: CronJob\n"
                                                  "apiVersion: batch/v1\n"
                                                  "spec:\n"
                                                  "  jobTemplate:\n"
                                                  "    spec:\n"
                                                  "      template:\n"
                                                  "        spec:\n"
                                                  "          initContainers:\n"
                                                  "            - image:    '{H}/strata/app:1'\n")
                                    << QByteArray("apiVersion: apps/v1\n"
                                                  "kind: Deployment\n"
                                                  "spec:\n"
                                                  "  template:\n"
                                                  "    spec:\n"
                                                  "      containers:\n"
                                                  "      - name: a     # first\n"
                                                  "        image: \"{H}/strata/app:1@{APP1}\"\n"
                                                  "      - {name: b, image: {H}/strata/multi:latest@{INDEX}}\n"
                                                  "---\n"
                                                  "kind: CronJob\n"
                                                  "apiVersion: batch/v1\n"
                                                  "spec:\n"
                                                  "  jobTemplate:\n"
                                                  "    spec:\n"
                                                  "      template:\n"
                                                  "        spec:\n"
                                                  "          initContainers:\n"
                                                  "            - image:    '{H}/strata/app:1@{APP1}'\n");
    }
    void writeByteForByte()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(name);
        writeFile(path, subst(input));
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup));
        const QFile::Permissions permissions = QFile::permissions(path);
        const Run r = runStrata({u"pin"_s, u"--write"_s, path});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QCOMPARE(readFile(path), subst(expected));
        QCOMPARE(QFile::permissions(path), permissions);
        QVERIFY2(r.out.contains(u"wrote "_s + path), qPrintable(r.out));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{name}); // no temporary file left behind
        if (subst(input).contains("strata/multi"))
            QVERIFY2(r.out.contains(u"@"_s + m_index.toString() + u" (linux/amd64, linux/arm64)"_s), qPrintable(r.out));
        // A second run finds everything pinned and writes nothing.
        const Run again = runStrata({u"pin"_s, u"--write"_s, path});
        QCOMPARE(again.exitCode, 0);
        QVERIFY(!again.out.contains(u"wrote"_s));
        QVERIFY2(again.out.contains(u": pinned"_s), qPrintable(again.out));
        QCOMPARE(readFile(path), subst(expected));
    }

    void json()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"compose.yml"_s);
        writeFile(path, subst("services:\n  a: {image: {H}/strata/multi}\n  b: {image: \"${X}\"}\n"));
        const Run r = runStrata({u"pin"_s, u"--json"_s, path});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject f = QJsonDocument::fromJson(r.out.toUtf8()).object()[u"files"_s].toArray()[0].toObject();
        QCOMPARE(f[u"kind"_s].toString(), u"Compose"_s);
        QCOMPARE(f[u"written"_s].toBool(), false);
        const QJsonArray refs = f[u"references"_s].toArray();
        QCOMPARE(refs.size(), 2);
        const QJsonObject a = refs[0].toObject();
        QCOMPARE(a[u"status"_s].toString(), u"pinnable"_s);
        QCOMPARE(a[u"line"_s].toInt(), 2);
        QCOMPARE(a[u"column"_s].toInt(), 14);
        QCOMPARE(a[u"pinned"_s].toString(), m_host + u"/strata/multi:latest@"_s + m_index.toString());
        QCOMPARE(a[u"digest"_s].toString(), m_index.toString());
        QCOMPARE(a[u"platforms"_s].toArray(), QJsonArray({u"linux/amd64"_s, u"linux/arm64"_s}));
        QCOMPARE(refs[1].toObject()[u"status"_s].toString(), u"left-alone"_s);
        QCOMPARE(readFile(path), subst("services:\n  a: {image: {H}/strata/multi}\n  b: {image: \"${X}\"}\n"));
    }

    void movedTag()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"compose.yaml"_s);
        const QByteArray text = subst("services:\n  a:\n    image: {H}/strata/moved:1@{WAS}\n"
                                      "  b:\n    image: {H}/strata/app:1@{APP1}\n");
        writeFile(path, text);
        const Run r = runStrata({u"pin"_s, u"--write"_s, path});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(u"WARNING the tag 1 now points to %1; the pinned %2 is kept"_s.arg(
                     m_movedNow.toString(), m_movedWas.toString())),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(u"5:12: services.b.image: "_s + m_host + u"/strata/app:1@"_s + m_app1.toString() +
                                u": pinned (linux/amd64)"_s),
                 qPrintable(r.out));
        QCOMPARE(readFile(path), text);
    }

    void registryDownTouchesNothing()
    {
        QTemporaryDir dir;
        const QStringList names{u"Dockerfile"_s, u"compose.yaml"_s, u"k8s.yaml"_s};
        const QList<QByteArray> texts{
            subst("FROM {DOWN}/strata/app:1 AS a\nFROM a\n"),
            subst("services:\n  x: {image: \"{DOWN}/strata/app:1\"}\n"),
            subst("apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - image: {DOWN}/strata/app:1\n")};
        QStringList paths;
        QList<QDateTime> mtimes;
        for (int i = 0; i < names.size(); ++i) {
            paths << dir.filePath(names[i]);
            writeFile(paths.last(), texts[i]);
            QFile f(paths.last());
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(
                f.setFileTime(QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC), QFileDevice::FileModificationTime));
            f.close();
            mtimes << QFileInfo(paths.last()).lastModified();
        }
        for (const QStringList &extra : {QStringList{}, QStringList{u"--partial"_s}}) {
            const Run r = runStrata(QStringList{u"pin"_s, u"--write"_s} + extra + paths);
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.out.contains(u"ERROR not resolved"_s) && r.out.contains(m_downHost), qPrintable(r.out));
            for (int i = 0; i < names.size(); ++i) {
                QCOMPARE(readFile(paths[i]), texts[i]);
                QCOMPARE(QFileInfo(paths[i]).lastModified(), mtimes[i]);
            }
            QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), names.size());
        }
    }

    void partial()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"compose.yaml"_s);
        const QByteArray text =
            subst("services:\n  up: {image: {H}/strata/app:1}\n  down: {image: {DOWN}/strata/app:1}\n");
        writeFile(path, text);
        Run r = runStrata({u"pin"_s, u"--write"_s, path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(
            r.out.contains(u"not written: 1 of its references could not be pinned (--partial writes the others)"_s),
            qPrintable(r.out));
        QCOMPARE(readFile(path), text);
        r = runStrata({u"pin"_s, u"--write"_s, u"--partial"_s, path});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(readFile(path),
                 subst("services:\n  up: {image: {H}/strata/app:1@{APP1}}\n  down: {image: {DOWN}/strata/app:1}\n"));
    }

    void badInput()
    {
        QTemporaryDir dir;
        const QString bad = dir.filePath(u"bad.yaml"_s);
        writeFile(bad, "services:\n  web:\n    image: [a\n");
        const QString good = dir.filePath(u"good.yaml"_s);
        const QByteArray goodText = subst("services:\n  a: {image: {H}/strata/app:1}\n");
        writeFile(good, goodText);
        Run r = runStrata({u"pin"_s, bad});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(bad + u", line 4, column 1: not valid YAML"_s), qPrintable(r.err));
        r = runStrata({u"pin"_s, dir.filePath(u"missing.yaml"_s)});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(u"missing.yaml: cannot read"_s), qPrintable(r.err));
        const QString df = dir.filePath(u"Containerfile"_s);
        writeFile(df, "FROM alpine\nFROM\n");
        r = runStrata({u"pin"_s, df});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(df + u", line 2: FROM without an image"_s), qPrintable(r.err));
        const QString invalid = dir.filePath(u"invalid.yaml"_s);
        writeFile(invalid, "services:\n  a: {image: Not_A/Reference}\n");
        r = runStrata({u"pin"_s, invalid});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.out.contains(u"ERROR not an image reference"_s), qPrintable(r.out));
        r = runStrata({u"pin"_s, u"--partial"_s, good});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(readFile(good), goodText);
    }

    void cleanupTestCase()
    {
        m_registry.reset();
        m_down.reset();
    }
};

STRATA_TEST_GUILESS_MAIN(TstPin)
#include "tst_pin.moc"
