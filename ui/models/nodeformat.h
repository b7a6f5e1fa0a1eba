// SPDX-License-Identifier: MIT
// How a node's fields read in the tree and its tooltips: one formatter shared by the model and panes.
#pragma once

#include "core/model/imagegraph.h"
#include "core/verify/verifier.h"

#include <QCoreApplication>

namespace strata::ui {

class NodeFormat final
{
    Q_DECLARE_TR_FUNCTIONS(NodeFormat)
public:
    // "1.1 kB" (core/format/sizeformat.h: SI units, as in the CLI); empty for a negative size.
    static QString size(qint64 bytes);
    // "1,140 bytes", plus the uncompressed size when known.
    static QString sizeToolTip(qint64 bytes, qint64 uncompressed = -1);
    // The declared size, else the stored length, else the length of the document's bytes; -1 if none.
    static qint64 sizeOf(const Node &n);
    // The title, marked when the node is an attestation manifest.
    static QString name(const Node &n);
    static QString digestToolTip(const Node &n);
    static QString historyName(int historyIndex);
    static QString historyToolTip(const HistoryEntry &h);
    // "Expected …\nComputed …" lines for a problem that has both values.
    static QString expectedVsActual(const Problem &p);
};

} // namespace strata::ui
