// SPDX-License-Identifier: MIT
// Registry credentials: typed in (memory only), or from docker's config.json (auths, credHelpers,
// credsStore through docker-credential-* programs; docker/cli cli/config/configfile/file.go and
// cli/config/credentials/). Secrets are never logged.
#pragma once

#include "core/result.h"

#include <QString>
#include <optional>

namespace strata {

struct RegistryCredential
{
    QString username;
    QString secret;             // password, or an identity token when identityToken is set
    bool identityToken = false; // Username "<token>" from a helper, or "identitytoken" in config.json
    QString registryToken;      // sent as-is as a Bearer token
    QString origin;             // where it came from, for messages ("~/.docker/config.json auths"); never the secret

    bool isEmpty() const { return username.isEmpty() && secret.isEmpty() && registryToken.isEmpty(); }
};

class CredentialStore final
{
public:
    // The credential for `host` ("127.0.0.1:5000"): from memory first, then the config file.
    // Thread-safe. Helper programs run with a 10 s timeout. Errors: Malformed (a broken config file
    // or helper answer), Io (a helper that fails for another reason than "not found").
    static Result<std::optional<RegistryCredential>> lookup(const QString &host);

    // Credentials typed by the user, for this process only.
    static void remember(const QString &host, const RegistryCredential &c);
    static void forget(const QString &host);

    // The config file used: $DOCKER_CONFIG/config.json, else ~/.docker/config.json.
    static QString configPath();
    // The helper a host would use ("pass", "secretservice", …), or empty; credHelpers wins over credsStore.
    static QString helperFor(const QString &host);
    // Stores through that helper (`docker-credential-NAME store`). Errors: Unsupported (no helper
    // configured), Io. Nothing is ever written in plain text by Strata.
    static Status storeWithHelper(const QString &host, const RegistryCredential &c);
};

} // namespace strata
