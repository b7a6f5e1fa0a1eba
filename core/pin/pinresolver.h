// SPDX-License-Identifier: MIT
// Resolves image references to the digest a pull gets, through the registry client docker:// sources use (the same
// credential store, TLS rules, --tls-verify and insecure-registry list).
#pragma once

#include "core/jobs/jobcontext.h"
#include "core/pin/pinreference.h"

#include <QHash>
#include <QMutex>
#include <QStringList>

#include <memory>

namespace strata {
class RegistryClient;
}

namespace strata::pin {

struct Resolution
{
    Digest digest;         // of the bytes the registry serves for the tag: an index's own digest when it is one
    QString mediaType;     // as served
    QStringList platforms; // "linux/amd64", … : an index's entries (attestations left out), or a manifest's config
};

class PinResolver final
{
public:
    // tlsVerify false: as skopeo's --tls-verify=false (certificates unchecked, plain HTTP tried).
    explicit PinResolver(bool tlsVerify);
    ~PinResolver();
    Q_DISABLE_COPY_MOVE(PinResolver)

    // One manifest GET of repository:tag (or @digest when the reference has no tag): each distinct one is asked once
    // per resolver, failures included. Thread-safe; synchronous (a QCoreApplication must exist). Errors: as
    // RegistryClient::fetchManifest (NotFound, Io, Malformed), Canceled.
    Result<Resolution> resolve(const RegistryReference &ref, JobContext *job = nullptr);

private:
    std::shared_ptr<const RegistryClient> client(const QString &host);
    Result<Resolution> lookUp(const RegistryReference &ref, JobContext *job);

    bool m_tlsVerify;
    QMutex m_mutex;
    QHash<QString, std::shared_ptr<const RegistryClient>> m_clients;
    QHash<QString, Result<Resolution>> m_cache;
};

} // namespace strata::pin
