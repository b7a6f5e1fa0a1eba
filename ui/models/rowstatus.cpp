// SPDX-License-Identifier: MIT
// Row status names.
#include "ui/models/rowstatus.h"

namespace strata::ui {

bool isFailure(RowStatus s)
{
    return s == RowStatus::Mismatch || s == RowStatus::Missing || s == RowStatus::Error;
}

RowStatus rowStatusFrom(CheckStatus s)
{
    switch (s) {
    case CheckStatus::NotChecked: return RowStatus::NotChecked;
    case CheckStatus::Verified: return RowStatus::Verified;
    case CheckStatus::Mismatch: return RowStatus::Mismatch;
    case CheckStatus::Missing: return RowStatus::Missing;
    case CheckStatus::Error: return RowStatus::Error;
    case CheckStatus::Unverifiable: return RowStatus::Unverifiable;
    case CheckStatus::Unreadable: return RowStatus::Unreadable;
    }
    return RowStatus::NotChecked;
}

QString RowStatusText::label(RowStatus s)
{
    switch (s) {
    case RowStatus::None: return {};
    case RowStatus::NotChecked: return tr("Not checked");
    case RowStatus::Checking: return tr("Checking…");
    case RowStatus::Verified: return tr("Verified");
    case RowStatus::NothingToCheck: return tr("Nothing to check");
    case RowStatus::NotIncluded: return tr("Not included");
    case RowStatus::Unverifiable: return tr("Unverifiable");
    case RowStatus::Warning: return tr("Warning");
    case RowStatus::Mismatch: return tr("Mismatch");
    case RowStatus::Missing: return tr("Missing");
    case RowStatus::Error: return tr("Error");
    case RowStatus::Unreadable: return tr("Could not read");
    }
    return {};
}

QString RowStatusText::display(RowStatus own, bool failureBelow)
{
    if (failureBelow && !isFailure(own))
        return tr("Problem below");
    return label(own);
}

QString RowStatusText::accessible(RowStatus own, bool failureBelow)
{
    if (own == RowStatus::None)
        return tr("status: none, an empty history step");
    if (failureBelow && !isFailure(own))
        return tr("status: %1, but a problem was found below this row").arg(label(own).toLower());
    return tr("status: %1").arg(label(own).toLower());
}

} // namespace strata::ui
