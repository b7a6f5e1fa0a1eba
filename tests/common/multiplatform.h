// SPDX-License-Identifier: MIT
// Two multi-platform OCI layouts made at test time from good/oci-multi with umoci.
#pragma once

#include <QString>

namespace strata::test {

// From good/oci-multi (v1 and v2 of one image, both linux/amd64), in scratch copies:
//   left:  v1 linux/amd64 (v1), v2 linux/arm/v7 (v2's layers), v3 linux/arm64 (v1's layers)
//   right: v1 linux/amd64 (v1), v2 linux/arm/v7 (v1's layers), v3 linux/arm/v6 (v2's layers)
// So amd64 pairs identical images, arm/v7 pairs v2 with v1, and arm64 and arm/v6 have no partner.
// umoci sets the architecture in the config; the variant goes into the layout's index.json
// descriptor (not content-addressed; umoci has no variant option). Empty paths and `failure` set
// when a tool fails.
struct MultiPlatform
{
    QString left;
    QString right;
};
MultiPlatform makeMultiPlatform(QString *failure);

} // namespace strata::test
