// SPDX-License-Identifier: MIT
// What a tree row says about its verification, and how a parent summarises its children.
#pragma once

#include "core/verify/verifier.h"

#include <QCoreApplication>
#include <QString>

namespace strata::ui {

enum class RowStatus {
    None,       // history steps: nothing stored, nothing to check
    NotChecked, // before verification (or cancelled before it got there)
    Checking,   // verification is running and has not reported this row yet
    Verified,
    NothingToCheck, // verified run, but nothing content-addressed here (docker save's manifest.json entry)
    NotIncluded,    // absent where the format allows it: not corruption
    Unverifiable,   // an algorithm or compression Strata cannot check
    Warning,        // the source row: checked or not, something worth acting on was found (a tag that moved)
    Mismatch,
    Missing,
    Error,
    // The bytes could not be read (network, engine, disk): nothing is known about them, so neither
    // verified nor a failure; styled apart from Mismatch, and what Verify ▸ Retry Unreadable reads again.
    Unreadable,
};

// Mismatch, Missing and Error: what a parent's "problem below" reacts to (not Unreadable: an
// unread object proves nothing against its parents).
bool isFailure(RowStatus s);
RowStatus rowStatusFrom(CheckStatus s);

class RowStatusText final
{
    Q_DECLARE_TR_FUNCTIONS(RowStatusText)
public:
    // "Verified", "Mismatch", …; empty for None.
    static QString label(RowStatus s);
    // The label, or "Problem below" for a row whose own bytes are fine but a child failed.
    static QString display(RowStatus own, bool failureBelow);
    // For screen readers: never only a colour or an icon.
    static QString accessible(RowStatus own, bool failureBelow);
};

} // namespace strata::ui
