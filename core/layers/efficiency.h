// SPDX-License-Identifier: MIT
// Wasted space, counted as what could be reclaimed: every copy of a file but the one kept, files
// deleted by later layers, and identical content stored under several paths.
#pragma once

#include "core/layers/layertoc.h"

namespace strata {

struct WasteFinding
{
    enum class Reason { Overwritten, Deleted, Duplicate };
    QString path;
    Reason reason = Reason::Overwritten;
    qint64 wastedBytes = 0;
    int layer = -1;     // the layer holding the wasted copy
    int causedBy = -1;  // the layer that overwrote or deleted it (-1 for duplicates)
    QStringList alsoAt; // duplicates: the other paths with the same content
};
QString wasteReasonName(WasteFinding::Reason r);

struct EfficiencyReport
{
    qint64 totalBytes = 0; // regular file bytes over all layers
    qint64 keptBytes = 0;  // in the merged filesystem
    qint64 wastedBytes = 0;
    double score = 1.0;           // 1 - wasted / total
    QList<WasteFinding> findings; // largest first
};

EfficiencyReport computeEfficiency(const QList<LayerTocPtr> &layers);

} // namespace strata
