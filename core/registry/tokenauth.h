// SPDX-License-Identifier: MIT
// Bearer tokens from a token server (distribution docs/spec/auth/token.md, GET flow).
#pragma once

#include "core/jobs/jobcontext.h"
#include "core/registry/authchallenge.h"
#include "core/registry/credentials.h"

#include <QDateTime>
#include <optional>

namespace strata {

struct BearerToken
{
    QByteArray token;  // never logged
    QDateTime expires; // UTC; refreshed a little before
    bool isValid() const { return !token.isEmpty() && QDateTime::currentDateTimeUtc() < expires; }
};

// Fetches a token for `scope` ("repository:a/b:pull", "registry:catalog:*") from the challenge's realm,
// with Basic credentials when given. The realm must be https, unless it is on a loopback host, on the
// registry's own host, or `tlsVerify` is off (the realm is attacker-controlled:
// ggcr pkg/v1/remote/transport/bearer.go validateRealmURL).
// Errors: Io (unreachable, TLS), Malformed (no realm, bad answer), NotFound/Io with the realm named on 401/403.
Result<BearerToken> requestBearerToken(const AuthChallenge &challenge, const QString &scope,
                                       const std::optional<RegistryCredential> &credential, const QString &registryHost,
                                       bool tlsVerify, JobContext *job);

} // namespace strata
