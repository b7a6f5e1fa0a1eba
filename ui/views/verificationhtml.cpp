// SPDX-License-Identifier: MIT
// Verification section: never "verified" unless the verdict is (core/trust/verdict.h).
#include "ui/views/verificationhtml.h"
#include "ui/models/nodeformat.h"
#include "ui/models/trustrows.h"
#include "ui/views/htmltable.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace strata::ui {

namespace {

using html::mono;
using html::row;
using html::table;
using html::text;

// The digest the node's signatures should cover: the manifest or index of its "attached" group, else its parent.
Digest expectedDigest(const ImageGraph &g, const Node &n, const trust::TrustReport &r)
{
    const Digest claimed = attachedSubjectOf(g, n);
    if (!claimed.isNull())
        return claimed;
    for (auto it = r.subjects.cbegin(); it != r.subjects.cend(); ++it)
        for (int p = n.parent; p >= 0; p = g.nodes[p].parent)
            if (p == it.key())
                return g.nodes[p].digest();
    return {};
}

QString verdictRows(const trust::Verdict &v, const Digest &expected)
{
    QString rows = text(VerificationHtml::tr("state"), TrustRows::label(v));
    if (!v.reason.isEmpty())
        rows +=
            text(v.state == trust::VerdictState::Failed ? VerificationHtml::tr("reason") : VerificationHtml::tr("why"),
                 v.reason);
    rows += text(v.verified() ? VerificationHtml::tr("signer") : VerificationHtml::tr("signer (claimed)"), v.signer);
    if (!v.signedDigest.isNull()) {
        QString d = u"<code>%1</code>"_s.arg(v.signedDigest.toString().toHtmlEscaped());
        if (!expected.isNull() && expected != v.signedDigest)
            d += VerificationHtml::tr("<br>expected (this manifest): <code>%1</code>")
                     .arg(expected.toString().toHtmlEscaped());
        else if (!expected.isNull())
            d += VerificationHtml::tr(" (this manifest's digest)").toHtmlEscaped();
        rows += row(VerificationHtml::tr("signed digest"), d);
    }
    if (v.signingTime.isValid())
        rows += text(VerificationHtml::tr("signing time"),
                     QLocale::c().toString(v.signingTime.toUTC(), u"yyyy-MM-dd HH:mm:ss 'UTC'"_s));
    if (!v.checks.isEmpty()) {
        QString list;
        for (const QString &c : v.checks)
            list += u"<li>%1</li>"_s.arg(c.toHtmlEscaped());
        rows += row(VerificationHtml::tr("checks passed"), u"<ul style=\"margin:0\">%1</ul>"_s.arg(list));
    }
    return rows;
}

// What containers-policy.json decides for the image: shown on the source row and the top-level manifest or index.
QString policyRows(const trust::TrustReport &r)
{
    if (!r.policy)
        return text(VerificationHtml::tr("verdict"), VerificationHtml::tr("not evaluated")) +
               text(VerificationHtml::tr("why"), r.policyNote);
    const trust::PolicyVerdict &p = *r.policy;
    QString rows = text(VerificationHtml::tr("verdict"),
                        p.accepted ? VerificationHtml::tr("accepted") : VerificationHtml::tr("rejected"));
    rows += mono(VerificationHtml::tr("image"), r.policyImage);
    if (r.policyImageInferred)
        rows += text(VerificationHtml::tr("transport"),
                     VerificationHtml::tr("found in the source (opened as a plain path)"));
    rows += mono(VerificationHtml::tr("scope"), p.scope);
    rows += text(VerificationHtml::tr("requirement"), p.requirement);
    rows += text(VerificationHtml::tr("reason"), p.reason);
    for (int i = 0; i < p.signatures.size(); ++i) {
        const trust::Verdict &v = p.signatures[i];
        rows += text(VerificationHtml::tr("signature %1").arg(i + 1),
                     v.reason.isEmpty() ? TrustRows::label(v) : TrustRows::label(v) + u": "_s + v.reason);
    }
    return rows;
}

} // namespace

QString VerificationHtml::forNode(const ImageGraph &g, int nodeId, const trust::TrustReport *report)
{
    if (!report || nodeId < 0 || nodeId >= g.nodes.size())
        return {};
    const Node &n = g.nodes[nodeId];
    QString html;
    QList<const trust::SignatureCheck *> own;
    for (const trust::SignatureCheck &c : report->checks)
        if (c.node == nodeId)
            own << &c;
    if (!own.isEmpty()) {
        const Digest expected = expectedDigest(g, n, *report);
        for (const trust::SignatureCheck *c : std::as_const(own)) {
            const QString heading = own.size() == 1 ? tr("Verification: %1").arg(c->kind)
                                                    : tr("Verification: %1 %2").arg(c->kind).arg(c->item + 1);
            html += table(heading, verdictRows(c->verdict, expected));
        }
    }
    if (const auto t = report->subjects.constFind(nodeId); t != report->subjects.cend()) {
        QString rows = text(tr("summary"), t->badge());
        rows += text(tr("signatures"), TrustRows::counts(*t));
        for (const trust::SignatureCheck &c : report->checks) {
            const Node &s = g.nodes[c.node];
            int subject = s.parent;
            if (subject >= 0 && g.nodes[subject].kind == NodeKind::Attached)
                subject = g.nodes[subject].parent;
            if (subject != nodeId)
                continue;
            rows += row(c.kind, u"<a href=\"node:%1\">%2</a>: %3"_s.arg(c.node).arg(
                                    NodeFormat::name(s).toHtmlEscaped(), TrustRows::label(c.verdict).toHtmlEscaped()));
        }
        html += table(tr("Verification"), rows);
    }
    if ((report->policy || !report->policyNote.isEmpty()) && (nodeId == 0 || n.parent == 0))
        html += table(tr("Policy (containers-policy.json)"), policyRows(*report));
    if (report->canceled && !html.isEmpty())
        html += u"<p>%1</p>"_s.arg(tr("The signature check was canceled before it finished.").toHtmlEscaped());
    return html;
}

} // namespace strata::ui
