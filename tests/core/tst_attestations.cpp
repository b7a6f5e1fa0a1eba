// SPDX-License-Identifier: MIT
// Attached artifacts' decoders: DSSE envelopes and in-toto statements from sigstore-go's real Sigstore bundles
// (../shared/fixtures/public/signatures/sigstore-go), their SLSA provenance, and SPDX / CycloneDX documents written
// by `npm sbom` at test time; every field compared with what jq (and openssl, for the PAE) read from the same
// bytes. Hostile inputs made here: a 50 MB statement, broken base64, 100,000 subjects, an SBOM over MaxPackages.
#include "core/attestations/attestationlimits.h"
#include "core/attestations/dsseenvelope.h"
#include "core/attestations/intotostatement.h"
#include "core/attestations/predicatekind.h"
#include "core/attestations/provenancesummary.h"
#include "core/attestations/sbomdocument.h"
#include "tests/common/hermeticenv.h"
#include "tests/common/npmsbom.h"
#include "tests/common/testutil.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace strata;

namespace {

QString bundle(const QString &name)
{
    return test::publicFixture(u"signatures/sigstore-go/"_s + name);
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

// jq -r FILTER FILE, one trimmed string.
QString jq(const QString &filter, const QString &file)
{
    return QString::fromUtf8(
               test::shellOutput(u"jq -r %1 %2"_s.arg(test::shellQuoted(filter), test::shellQuoted(file))))
        .trimmed();
}

// jq over the statement inside a bundle's DSSE payload.
QString jqPayload(const QString &filter, const QString &file)
{
    return QString::fromUtf8(test::shellOutput(u"jq -r .dsseEnvelope.payload %1 | base64 -d | jq -r %2"_s.arg(
                                 test::shellQuoted(file), test::shellQuoted(filter))))
        .trimmed();
}

InTotoStatement statementOf(const QString &file)
{
    const QByteArray envelope = test::shellOutput(u"jq -c .dsseEnvelope "_s + test::shellQuoted(file));
    Result<DsseEnvelope> e = parseDsseEnvelope(envelope, file);
    if (!e)
        qFatal("%s", qPrintable(e.error().toString()));
    Result<InTotoStatement> s = inTotoFromEnvelope(e.value(), file);
    if (!s)
        qFatal("%s", qPrintable(s.error().toString()));
    return s.value();
}

QByteArray bigStatement(qsizetype bytes)
{
    QByteArray filler(bytes, 'a');
    return "{\"_type\":\"https://in-toto.io/Statement/"
           "v1\",\"subject\":[],\"predicateType\":\"x\",\"predicate\":{\"x\":\"" +
           filler + "\"}}";
}

} // namespace

class TestAttestations final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dsseFromSigstoreBundles_data();
    void dsseFromSigstoreBundles();
    void paeVerifiesWithOpenssl();
    void provenanceStatement();
    void provenanceSummaryV02();
    void provenanceSummaryV1();
    void publishStatement();
    void wholeBundleIsAnAttestation();
    void base64Strictness_data();
    void base64Strictness();
    void hostileEnvelopes_data();
    void hostileEnvelopes();
    void manySignatures();
    void fiftyMegabyteStatementRefusedFast();
    void hundredThousandSubjects();
    void envelopeOfAnotherPayloadType();
    void npmSbom_data();
    void npmSbom();
    void sbomAsInTotoPredicate();
    void sbomOverMaxPackages();
    void classify_data();
    void classify();
};

void TestAttestations::dsseFromSigstoreBundles_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("provenance") << bundle(u"bundle-provenance.json"_s);
    QTest::newRow("publish") << bundle(u"bundle-publish.json"_s);
}

void TestAttestations::dsseFromSigstoreBundles()
{
    QFETCH(QString, file);
    const QByteArray envelope = test::shellOutput(u"jq -c .dsseEnvelope "_s + test::shellQuoted(file));
    Result<DsseEnvelope> e = parseDsseEnvelope(envelope, file);
    QVERIFY2(e, qPrintable(e ? QString() : e.error().toString()));
    QCOMPARE(e->payloadType, jq(u".dsseEnvelope.payloadType"_s, file));
    QCOMPARE(e->payload,
             test::shellOutput(u"jq -r .dsseEnvelope.payload %1 | base64 -d"_s.arg(test::shellQuoted(file))));
    QCOMPARE(e->signatures.size(), jq(u".dsseEnvelope.signatures | length"_s, file).toInt());
    QCOMPARE(e->signatureCount, e->signatures.size());
    QCOMPARE(e->signatures.at(0).keyId, jq(u".dsseEnvelope.signatures[0].keyid"_s, file));
    QCOMPARE(
        e->signatures.at(0).signature,
        test::shellOutput(u"jq -r '.dsseEnvelope.signatures[0].sig' %1 | base64 -d"_s.arg(test::shellQuoted(file))));
    QVERIFY2(e->problems.isEmpty(), qPrintable(e->problems.join(u"; "_s)));
}

// bundle-publish.json is signed with publish_key.pub: the PAE Strata builds is exactly what was signed.
void TestAttestations::paeVerifiesWithOpenssl()
{
    const QString file = bundle(u"bundle-publish.json"_s);
    Result<DsseEnvelope> e =
        parseDsseEnvelope(test::shellOutput(u"jq -c .dsseEnvelope "_s + test::shellQuoted(file)), file);
    QVERIFY(e);
    QTemporaryDir dir;
    QFile pae(dir.filePath(u"pae"_s)), sig(dir.filePath(u"sig"_s));
    QVERIFY(pae.open(QIODevice::WriteOnly) && sig.open(QIODevice::WriteOnly));
    pae.write(dssePae(e->payloadType, e->payload));
    sig.write(e->signatures.at(0).signature);
    pae.close();
    sig.close();
    const QString verified =
        QString::fromUtf8(test::shellOutput(u"openssl dgst -sha256 -verify %1 -signature %2 %3"_s.arg(
            test::shellQuoted(bundle(u"publish_key.pub"_s)), test::shellQuoted(sig.fileName()),
            test::shellQuoted(pae.fileName()))));
    QCOMPARE(verified.trimmed(), u"Verified OK"_s);
    // And a changed byte is not what was signed.
    QByteArray tampered = dssePae(e->payloadType, e->payload);
    QVERIFY(tampered.startsWith("DSSEv1 28 application/vnd.in-toto+json "));
    QCOMPARE(dssePae(u"t"_s, "body"), QByteArray("DSSEv1 1 t 4 body"));
    QCOMPARE(dssePae(QString(), QByteArray()), QByteArray("DSSEv1 0  0 "));
}

void TestAttestations::provenanceStatement()
{
    const QString file = bundle(u"bundle-provenance.json"_s);
    const InTotoStatement s = statementOf(file);
    QCOMPARE(s.type, jqPayload(u"._type"_s, file));
    QCOMPARE(s.version(), u"v0.1"_s);
    QCOMPARE(s.predicateType, jqPayload(u".predicateType"_s, file));
    QCOMPARE(s.predicateType, QLatin1StringView(SlsaProvenanceV02));
    QCOMPARE(s.subjects.size(), jqPayload(u".subject | length"_s, file).toInt());
    QCOMPARE(s.subjectCount, s.subjects.size());
    QVERIFY(!s.subjectsTruncated());
    QCOMPARE(s.subjects.at(0).name, jqPayload(u".subject[0].name"_s, file));
    const QString sha512 = jqPayload(u".subject[0].digest.sha512"_s, file);
    QCOMPARE(s.subjects.at(0).digest.value(u"sha512"_s), sha512);
    QVERIFY(s.subjects.at(0).namesDigest(u"sha512:"_s + sha512));
    QVERIFY(s.subjects.at(0).namesDigest(u"sha512:"_s + sha512.toUpper()));
    QVERIFY(!s.subjects.at(0).namesDigest(u"sha256:"_s + sha512.left(64)));
    QVERIFY(!s.subjects.at(0).namesDigest(u"sha512:"_s + sha512.left(127) + u'0'));
    QVERIFY(!s.subjects.at(0).namesDigest(sha512));
    QCOMPARE(s.subjectIndexFor(u"sha512:"_s + sha512), 0);
    QCOMPARE(s.subjectIndexFor(u"sha256:00"_s), -1);
    QVERIFY(s.envelope.has_value());
    QVERIFY2(s.problems.isEmpty(), qPrintable(s.problems.join(u"; "_s)));
    QCOMPARE(classifyPredicate(s.predicateType).kind, PredicateKind::SlsaProvenance);
    QCOMPARE(classifyPredicate(s.predicateType).displayName, u"SLSA provenance v0.2"_s);
}

void TestAttestations::provenanceSummaryV02()
{
    const QString file = bundle(u"bundle-provenance.json"_s);
    const InTotoStatement s = statementOf(file);
    Result<ProvenanceSummary> p = summariseProvenance(s.predicateType, s.predicate, file);
    QVERIFY2(p, qPrintable(p ? QString() : p.error().toString()));
    QCOMPARE(p->slsaVersion, u"v0.2"_s);
    QCOMPARE(p->builderId, jqPayload(u".predicate.builder.id"_s, file));
    QCOMPARE(p->buildType, jqPayload(u".predicate.buildType"_s, file));
    QCOMPARE(p->sourceRepository, jqPayload(u".predicate.invocation.configSource.uri"_s, file));
    QCOMPARE(p->sourceCommit, jqPayload(u".predicate.invocation.configSource.digest.sha1"_s, file));
    QCOMPARE(p->entryPoint, jqPayload(u".predicate.invocation.configSource.entryPoint"_s, file));
    QCOMPARE(p->invocationId, jqPayload(u".predicate.metadata.buildInvocationId"_s, file));
    QCOMPARE(p->materials.size(), jqPayload(u".predicate.materials | length"_s, file).toInt());
    QCOMPARE(p->materialCount, p->materials.size());
    QCOMPARE(p->materials.at(0).uri, jqPayload(u".predicate.materials[0].uri"_s, file));
    QCOMPARE(p->materials.at(0).digest.value(u"sha1"_s), jqPayload(u".predicate.materials[0].digest.sha1"_s, file));
    QVERIFY2(p->problems.isEmpty(), qPrintable(p->problems.join(u"; "_s)));
    // Not provenance: refused, named.
    Result<ProvenanceSummary> other = summariseProvenance(u"https://example.com/p"_s, s.predicate, file);
    QVERIFY(!other);
    QCOMPARE(other.error().code, ErrorCode::Unsupported);
    QVERIFY(other.error().message.contains(u"https://example.com/p"_s));
}

// No tool here writes SLSA v1, so the real v0.2 bundle's facts are recast by jq into the shape npm's CLI publishes
// since v9 (buildType github-actions-buildtypes workflow/v1: externalParameters.workflow {ref, repository, path}, the
// source as a resolved dependency with a gitCommit digest, runDetails.builder and metadata.invocationId).
void TestAttestations::provenanceSummaryV1()
{
    const QString file = bundle(u"bundle-provenance.json"_s);
    const QString env = u".predicate.invocation.environment"_s;
    const QByteArray v1 = test::shellOutput(
        u"jq -r .dsseEnvelope.payload %1 | base64 -d | jq -c '(%2) as $e | (\"https://github.com/\" + "
        "$e.GITHUB_REPOSITORY) as $repo | {_type: \"https://in-toto.io/Statement/v1\", subject: .subject, "
        "predicateType: \"https://slsa.dev/provenance/v1\", predicate: {buildDefinition: {buildType: "
        "\"https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1\", externalParameters: {workflow: "
        "{ref: $e.GITHUB_REF, repository: $repo, path: .predicate.invocation.configSource.entryPoint}}, "
        "internalParameters: {github: {event_name: $e.GITHUB_EVENT_NAME}}, resolvedDependencies: [{uri: (\"git+\" + "
        "$repo + \"@\" + $e.GITHUB_REF), digest: {gitCommit: $e.GITHUB_SHA}}]}, runDetails: {builder: {id: "
        "\"https://github.com/actions/runner/github-hosted\"}, metadata: {invocationId: ($repo + \"/actions/runs/\" "
        "+ $e.GITHUB_RUN_ID + \"/attempts/\" + $e.GITHUB_RUN_ATTEMPT), startedOn: \"2023-04-18T10:00:00Z\"}}}}'"_s.arg(
            test::shellQuoted(file), env));
    Result<InTotoStatement> s = parseAttestation(v1, u"v1.json"_s);
    QVERIFY2(s, qPrintable(s ? QString() : s.error().toString()));
    QCOMPARE(s->version(), u"v1"_s);
    QVERIFY2(s->problems.isEmpty(), qPrintable(s->problems.join(u"; "_s)));
    Result<ProvenanceSummary> p = summariseProvenance(s->predicateType, s->predicate, u"v1.json"_s);
    QVERIFY2(p, qPrintable(p ? QString() : p.error().toString()));
    QVERIFY2(p->problems.isEmpty(), qPrintable(p->problems.join(u"; "_s)));
    QCOMPARE(p->slsaVersion, u"v1"_s);
    QCOMPARE(p->builderId, u"https://github.com/actions/runner/github-hosted"_s);
    QCOMPARE(p->buildType, u"https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1"_s);
    QCOMPARE(p->sourceRepository, u"https://github.com/"_s + jqPayload(env + u".GITHUB_REPOSITORY"_s, file));
    QCOMPARE(p->sourceCommit, jqPayload(env + u".GITHUB_SHA"_s, file));
    QCOMPARE(p->entryPoint, jqPayload(u".predicate.invocation.configSource.entryPoint"_s, file));
    QCOMPARE(p->invocationId, p->sourceRepository + u"/actions/runs/"_s + jqPayload(env + u".GITHUB_RUN_ID"_s, file) +
                                  u"/attempts/"_s + jqPayload(env + u".GITHUB_RUN_ATTEMPT"_s, file));
    QCOMPARE(p->startedOn, QDateTime(QDate(2023, 4, 18), QTime(10, 0), Qt::UTC));
    QCOMPARE(p->materials.size(), 1);
    QVERIFY(p->materials.at(0).uri.startsWith(u"git+"_s + p->sourceRepository));
    const QList<std::pair<QString, QString>> expected = {{u"workflow.path"_s, p->entryPoint},
                                                         {u"workflow.ref"_s, jqPayload(env + u".GITHUB_REF"_s, file)},
                                                         {u"workflow.repository"_s, p->sourceRepository}};
    QCOMPARE(p->parameters, expected);
}

void TestAttestations::publishStatement()
{
    const QString file = bundle(u"bundle-publish.json"_s);
    const InTotoStatement s = statementOf(file);
    QCOMPARE(s.predicateType, jqPayload(u".predicateType"_s, file));
    QCOMPARE(s.predicate.value("name"_L1).toString(), jqPayload(u".predicate.name"_s, file));
    QCOMPARE(s.predicate.value("version"_L1).toString(), jqPayload(u".predicate.version"_s, file));
    const PredicateClass c = classifyPredicate(s.predicateType);
    QCOMPARE(c.kind, PredicateKind::OtherInToto);
    QCOMPARE(c.displayName, u"in-toto attestation (%1)"_s.arg(s.predicateType));
    QVERIFY(!summariseProvenance(s.predicateType, s.predicate, file));
    QVERIFY(!sbomFromStatement(s, file));
}

// The whole bundle file, the envelope and the bare statement all decode to the same statement.
void TestAttestations::wholeBundleIsAnAttestation()
{
    const QString file = bundle(u"bundle-provenance.json"_s);
    const QByteArray payload =
        test::shellOutput(u"jq -r .dsseEnvelope.payload %1 | base64 -d"_s.arg(test::shellQuoted(file)));
    const QList<QByteArray> forms = {readFile(file),
                                     test::shellOutput(u"jq -c .dsseEnvelope "_s + test::shellQuoted(file)), payload};
    for (const QByteArray &bytes : forms) {
        Result<InTotoStatement> s = parseAttestation(bytes, file);
        QVERIFY2(s, qPrintable(s ? QString() : s.error().toString()));
        QCOMPARE(s->predicateType, QLatin1StringView(SlsaProvenanceV02));
        QCOMPARE(s->subjects.size(), 1);
        QCOMPARE(s->predicate, QJsonDocument::fromJson(payload).object().value("predicate"_L1).toObject());
    }
    Result<InTotoStatement> none = parseAttestation("{\"mediaType\":\"x\"}", u"x.json"_s);
    QVERIFY(!none);
    QCOMPARE(none.error().code, ErrorCode::Malformed);
}

void TestAttestations::base64Strictness_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QByteArray>("decoded");
    QTest::newRow("standard") << u"++++////"_s << true << QByteArray("\xfb\xef\xbe\xff\xff\xff", 6);
    QTest::newRow("url-safe") << u"----____"_s << true << QByteArray("\xfb\xef\xbe\xff\xff\xff", 6);
    QTest::newRow("padded") << u"aGk="_s << true << QByteArray("hi");
    QTest::newRow("two padding") << u"aGk="_s.left(2) + u"=="_s << true << QByteArray("h");
    QTest::newRow("unpadded") << u"aGk"_s << true << QByteArray("hi");
    QTest::newRow("empty") << QString() << true << QByteArray();
    QTest::newRow("mixed alphabets") << u"a+b_"_s << false << QByteArray();
    QTest::newRow("whitespace") << u"aGk/ Pz4+"_s << false << QByteArray();
    QTest::newRow("newline") << u"aGk/\nPz4+"_s << false << QByteArray();
    QTest::newRow("bad character") << u"aGk!"_s << false << QByteArray();
    QTest::newRow("data after padding") << u"aG==aGk="_s << false << QByteArray();
    QTest::newRow("three padding") << u"a==="_s << false << QByteArray();
    QTest::newRow("one char in a quantum") << u"aGkxa"_s << false << QByteArray();
    QTest::newRow("padding, wrong length") << u"aGk=="_s << false << QByteArray();
    QTest::newRow("non-ASCII") << u"aGk\u00e9"_s << false << QByteArray();
}

void TestAttestations::base64Strictness()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QByteArray, decoded);
    const std::optional<QByteArray> r = decodeDsseBase64(text);
    QCOMPARE(r.has_value(), valid);
    if (valid)
        QCOMPARE(*r, decoded);
}

// Hand-written: no tool writes these.
void TestAttestations::hostileEnvelopes_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    const int malformed = int(ErrorCode::Malformed);
    QTest::newRow("payload not base64")
        << QByteArray("{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\"e30!\",\"signatures\":[]}")
        << malformed << u"payload is not valid base64"_s;
    QTest::newRow("signature not base64")
        << QByteArray("{\"payloadType\":\"t\",\"payload\":\"e30=\",\"signatures\":[{\"keyid\":\"\",\"sig\":\"**\"}]}")
        << malformed << u"signature 0 is not valid base64"_s;
    QTest::newRow("signature without sig")
        << QByteArray("{\"payloadType\":\"t\",\"payload\":\"e30=\",\"signatures\":[{\"keyid\":\"k\"}]}") << malformed
        << u"signature 0 has no \"sig\""_s;
    QTest::newRow("payload a number") << QByteArray("{\"payloadType\":\"t\",\"payload\":1}") << malformed
                                      << u"must be strings"_s;
    QTest::newRow("duplicate payload")
        << QByteArray("{\"payloadType\":\"t\",\"payload\":\"e30=\",\"payload\":\"e31=\",\"signatures\":[]}")
        << malformed << u"duplicate JSON member"_s;
    QTest::newRow("an array") << QByteArray("[1]") << malformed << u"expected a JSON object"_s;
    QTest::newRow("deep") << QByteArray(100, '[') + QByteArray(100, ']') << int(ErrorCode::TooLarge)
                          << u"nested deeper"_s;
}

void TestAttestations::hostileEnvelopes()
{
    QFETCH(QByteArray, json);
    QFETCH(int, code);
    QFETCH(QString, message);
    Result<DsseEnvelope> e = parseDsseEnvelope(json, u"att.json"_s);
    QVERIFY(!e);
    QCOMPARE(int(e.error().code), code);
    QVERIFY2(e.error().message.contains(message), qPrintable(e.error().message));
    QCOMPARE(e.error().context, u"att.json"_s);
    QVERIFY(!parseAttestation(json, u"att.json"_s));
}

void TestAttestations::manySignatures()
{
    QByteArray json = "{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\"e30=\",\"signatures\":[";
    for (int i = 0; i < 5000; ++i)
        json += (i ? "," : "") + QByteArray("{\"keyid\":\"k") + QByteArray::number(i) + "\",\"sig\":\"AAAA\"}";
    json += "]}";
    Result<DsseEnvelope> e = parseDsseEnvelope(json, u"many.json"_s);
    QVERIFY2(e, qPrintable(e ? QString() : e.error().toString()));
    QCOMPARE(e->signatureCount, 5000);
    QCOMPARE(e->signatures.size(), limits::MaxEnvelopeSignatures);
    QCOMPARE(e->signatures.last().keyId, u"k%1"_s.arg(limits::MaxEnvelopeSignatures - 1));
    QVERIFY2(e->problems.join(u' ').contains(u"5000 signatures: only the first 100 are read"_s),
             qPrintable(e->problems.join(u' ')));
    QCOMPARE(e->payload, QByteArray("{}"));
}

void TestAttestations::fiftyMegabyteStatementRefusedFast()
{
    const QByteArray big = bigStatement(50 * 1000 * 1000);
    QElapsedTimer t;
    t.start();
    Result<InTotoStatement> s = parseInTotoStatement(big, u"layer sha256:ab"_s);
    Result<InTotoStatement> a = parseAttestation(big, u"layer sha256:ab"_s);
    Result<DsseEnvelope> e = parseDsseEnvelope(big, u"layer sha256:ab"_s);
    const qint64 ms = t.elapsed();
    for (const Error &err : {s.error(), a.error(), e.error()}) {
        QCOMPARE(err.code, ErrorCode::TooLarge);
        QVERIFY2(err.message.contains(QString::number(big.size())), qPrintable(err.message));
        QVERIFY2(err.message.contains(QString::number(limits::StatementBytes)), qPrintable(err.message));
        QCOMPARE(err.context, u"layer sha256:ab"_s);
    }
    QVERIFY2(ms < 50, qPrintable(u"%1 ms"_s.arg(ms))); // refused before any parsing
    // Just under the limit still parses.
    Result<InTotoStatement> under = parseInTotoStatement(bigStatement(limits::StatementBytes - 200), u"x"_s);
    QVERIFY2(under, qPrintable(under ? QString() : under.error().toString()));
}

void TestAttestations::hundredThousandSubjects()
{
    QByteArray json =
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"predicateType\":\"https://slsa.dev/provenance/v1\","
        "\"predicate\":{},\"subject\":[";
    for (int i = 0; i < 100000; ++i) {
        if (i > 0)
            json += ',';
        json += "{\"name\":\"s" + QByteArray::number(i) + "\",\"digest\":{\"sha256\":\"" +
                QByteArray::number(i, 16).rightJustified(64, '0') + "\"}}";
    }
    json += "]}";
    QElapsedTimer t;
    t.start();
    Result<InTotoStatement> s = parseInTotoStatement(json, u"big.json"_s);
    QVERIFY2(s, qPrintable(s ? QString() : s.error().toString()));
    QCOMPARE(s->subjectCount, 100000);
    QCOMPARE(s->subjects.size(), limits::MaxSubjects);
    QVERIFY(s->subjectsTruncated());
    QVERIFY(s->problems.join(u' ').contains(u"100000 subjects: only the first 10000 are read"_s));
    QCOMPARE(s->subjects.last().name, u"s9999"_s);
    QVERIFY(s->subjectIndexFor(u"sha256:"_s + QString::number(9999, 16).rightJustified(64, u'0')) == 9999);
    qInfo("100,000 subjects (%lld bytes) parsed in %lld ms", qint64(json.size()), t.elapsed());
}

void TestAttestations::envelopeOfAnotherPayloadType()
{
    const QByteArray json =
        "{\"payloadType\":\"application/vnd.dev.cosign.simplesigning.v1+json\",\"payload\":\"e30=\","
        "\"signatures\":[{\"sig\":\"AA==\"}]}";
    Result<InTotoStatement> s = parseAttestation(json, u"env.json"_s);
    QVERIFY(!s);
    QCOMPARE(s.error().code, ErrorCode::Unsupported);
    QVERIFY(s.error().message.contains(u"application/vnd.dev.cosign.simplesigning.v1+json"_s));
    // A statement with nothing in it: kept, every gap said.
    Result<InTotoStatement> empty = parseInTotoStatement("{\"_type\":\"https://example.com/Statement\"}", u"e"_s);
    QVERIFY(empty);
    const QString problems = empty->problems.join(u"; "_s);
    QVERIFY2(problems.contains(u"not an in-toto Statement type"_s), qPrintable(problems));
    QVERIFY2(problems.contains(u"no \"subject\" array"_s), qPrintable(problems));
    QVERIFY2(problems.contains(u"no \"predicateType\""_s), qPrintable(problems));
}

void TestAttestations::npmSbom_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("spdx") << u"spdx"_s;
    QTest::newRow("cyclonedx") << u"cyclonedx"_s;
}

void TestAttestations::npmSbom()
{
    QFETCH(QString, format);
    const QString file = test::npmSbom(format);
    const QByteArray raw = readFile(file);
    Result<SbomDocument> d = parseSbom(raw, file);
    QVERIFY2(d, qPrintable(d ? QString() : d.error().toString()));
    QVERIFY2(d->problems.isEmpty(), qPrintable(d->problems.join(u"; "_s)));
    QCOMPARE(d->raw, raw);
    QVERIFY(!d->truncated);
    QString rows; // name, version, purl, licence per package, as jq reads them
    if (format == u"spdx"_s) {
        QCOMPARE(d->format, SbomDocument::Format::Spdx);
        QCOMPARE(u"SPDX-"_s + d->specVersion, jq(u".spdxVersion"_s, file));
        QCOMPARE(d->kindName(), u"SPDX %1 SBOM"_s.arg(jq(u".spdxVersion"_s, file).mid(5)));
        QCOMPARE(d->name, jq(u".name"_s, file));
        QCOMPARE(d->created, QDateTime::fromString(jq(u".creationInfo.created"_s, file), Qt::ISODateWithMs));
        QCOMPARE(d->creators.join(u'\n'), jq(u".creationInfo.creators[]"_s, file));
        QCOMPARE(d->packageCount, jq(u".packages | length"_s, file).toInt());
        rows = jq(u".packages[] | [.name, .versionInfo, ([.externalRefs[]? | select(.referenceType == \"purl\") | "
                  ".referenceLocator][0] // \"\"), ([.licenseConcluded, .licenseDeclared] | map(select(. != null and . "
                  "!= \"NOASSERTION\" and . != \"NONE\")) | .[0] // \"\")] | join(\"|\")"_s,
                  file);
    } else {
        QCOMPARE(d->format, SbomDocument::Format::CycloneDx);
        QCOMPARE(d->specVersion, jq(u".specVersion"_s, file));
        QCOMPARE(d->kindName(), u"CycloneDX %1 SBOM"_s.arg(jq(u".specVersion"_s, file)));
        QCOMPARE(d->documentVersion, jq(u".version"_s, file));
        QCOMPARE(d->name, jq(u".metadata.component | .name + \"@\" + .version"_s, file));
        QCOMPARE(d->created, QDateTime::fromString(jq(u".metadata.timestamp"_s, file), Qt::ISODateWithMs));
        QCOMPARE(d->creators.join(u'\n'),
                 jq(u".metadata.tools | (if type == \"array\" then . else .components end)[] | \"Tool: \" + "
                    "([.vendor, .group, .name, .version] | map(select(. != null and . != \"\")) | join(\" \"))"_s,
                    file));
        QCOMPARE(d->packageCount, jq(u"[.components[] | recurse(.components[]?)] | length"_s, file).toInt());
        rows = jq(u".components[] | recurse(.components[]?) | [(if .group then .group + \"/\" else \"\" end) + .name, "
                  ".version, (.purl // \"\"), ([.licenses[]? | .expression // .license.id // .license.name] | "
                  "join(\", \"))] | join(\"|\")"_s,
                  file);
    }
    QVERIFY(d->packageCount > 20); // @sigstore/sign's tree, not an empty document
    QCOMPARE(qsizetype(d->packages.size()), d->packageCount);
    const QStringList expected = rows.split(u'\n');
    QCOMPARE(expected.size(), d->packageCount);
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const SbomPackage &p = d->packages.at(size_t(i));
        QCOMPARE(QStringList({p.name, p.version, p.purl, p.license}).join(u'|'), expected.at(i));
    }
    // The packages the lock file pins are in the table with the versions it pins.
    for (const QString &name : {u"@sigstore/oci"_s, u"@sigstore/sign"_s, u"promise-retry"_s}) {
        const QString version = jq(u".packages[\"node_modules/%1\"].version"_s.arg(name),
                                   QStringLiteral(STRATA_SOURCE_DIR) + u"/tests/npm/package-lock.json"_s);
        const auto it =
            std::find_if(d->packages.begin(), d->packages.end(), [&](const SbomPackage &p) { return p.name == name; });
        QVERIFY2(it != d->packages.end(), qPrintable(name));
        QCOMPARE(it->version, version);
        QVERIFY2(it->purl.startsWith(u"pkg:npm/"_s) && it->purl.endsWith(u'@' + version), qPrintable(it->purl));
    }
    QCOMPARE(classifyPredicate(d->mediaType()).kind,
             format == u"spdx"_s ? PredicateKind::SpdxSbom : PredicateKind::CycloneDxSbom);
}

// The same documents as in-toto predicates (what BuildKit and cosign attest), wrapped by jq.
void TestAttestations::sbomAsInTotoPredicate()
{
    for (const auto &[format, predicateType] : {std::pair{u"spdx"_s, u"https://spdx.dev/Document"_s},
                                                std::pair{u"cyclonedx"_s, u"https://cyclonedx.org/bom"_s}}) {
        const QString file = test::npmSbom(format);
        const QByteArray statement = test::shellOutput(
            u"jq -c --arg t %1 '{_type: \"https://in-toto.io/Statement/v1\", subject: [{name: \"img\", digest: "
            "{sha256: \"%2\"}}], predicateType: $t, predicate: .}' %3"_s.arg(
                test::shellQuoted(predicateType), QString(64, u'a'), test::shellQuoted(file)));
        Result<InTotoStatement> s = parseAttestation(statement, file);
        QVERIFY2(s, qPrintable(s ? QString() : s.error().toString()));
        QVERIFY2(s->problems.isEmpty(), qPrintable(s->problems.join(u"; "_s)));
        Result<SbomDocument> fromStatement = sbomFromStatement(s.value(), file);
        QVERIFY2(fromStatement, qPrintable(fromStatement ? QString() : fromStatement.error().toString()));
        Result<SbomDocument> direct = parseSbom(readFile(file), file);
        QVERIFY(direct);
        QCOMPARE(fromStatement->packageCount, direct->packageCount);
        QCOMPARE(fromStatement->packages.back().purl, direct->packages.back().purl);
        QCOMPARE(fromStatement->kindName(), direct->kindName());
        QVERIFY(fromStatement->problems.isEmpty());
        // Save As writes the predicate: the same document for jq.
        QCOMPARE(QJsonDocument::fromJson(fromStatement->raw), QJsonDocument::fromJson(readFile(file)));
    }
}

void TestAttestations::sbomOverMaxPackages()
{
    QByteArray json = "{\"spdxVersion\":\"SPDX-2.3\",\"name\":\"many\",\"packages\":[";
    const int n = limits::MaxPackages + 5;
    for (int i = 0; i < n; ++i) {
        if (i > 0)
            json += ',';
        json += "{\"name\":\"p" + QByteArray::number(i) + "\",\"versionInfo\":\"1\"}";
    }
    json += "]}";
    QElapsedTimer t;
    t.start();
    Result<SbomDocument> d = parseSbom(json, u"many.spdx.json"_s);
    QVERIFY2(d, qPrintable(d ? QString() : d.error().toString()));
    QVERIFY(d->truncated);
    QCOMPARE(d->packageCount, n);
    QCOMPARE(qsizetype(d->packages.size()), qsizetype(limits::MaxPackages));
    QCOMPARE(d->packages.back().name, u"p%1"_s.arg(limits::MaxPackages - 1));
    QVERIFY2(
        d->problems.join(u' ').contains(u"%1 packages: only the first %2 are listed"_s.arg(n).arg(limits::MaxPackages)),
        qPrintable(d->problems.join(u' ')));
    qInfo("%d SPDX packages (%lld bytes) parsed in %lld ms", n, qint64(json.size()), t.elapsed());
    // Over SbomBytes: refused unparsed.
    Result<SbomDocument> huge = parseSbom(QByteArray(limits::SbomBytes + 1, ' '), u"huge.json"_s);
    QVERIFY(!huge);
    QCOMPARE(huge.error().code, ErrorCode::TooLarge);
    QVERIFY(huge.error().message.contains(QString::number(limits::SbomBytes)));
    // Neither SPDX nor CycloneDX.
    Result<SbomDocument> other = parseSbom("{\"bomFormat\":\"other\"}", u"o.json"_s);
    QVERIFY(!other);
    QCOMPARE(other.error().code, ErrorCode::Unsupported);
}

void TestAttestations::classify_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("name");
    QTest::newRow("slsa v1") << u"https://slsa.dev/provenance/v1"_s << int(PredicateKind::SlsaProvenance)
                             << u"SLSA provenance v1"_s;
    QTest::newRow("slsa v0.2") << u"https://slsa.dev/provenance/v0.2"_s << int(PredicateKind::SlsaProvenance)
                               << u"SLSA provenance v0.2"_s;
    QTest::newRow("spdx") << u"https://spdx.dev/Document"_s << int(PredicateKind::SpdxSbom) << u"SPDX SBOM"_s;
    QTest::newRow("spdx v2.3") << u"https://spdx.dev/Document/v2.3"_s << int(PredicateKind::SpdxSbom)
                               << u"SPDX 2.3 SBOM"_s;
    QTest::newRow("spdx media type") << u"application/spdx+json"_s << int(PredicateKind::SpdxSbom) << u"SPDX SBOM"_s;
    QTest::newRow("cyclonedx") << u"https://cyclonedx.org/bom"_s << int(PredicateKind::CycloneDxSbom)
                               << u"CycloneDX SBOM"_s;
    QTest::newRow("cyclonedx v1.5") << u"https://cyclonedx.org/bom/v1.5"_s << int(PredicateKind::CycloneDxSbom)
                                    << u"CycloneDX 1.5 SBOM"_s;
    QTest::newRow("cyclonedx media type, version") << u"application/vnd.cyclonedx+json; version=1.6"_s
                                                   << int(PredicateKind::CycloneDxSbom) << u"CycloneDX 1.6 SBOM"_s;
    QTest::newRow("cyclonedx media type, upper case")
        << u"Application/VND.CycloneDX+JSON"_s << int(PredicateKind::CycloneDxSbom) << u"CycloneDX SBOM"_s;
    QTest::newRow("openvex") << u"https://openvex.dev/ns"_s << int(PredicateKind::VulnerabilityReport)
                             << u"OpenVEX report"_s;
    QTest::newRow("openvex v0.2.0") << u"https://openvex.dev/ns/v0.2.0"_s << int(PredicateKind::VulnerabilityReport)
                                    << u"OpenVEX report v0.2.0"_s;
    QTest::newRow("sarif") << u"application/sarif+json"_s << int(PredicateKind::VulnerabilityReport)
                           << u"SARIF report"_s;
    QTest::newRow("cosign vuln") << u"https://cosign.sigstore.dev/attestation/vuln/v1"_s
                                 << int(PredicateKind::VulnerabilityReport) << u"cosign vulnerability scan v1"_s;
    QTest::newRow("other") << u"https://example.com/custom/v1"_s << int(PredicateKind::OtherInToto)
                           << u"in-toto attestation (https://example.com/custom/v1)"_s;
    QTest::newRow("lookalike") << u"https://slsa.dev/provenancex"_s << int(PredicateKind::OtherInToto)
                               << u"in-toto attestation (https://slsa.dev/provenancex)"_s;
    QTest::newRow("empty") << QString() << int(PredicateKind::OtherInToto)
                           << u"in-toto attestation (no predicate type)"_s;
}

void TestAttestations::classify()
{
    QFETCH(QString, type);
    QFETCH(int, kind);
    QFETCH(QString, name);
    const PredicateClass c = classifyPredicate(type);
    QCOMPARE(int(c.kind), kind);
    QCOMPARE(c.displayName, name);
    QVERIFY(!predicateKindName(c.kind).isEmpty());
}

STRATA_TEST_APPLESS_MAIN(TestAttestations)
#include "tst_attestations.moc"
