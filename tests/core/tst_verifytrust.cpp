// SPDX-License-Identifier: MIT
// `strata verify` with trust options, end to end through the binary: containers/image's cosign and GPG dir: folders,
// notation-go's JWS attached to its layout, sigstore-go's DSSE bundle attached to a layout, and a
// containers-policy.json evaluated for dir: and oci: references. Each verifier's own rows are in its suite.
#include "tests/common/hermeticenv.h"
#include "tests/common/testutil.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int code = -1;
    QJsonObject json;
    QString out;
    QString err;
};

Run runStrata(const QStringList &args)
{
    QProcess p;
    p.start(test::strataBinary(), args);
    if (!p.waitForFinished(120000))
        qFatal("strata did not finish: %s", qPrintable(args.join(u' ')));
    Run r;
    r.code = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    r.json = QJsonDocument::fromJson(r.out.toUtf8()).object();
    return r;
}

QString sig(const QString &rel)
{
    return test::publicFixture(u"signatures/"_s + rel);
}

// The first attached artifact's verdict fields.
QJsonObject firstAttached(const Run &r)
{
    return r.json.value("attached"_L1).toArray().first().toObject();
}

QString sh(const QString &script)
{
    return QString::fromUtf8(test::shellOutput(script)).trimmed();
}

} // namespace

class TstVerifyTrust : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;

private Q_SLOTS:
    void cosignKey_data()
    {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QJsonValue>("verified");
        QTest::addColumn<QString>("reason");
        const QString ci = sig(u"containers-image"_s);
        QTest::newRow("valid, its key") << u"dir-img-cosign-valid"_s << QStringList{u"--key"_s, ci + u"/cosign.pub"_s}
                                        << QJsonValue(true) << QString();
        QTest::newRow("valid, another key")
            << u"dir-img-cosign-valid"_s << QStringList{u"--key"_s, ci + u"/cosign2.pub"_s} << QJsonValue(false)
            << u"does not verify"_s;
        QTest::newRow("no key") << u"dir-img-cosign-valid"_s << QStringList() << QJsonValue(QJsonValue::Null)
                                << u"--key"_s;
        QTest::newRow("modified manifest")
            << u"dir-img-cosign-modified-manifest"_s << QStringList{u"--key"_s, ci + u"/cosign.pub"_s}
            << QJsonValue(false) << u"sha256:"_s;
        QTest::newRow("key and Rekor") << u"dir-img-cosign-key-rekor-valid"_s
                                       << QStringList{u"--key"_s, ci + u"/cosign2.pub"_s, u"--rekor-key"_s,
                                                      ci + u"/rekor.pub"_s}
                                       << QJsonValue(true) << QString();
        QTest::newRow("keyless at the integrated time")
            << u"dir-img-cosign-fulcio-rekor-valid"_s
            << QStringList{u"--certificate-root"_s,        ci + u"/fulcio_v1.crt.pem"_s,       u"--rekor-key"_s,
                           ci + u"/rekor.pub"_s,           u"--certificate-identity"_s,        u"mitr@redhat.com"_s,
                           u"--certificate-oidc-issuer"_s, u"https://github.com/login/oauth"_s}
            << QJsonValue(true) << QString();
        QTest::newRow("keyless, wrong identity")
            << u"dir-img-cosign-fulcio-rekor-valid"_s
            << QStringList{u"--certificate-root"_s,        ci + u"/fulcio_v1.crt.pem"_s,       u"--rekor-key"_s,
                           ci + u"/rekor.pub"_s,           u"--certificate-identity"_s,        u"someone@example.com"_s,
                           u"--certificate-oidc-issuer"_s, u"https://github.com/login/oauth"_s}
            << QJsonValue(false) << u"someone@example.com"_s;
        QTest::newRow("GPG, its keyring")
            << u"dir-img-valid"_s << QStringList{u"--gpg-keyring"_s, ci + u"/public-key.gpg"_s} << QJsonValue(true)
            << QString();
        QTest::newRow("GPG, no keyring") << u"dir-img-valid"_s << QStringList() << QJsonValue(QJsonValue::Null)
                                         << u"--gpg-keyring"_s;
    }
    void cosignKey()
    {
        QFETCH(QString, folder);
        QFETCH(QStringList, options);
        QFETCH(QJsonValue, verified);
        QFETCH(QString, reason);
        const Run r = runStrata(QStringList{u"verify"_s, u"--json"_s} + options +
                                QStringList{u"dir:"_s + sig(u"containers-image/"_s + folder)});
        QVERIFY2(r.code == 0, qPrintable(r.err + r.out.left(2000)));
        const QJsonObject a = firstAttached(r);
        QVERIFY2(a.value("verified"_L1) == verified, QJsonDocument(a).toJson().constData());
        if (!reason.isEmpty())
            QVERIFY2(a.value("reason"_L1).toString().contains(reason), qPrintable(a.value("reason"_L1).toString()));
        if (verified.toBool()) {
            QVERIFY(!a.value("signer"_L1).toString().isEmpty());
            QVERIFY(r.json.value("trust"_L1).toObject().value("summary"_L1).toString().startsWith(u"signed by "_s));
        }
        // The text report says the same.
        const Run text = runStrata(QStringList{u"verify"_s} + options +
                                   QStringList{u"dir:"_s + sig(u"containers-image/"_s + folder)});
        QVERIFY(text.out.contains(verified.toBool()                          ? u"VERIFIED "_s
                                  : verified == QJsonValue(QJsonValue::Null) ? u"not checked "_s
                                                                             : u"FAILED "_s));
    }

    void requireSignature()
    {
        const QString ci = sig(u"containers-image"_s);
        Run r = runStrata({u"verify"_s, u"--require-signature"_s, u"--key"_s, ci + u"/cosign2.pub"_s,
                           u"dir:"_s + ci + u"/dir-img-cosign-valid"_s});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(u"no valid signature"_s), qPrintable(r.err));
        r = runStrata({u"verify"_s, u"--require-signature"_s, u"dir:"_s + ci + u"/dir-img-unsigned"_s});
        QCOMPARE(r.code, 1);
        r = runStrata({u"verify"_s, u"--require-signature"_s, u"--key"_s, ci + u"/cosign.pub"_s,
                       u"dir:"_s + ci + u"/dir-img-cosign-valid"_s});
        QCOMPARE(r.code, 0);
        // A key file that does not load is bad input, named.
        r = runStrata(
            {u"verify"_s, u"--key"_s, m_tmp.filePath(u"missing.pub"_s), u"dir:"_s + ci + u"/dir-img-valid"_s});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(u"missing.pub"_s));
    }

    void notation()
    {
        const QString layout = m_tmp.filePath(u"notation"_s);
        const QString store = m_tmp.filePath(u"store"_s);
        QVERIFY(QDir().mkpath(store));
        const QString jws = sig(u"notation-go/jws_signature.sig"_s);
        sh(u"python3 %1 %2 --from %3 --artifact-type application/vnd.cncf.notary.signature --layer "
           "application/jose+json=%4"_s.arg(
               test::shellQuoted(QStringLiteral(STRATA_SOURCE_DIR) + u"/tests/fixtures/attach-artifact.py"_s),
               test::shellQuoted(layout), test::shellQuoted(sig(u"notation-go/oci-layout"_s)), test::shellQuoted(jws)));
        sh(u"jq -r '.header.x5c[0]' %1 | base64 -d | openssl x509 -inform DER -out %2/leaf.pem"_s.arg(
            test::shellQuoted(jws), test::shellQuoted(store)));
        Run r = runStrata({u"verify"_s, u"--json"_s, u"--notation-trust-store"_s, store, layout});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QJsonObject a;
        for (const QJsonValue &v : r.json.value("attached"_L1).toArray())
            if (v.toObject().value("kind"_L1).toString().contains(u"Notation"_s))
                a = v.toObject();
        QVERIFY2(a.value("verified"_L1) == QJsonValue(true), QJsonDocument(a).toJson().constData());
        // An empty trust store trusts nothing.
        const QString empty = m_tmp.filePath(u"empty-store"_s);
        QVERIFY(QDir().mkpath(empty));
        r = runStrata({u"verify"_s, u"--json"_s, u"--notation-trust-store"_s, empty, layout});
        QCOMPARE(firstAttached(r).value("verified"_L1), QJsonValue(false));
    }

    void bundle()
    {
        // sigstore-go's DSSE bundle, attached to a layout by `subject`: the in-toto subject names another artifact,
        // so the signature checks but the subject does not: never "verified".
        const QString layout = m_tmp.filePath(u"bundle"_s);
        sh(u"python3 %1 %2 --from %3 --artifact-type 'application/vnd.dev.sigstore.bundle.v0.3+json' --layer "
           "'application/vnd.dev.sigstore.bundle.v0.3+json=%4'"_s.arg(
               test::shellQuoted(QStringLiteral(STRATA_SOURCE_DIR) + u"/tests/fixtures/attach-artifact.py"_s),
               test::shellQuoted(layout), test::shellQuoted(test::fixture(u"good/oci-gzip"_s)),
               sig(u"sigstore-go/bundle-publish.json"_s)));
        const Run r = runStrata({u"verify"_s, u"--json"_s, u"--key"_s, sig(u"sigstore-go/publish_key.pub"_s), layout});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject a = firstAttached(r);
        QCOMPARE(a.value("kind"_L1).toString(), u"Sigstore bundle"_s);
        QVERIFY2(a.value("verified"_L1) == QJsonValue(false), QJsonDocument(a).toJson().constData());
        QVERIFY2(!a.value("reason"_L1).toString().isEmpty(), QJsonDocument(a).toJson().constData());
    }

    void policy()
    {
        const QString ci = sig(u"containers-image"_s);
        const QString policy = m_tmp.filePath(u"policy.json"_s);
        QFile f(policy);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QJsonObject signedBy{{u"type"_s, u"signedBy"_s},
                                   {u"keyType"_s, u"GPGKeys"_s},
                                   {u"keyPath"_s, QString(ci + u"/public-key.gpg"_s)},
                                   {u"signedIdentity"_s, QJsonObject{{u"type"_s, u"matchRepository"_s}}}};
        QJsonObject dirScopes;
        dirScopes.insert(ci + u"/dir-img-valid"_s, QJsonArray{signedBy});
        QJsonObject doc;
        doc.insert(u"default"_s, QJsonArray{QJsonObject{{u"type"_s, u"reject"_s}}});
        doc.insert(u"transports"_s, QJsonObject{{u"dir"_s, dirScopes}});
        f.write(QJsonDocument(doc).toJson());
        f.close();
        // signedBy with the fixture's key: accepted by the GPG signature (its identity is not a dir: path, and
        // matchRepository on a dir: image has no Docker reference: containers/image rejects that, so must we).
        Run r = runStrata({u"verify"_s, u"--json"_s, u"--policy"_s, policy, u"dir:"_s + ci + u"/dir-img-valid"_s});
        const QJsonObject verdict = r.json.value("trust"_L1).toObject().value("policy"_L1).toObject();
        QVERIFY2(!verdict.isEmpty(), qPrintable(r.out.left(2000) + r.err));
        const QString skopeo = sh(u"cd %1 && skopeo --policy %2 copy dir:%3 dir:%4 >/dev/null 2>&1 && echo accepted "
                                  "|| echo rejected"_s.arg(test::shellQuoted(m_tmp.path()), test::shellQuoted(policy),
                                                           test::shellQuoted(ci + u"/dir-img-valid"_s),
                                                           test::shellQuoted(m_tmp.filePath(u"copy"_s))));
        QCOMPARE(verdict.value("accepted"_L1).toBool() ? u"accepted"_s : u"rejected"_s, skopeo);
        QCOMPARE(r.code, verdict.value("accepted"_L1).toBool() ? 0 : 1);
        // Anything else falls to the default: reject.
        r = runStrata({u"verify"_s, u"--json"_s, u"--policy"_s, policy, u"dir:"_s + ci + u"/dir-img-unsigned"_s});
        QCOMPARE(r.code, 1);
        QCOMPARE(r.json.value("trust"_L1).toObject().value("policy"_L1).toObject().value("accepted"_L1),
                 QJsonValue(false));
        // A plain path is evaluated with the transport found there (an OCI layout: oci:), as skopeo would be given
        // it; the default rejects it, as skopeo does for oci:PATH.
        const QString layout = test::fixture(u"good/oci-gzip"_s);
        r = runStrata({u"verify"_s, u"--json"_s, u"--policy"_s, policy, layout});
        const QJsonObject plain = r.json.value("trust"_L1).toObject().value("policy"_L1).toObject();
        QCOMPARE(plain.value("image"_L1).toString(), u"oci:"_s + QFileInfo(layout).absoluteFilePath());
        QCOMPARE(plain.value("imageInferred"_L1), QJsonValue(true));
        const QString skopeoPlain = sh(
            u"cd %1 && skopeo --policy %2 copy oci:%3 dir:%4 >/dev/null 2>&1 && echo accepted || echo rejected"_s.arg(
                test::shellQuoted(m_tmp.path()), test::shellQuoted(policy), test::shellQuoted(layout),
                test::shellQuoted(m_tmp.filePath(u"copy-plain"_s))));
        QCOMPARE(plain.value("accepted"_L1).toBool() ? u"accepted"_s : u"rejected"_s, skopeoPlain);
        QCOMPARE(r.code, 1);
        r = runStrata({u"verify"_s, u"--policy"_s, policy, layout});
        QVERIFY2(r.out.contains(u"policy (as oci:"_s), qPrintable(r.out));
    }
};

STRATA_TEST_GUILESS_MAIN(TstVerifyTrust)
#include "tst_verifytrust.moc"
