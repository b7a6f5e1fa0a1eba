// SPDX-License-Identifier: MIT
// The details pane's text for one row, as HTML: fields, what the identifier means, verification,
// and problems with expected vs computed side by side.
#pragma once

#include "core/model/imagegraph.h"
#include "core/verify/verifier.h"

#include <QCoreApplication>
#include <QPalette>

namespace strata::ui {

class DetailsHtml final
{
    Q_DECLARE_TR_FUNCTIONS(DetailsHtml)
public:
    // `report` may be null (not verified yet); `problems` are the node's.
    static QString forNode(const ImageGraph &g, int nodeId, const VerifyReport *report, const QList<Problem> &problems,
                           const QPalette &palette);
    static QString forHistory(const ImageGraph &g, int imageIndex, int historyIndex);
    // One or two sentences on what this kind of identifier is and how it relates to the others.
    static QString identifierMeaning(IdentifierKind k);
    // Why a docker save archive's manifest digest is not the registry's; empty for other formats.
    static QString dockerSaveNote(const ImageGraph &g, const Node &n);
    // The row that says dockerSaveNote() for n's image (the others link to it), or -1 when none does.
    static int dockerSaveNoteNode(const ImageGraph &g, const Node &n);
    // docker save's manifest.json entry: shown as a manifest, but with no manifest digest.
    static bool isDockerSaveEntry(const Node &n);
};

} // namespace strata::ui
