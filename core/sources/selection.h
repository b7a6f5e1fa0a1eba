// SPDX-License-Identifier: MIT
// Which image of a multi-image source the user asked for.
#pragma once

#include <QString>

namespace strata {

struct Selection
{
    QString reference; // "name:tag" (docker-archive) or a ref.name (OCI); empty for all
    int index = -1;    // "@N" in docker-archive:PATH:@N; -1 for all

    bool isAll() const { return reference.isEmpty() && index < 0; }
};

} // namespace strata
