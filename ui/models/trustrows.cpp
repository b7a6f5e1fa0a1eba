// SPDX-License-Identifier: MIT
// Signature verdicts and trust badges in the tree.
#include "ui/models/trustrows.h"
#include "ui/theme/statusstyle.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace strata::ui {

namespace {

RowStatus lookOf(const trust::Verdict &v)
{
    switch (v.state) {
    case trust::VerdictState::Verified: return RowStatus::Verified;
    case trust::VerdictState::Failed: return RowStatus::Mismatch;
    case trust::VerdictState::NotChecked: break;
    }
    return RowStatus::NotChecked;
}

} // namespace

QString TrustRows::label(const trust::Verdict &v)
{
    switch (v.state) {
    case trust::VerdictState::Verified: return tr("Signature verified");
    case trust::VerdictState::Failed: return tr("Signature failed");
    case trust::VerdictState::NotChecked: break;
    }
    return tr("Signature not checked");
}

QString TrustRows::toolTip(const trust::Verdict &v)
{
    QStringList lines{label(v)};
    if (v.verified()) {
        if (!v.signer.isEmpty())
            lines << tr("Signed by %1").arg(v.signer);
        if (!v.signedDigest.isNull())
            lines << tr("Signed digest: %1").arg(v.signedDigest.toString());
        if (v.signingTime.isValid())
            lines
                << tr("Signed at %1").arg(QLocale::c().toString(v.signingTime.toUTC(), u"yyyy-MM-dd HH:mm:ss 'UTC'"_s));
        for (const QString &c : v.checks)
            lines << u"✓ "_s + c;
        return lines.join(u'\n');
    }
    if (!v.reason.isEmpty())
        lines << (v.state == trust::VerdictState::Failed ? tr("Reason: %1") : tr("Why: %1")).arg(v.reason);
    if (!v.signer.isEmpty())
        lines << tr("Claimed signer: %1").arg(v.signer);
    return lines.join(u'\n');
}

QString TrustRows::accessible(const trust::Verdict &v)
{
    if (v.reason.isEmpty())
        return label(v).toLower();
    return tr("%1: %2").arg(label(v).toLower(), v.reason);
}

QColor TrustRows::color(const trust::Verdict &v, const QPalette &palette)
{
    return StatusStyle::color(lookOf(v), palette);
}

QIcon TrustRows::icon(const trust::Verdict &v)
{
    return StatusStyle::icon(lookOf(v));
}

TrustRows::Badge TrustRows::badgeOf(const trust::SubjectTrust &t, const trust::TrustReport &report)
{
    if (t.verified > 0 && report.anyVerified())
        return Badge::Verified;
    if (t.failed > 0)
        return Badge::Failed;
    return Badge::NotChecked;
}

QIcon TrustRows::badgeIcon(Badge b)
{
    switch (b) {
    case Badge::Verified: return StatusStyle::namedIcon(u"trust-verified"_s);
    case Badge::Failed: return StatusStyle::namedIcon(u"trust-failed"_s);
    case Badge::NotChecked: break;
    }
    return StatusStyle::namedIcon(u"trust-notchecked"_s);
}

QString TrustRows::counts(const trust::SubjectTrust &t)
{
    QStringList parts;
    if (t.verified)
        parts << tr("%1 verified").arg(t.verified);
    if (t.failed)
        parts << tr("%1 failed").arg(t.failed);
    if (t.notChecked)
        parts << tr("%1 not checked").arg(t.notChecked);
    return parts.join(u", "_s);
}

QString TrustRows::badgeToolTip(const trust::SubjectTrust &t)
{
    return tr("Signatures: %1 (%2)").arg(t.badge(), counts(t));
}

} // namespace strata::ui
