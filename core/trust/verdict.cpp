// SPDX-License-Identifier: MIT
#include "core/trust/verdict.h"

namespace strata::trust {

QString verdictStateKey(VerdictState s)
{
    switch (s) {
    case VerdictState::NotChecked: return QStringLiteral("not-checked");
    case VerdictState::Verified: return QStringLiteral("verified");
    case VerdictState::Failed: return QStringLiteral("failed");
    }
    return {};
}

QString verdictStateName(VerdictState s)
{
    switch (s) {
    case VerdictState::NotChecked: return QStringLiteral("not checked");
    case VerdictState::Verified: return QStringLiteral("verified");
    case VerdictState::Failed: return QStringLiteral("failed");
    }
    return {};
}

Verdict Verdict::notChecked(const QString &why)
{
    Verdict v;
    v.reason = why;
    return v;
}

Verdict Verdict::failed(const QString &why, const QString &signer)
{
    Verdict v;
    v.state = VerdictState::Failed;
    v.reason = why;
    v.signer = signer;
    return v;
}

} // namespace strata::trust
