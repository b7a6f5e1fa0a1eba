// SPDX-License-Identifier: MIT
// Bounds on a containers-policy.json(5) read from an untrusted place (a --policy file, a user's
// ~/.config/containers/policy.json). Real policies have tens of scopes; containers/image has no limits at all.
#pragma once

#include <QtGlobal>

namespace strata::limits {

inline constexpr qint64 PolicyBytes = 4 * 1024 * 1024; // the whole policy file
inline constexpr int MaxPolicyScopes = 10000;          // scopes over all transports
inline constexpr int MaxPolicyRequirements = 256;      // requirements in one scope (or in "default")
inline constexpr int MaxPolicyKeyPaths = 256;          // keyPaths / keyDatas / rekorPublicKeyPaths entries

} // namespace strata::limits
