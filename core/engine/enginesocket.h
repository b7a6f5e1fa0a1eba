// SPDX-License-Identifier: MIT
// Where the local container engine listens: DOCKER_HOST, else Docker's socket, else Podman's.
#pragma once

#include "core/result.h"

#include <QProcessEnvironment>
#include <QStringList>

namespace strata {

struct EngineEndpoint
{
    QString socketPath;
    QString origin; // "DOCKER_HOST", "Docker's default socket", "Podman's rootful socket", "Podman's rootless socket"
};

// DOCKER_HOST=unix://PATH when set; otherwise the first existing socket of /var/run/docker.sock,
// /run/podman/podman.sock and $XDG_RUNTIME_DIR/podman/podman.sock.
// Errors: Unsupported (DOCKER_HOST names tcp://, ssh:// or another scheme: Strata only speaks to a
// local Unix socket), NotFound (no socket; the message lists where it looked).
Result<EngineEndpoint> findEngine(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());

} // namespace strata
