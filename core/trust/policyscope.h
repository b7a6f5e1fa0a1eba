// SPDX-License-Identifier: MIT
// Which scope of a policy applies to an image: containers/image signature/policy_eval.go requirementsForImageRef
// over each transport's PolicyConfigurationIdentity and PolicyConfigurationNamespaces (docker/policyconfiguration/
// naming.go, directory/directory_transport.go, oci/layout, oci/archive, docker/archive, docker/daemon,
// storage/storage_reference.go), then the transport's "" scope, then "default".
#pragma once

#include "core/trust/dockerreference.h"
#include "core/trust/policy.h"

#include <optional>

namespace strata::trust {

// An image as a transport names it. `reference` is what follows "TRANSPORT:": "//busybox", "busybox:1",
// "/srv/img" (dir), "/srv/layout:v1" (oci), "/tmp/a.tar:busybox:1" (docker-archive),
// "[overlay@/var/lib/containers/storage]busybox" (containers-storage: the store specification is required, Strata
// does not read storage.conf).
struct PolicyImage
{
    QString transport;
    QString reference;
};

struct PolicyIdentity
{
    QString identity;                               // the full-match scope ("" when the transport has none)
    QStringList namespaces;                         // then these, most specific first
    std::optional<DockerReference> dockerReference; // DockerReference(): what signed identities are matched against
};

// Relative paths (dir:, oci:, oci-archive:) resolve against the working directory and through symbolic links, as
// containers/image's explicitfilepath does. Errors: Malformed (a reference the transport refuses), Unsupported (a
// transport Strata does not resolve).
Result<PolicyIdentity> policyIdentity(const PolicyImage &image);

struct ScopeMatch
{
    QString transport;                                // the transport's section that matched, empty for "default"
    QString scope;                                    // the matching scope key ("" for the transport default)
    bool isDefault = true;                            // true: the policy's "default"
    const PolicyRequirements *requirements = nullptr; // points into the Policy

    // `default`, `transports.docker."example.com/app"`, `transports.dir.""`.
    QString describe() const;
};

// The requirements for `identity` under `transport`. The result points into `policy`, which must outlive it.
ScopeMatch requirementsFor(const Policy &policy, const QString &transport, const PolicyIdentity &identity);

} // namespace strata::trust
