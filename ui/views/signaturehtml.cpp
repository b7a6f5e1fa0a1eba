// SPDX-License-Identifier: MIT
// Signature details: claims, signer, certificates, Rekor promise and the payload, never a "verified" that
// nothing checked.
#include "ui/views/signaturehtml.h"
#include "ui/views/htmltable.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace strata::ui {

namespace {

using html::mono;
using html::table;
using html::text;
using html::when;

constexpr qsizetype PayloadShown = 4096;

// A string as it is, a number as digits (a Unix timestamp stays exact), anything else as compact JSON.
QString jsonValueText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString().left(300);
    if (v.isDouble())
        return QString::number(v.toInteger(qint64(v.toDouble())));
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1).left(300);
}

} // namespace

QString SignatureHtml::forNode(const ImageGraph &g, const Node &n)
{
    if (!n.signature)
        return {};
    return forSignature(*n.signature, attachedSubjectOf(g, n));
}

QString SignatureHtml::forSignature(const StoredSignature &s, const Digest &subject)
{
    QString rows = text(tr("format"), s.kindName());
    rows += mono(tr("media type"), s.mimeType);
    rows += text(tr("status"), tr("see Verification above: the cryptography is checked against what Verify ▸ "
                                  "Trust… names"));
    if (s.claims) {
        QString claimed = s.claims->manifestDigest.isNull() ? tr("none") : s.claims->manifestDigest.toString();
        if (!s.claims->manifestDigest.isNull() && !subject.isNull())
            claimed += s.claims->manifestDigest == subject
                           ? tr(" (this manifest's digest)")
                           : tr(" (not this manifest, which is %1)").arg(subject.toString());
        rows += mono(tr("signed digest"), claimed);
        rows += mono(tr("docker-reference"), s.claims->dockerReference);
        rows += mono(tr("type"), s.claims->type);
        for (auto it = s.claims->optional.begin(); it != s.claims->optional.end(); ++it)
            rows += mono(tr("optional %1").arg(it.key().left(80)), jsonValueText(it.value()));
        for (const QString &p : s.claims->problems)
            rows += text(tr("payload problem"), p);
    }
    rows += text(tr("signer (claimed)"), s.claimedSigner());
    QString html = table(tr("Signature"), rows);

    if (s.openPgp) {
        QString pgp = mono(tr("key fingerprint"), s.openPgp->issuerFingerprint);
        pgp += mono(tr("key ID"), s.openPgp->issuerKeyId);
        pgp += text(tr("signed at"), when(s.openPgp->created));
        pgp += text(tr("algorithms"), QStringList{s.openPgp->publicKeyAlgorithmName(), s.openPgp->hashAlgorithmName()}
                                          .filter(QRegularExpression(u"."_s))
                                          .join(u", "_s));
        html += table(tr("OpenPGP"), pgp);
    }
    for (qsizetype i = 0; i < s.certificates.size(); ++i) {
        const CertificateSummary &c = s.certificates[i];
        QString cert = mono(tr("subject"), c.subject);
        cert += mono(tr("e-mail (SAN)"), c.emails.join(u", "_s));
        cert += mono(tr("URI (SAN)"), c.uris.join(u", "_s));
        cert += mono(tr("OIDC issuer"), c.oidcIssuer);
        cert += mono(tr("issuer"), c.issuer);
        cert += text(tr("valid"), tr("%1 to %2").arg(when(c.notBefore), when(c.notAfter)));
        cert += mono(tr("SHA-256"), c.sha256);
        html += table(i == 0 ? tr("Certificate") : tr("Chain certificate %1").arg(i), cert);
    }
    if (s.rekor) {
        QString rk = text(tr("log index"), QString::number(s.rekor->logIndex));
        rk += text(tr("integrated"), when(s.rekor->integratedTime));
        rk += mono(tr("log ID"), s.rekor->logId);
        html += table(tr("Rekor entry (inclusion promise, not checked)"), rk);
    }
    QString problems;
    for (const QString &p : s.problems)
        problems += text(tr("problem"), p);
    html += table(tr("Decoding"), problems);
    if (!s.payload.isEmpty()) {
        const QByteArray pretty = QJsonDocument::fromJson(s.payload).toJson(QJsonDocument::Indented);
        const QByteArray shown = (pretty.isEmpty() ? s.payload : pretty).left(PayloadShown);
        html += u"<h4>%1</h4><pre>%2</pre>"_s.arg(tr("Signed payload").toHtmlEscaped(),
                                                  QString::fromUtf8(shown).toHtmlEscaped());
    }
    return html;
}

} // namespace strata::ui
