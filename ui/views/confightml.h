// SPDX-License-Identifier: MIT
// The config row's overview (docker inspect, summarised) and its history read as the Dockerfile that built the
// image, as HTML for the details pane. The config is the one the graph parsed on its worker: nothing here reads.
#pragma once

#include "core/model/imagegraph.h"

#include <QCoreApplication>

namespace strata::ui {

class ConfigHtml final
{
    Q_DECLARE_TR_FUNCTIONS(ConfigHtml)
public:
    // A hostile config can hold 100,000 Env entries or a history of as many steps: the pane shows this many of
    // each and says how many it left out. Values are cut at MaxValueChars.
    static constexpr int MaxRows = 200;
    static constexpr int MaxHistoryRows = 500;
    static constexpr int MaxValueChars = 2000;

    // Empty when the image has no parsed config.
    static QString overview(const ImageGraph &g, int imageIndex);
    static QString history(const ImageGraph &g, int imageIndex);
    // For a layer: the history step that made it ("step 4: RUN make"), empty when the history does not map.
    static QString layerStep(const ImageGraph &g, const Node &layer);

    // The link a history step's "raw" opens, and back.
    static QString historyLink(int imageIndex, int historyIndex);
    static bool linkedHistory(const QString &href, int *imageIndex, int *historyIndex);
};

} // namespace strata::ui
