// SPDX-License-Identifier: MIT
// Engine socket discovery (the Docker CLI's and Podman's defaults).
#include "core/engine/enginesocket.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace strata {

Result<EngineEndpoint> findEngine(const QProcessEnvironment &env)
{
    const QString host = env.value(u"DOCKER_HOST"_s);
    if (!host.isEmpty()) {
        if (!host.startsWith(u"unix://"_s))
            return makeError(
                ErrorCode::Unsupported,
                u"DOCKER_HOST is \"%1\": Strata talks to the engine only over a local Unix socket (unix://PATH)"_s.arg(
                    host.left(200)),
                u"DOCKER_HOST"_s);
        const QString path = host.mid(7);
        if (path.isEmpty())
            return makeError(ErrorCode::Unsupported, u"DOCKER_HOST is \"unix://\" with no path"_s, u"DOCKER_HOST"_s);
        return EngineEndpoint{path, u"DOCKER_HOST"_s};
    }
    QList<EngineEndpoint> candidates{{u"/var/run/docker.sock"_s, u"Docker's default socket"_s},
                                     {u"/run/podman/podman.sock"_s, u"Podman's rootful socket"_s}};
    const QString runtime = env.value(u"XDG_RUNTIME_DIR"_s);
    if (!runtime.isEmpty())
        candidates << EngineEndpoint{runtime + u"/podman/podman.sock"_s, u"Podman's rootless socket"_s};
    QStringList tried;
    for (const EngineEndpoint &c : candidates) {
        if (QFileInfo::exists(c.socketPath))
            return c;
        tried << c.socketPath;
    }
    return makeError(ErrorCode::NotFound,
                     u"no container engine socket found (tried %1); set DOCKER_HOST=unix://PATH, or start one, e.g. "
                     "`systemctl --user start podman.socket`"_s.arg(tried.join(u", "_s)),
                     u"DOCKER_HOST"_s);
}

} // namespace strata
