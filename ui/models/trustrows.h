// SPDX-License-Identifier: MIT
// How the tree shows a signature's verdict (core/trust/verdict.h) and the trust badge of the manifest or index the
// signatures refer to: text, tooltip, accessible text, colour and icon. Colour is never the only cue.
#pragma once

#include "core/trust/imagetrust.h"

#include <QCoreApplication>
#include <QIcon>
#include <QPalette>

namespace strata::ui {

class TrustRows final
{
    Q_DECLARE_TR_FUNCTIONS(TrustRows)
public:
    // "Signature verified", "Signature failed", "Signature not checked".
    static QString label(const trust::Verdict &v);
    // Verified: signer, signed digest, signing time, the checks passed. Failed: the reason (and the claimed
    // signer). Not checked: why.
    static QString toolTip(const trust::Verdict &v);
    static QString accessible(const trust::Verdict &v);
    static QColor color(const trust::Verdict &v, const QPalette &palette);
    static QIcon icon(const trust::Verdict &v);

    enum class Badge { Verified, Failed, NotChecked };
    // Verified only when one of the subject's signatures verified and the report holds a verified check.
    static Badge badgeOf(const trust::SubjectTrust &t, const trust::TrustReport &report);
    // The shield: green, red or grey.
    static QIcon badgeIcon(Badge b);
    // "1 verified, 2 failed, 1 not checked".
    static QString counts(const trust::SubjectTrust &t);
    // "Signatures: signed by … (1 verified, 1 failed)".
    static QString badgeToolTip(const trust::SubjectTrust &t);
};

} // namespace strata::ui
