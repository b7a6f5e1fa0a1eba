// SPDX-License-Identifier: MIT
// A read-only client of the distribution API v2 (distribution-spec v1.1.1 spec.md, distribution
// docs/content/spec/api.md and auth/token.md): ping, catalog, tags,
// manifests, blobs; anonymous, Basic and Bearer authentication; manual redirects.
#pragma once

#include "core/digest.h"
#include "core/io/bytestream.h"
#include "core/jobs/jobcontext.h"
#include "core/model/descriptor.h"
#include "core/registry/authchallenge.h"
#include "core/registry/credentials.h"
#include "core/registry/tokenauth.h"

#include <QHash>
#include <QMutex>
#include <QUrl>

#include <optional>

namespace strata {

struct RegistryOptions
{
    // Verify TLS certificates, and use plain HTTP only for loopback hosts. When false: certificates are
    // not checked, and plain HTTP is tried when HTTPS fails (skopeo's --tls-verify=false).
    bool tlsVerify = true;
    int stallTimeoutMs = 30000;
    // Used instead of the credential store when set.
    std::optional<RegistryCredential> credential;
    bool useCredentialStore = true;
};

struct ManifestResponse
{
    QByteArray body;   // at most limits::ManifestBytes
    QString mediaType; // Content-Type without parameters
    Digest digest;     // computed over body (algorithm of the requested or announced digest)
    QString announced; // Docker-Content-Digest, if any (checked against body)
};

// GET /v2/<name>/referrers/<digest> (distribution-spec v1.1 §Listing Referrers), all pages.
struct ReferrersAnswer
{
    QList<Descriptor> descriptors; // valid ones, in the registry's order, at most the maximum asked for
    QStringList refused;           // entries that are not valid descriptors (bad digest, no size): why, each
    bool cut = false;              // more were offered than the maximum (or than MaxReferrerPages pages)
    int offered = 0;               // entries seen before stopping (a lower bound of the total when cut)
    int pages = 0;
    QString stopped;            // why pagination stopped early (a failed page, a link elsewhere or repeating)
    bool filterApplied = false; // the registry said so (OCI-Filters-Applied: artifactType)
};

// Thread-safe: any number of threads may call it at once; each call runs its own HTTP exchange on
// the calling thread (which needs no event loop of its own, but a QCoreApplication must exist).
class RegistryClient final
{
public:
    RegistryClient(QString host, RegistryOptions options);
    Q_DISABLE_COPY_MOVE(RegistryClient)

    const QString &host() const { return m_host; }
    // "https://host" or "http://host" once pinged.
    QString baseUrl() const;

    // GET /v2/: learns the scheme and how to authenticate. Called by every other member first.
    // Errors: Io (unreachable, TLS, not a registry), Canceled.
    Status ping(JobContext *job = nullptr) const;

    // Errors: NotFound (repository vs manifest told apart), Io (401/403 naming the realm, 429 with
    // Retry-After), Malformed (Docker-Content-Digest disagrees with the bytes), TooLarge, Canceled.
    Result<ManifestResponse> fetchManifest(const QString &repository, const QString &reference,
                                           JobContext *job = nullptr) const;
    // HEAD: the blob's size. Errors: NotFound (BLOB_UNKNOWN, or the repository), Io.
    Result<qint64> statBlob(const QString &repository, const Digest &digest, JobContext *job = nullptr) const;
    // A stream over the blob's body; read it on this thread. Memory stays bounded whatever its size.
    Result<ByteStreamPtr> openBlob(const QString &repository, const Digest &digest, JobContext *job = nullptr) const;

    // Paginated listings following Link headers (pageSize per request, stopping at maxItems).
    // The catalog is not in the OCI spec: hosted registries often refuse it (Io with the status).
    Result<QStringList> listRepositories(int pageSize = 100, JobContext *job = nullptr, int maxItems = 100000) const;
    Result<QStringList> listTags(const QString &repository, int pageSize = 100, JobContext *job = nullptr,
                                 int maxItems = 100000) const;

    // The referrers of `subject`, following Link pagination on the same host (at most MaxReferrerPages pages),
    // keeping at most maxDescriptors. An artifactType filter is sent and, when the registry does not say it
    // applied it, applied here. Errors: Unsupported when the registry has no referrers API (HTTP 404, 400,
    // 405, 501: use the referrers tag schema instead), Io, Malformed (not an index), TooLarge, Canceled.
    Result<ReferrersAnswer> fetchReferrers(const QString &repository, const Digest &subject, int maxDescriptors,
                                           const QString &artifactType = {}, JobContext *job = nullptr) const;
    static constexpr int MaxReferrerPages = 64;

    // The manifest Accept list (every type Strata reads, OCI and Docker, manifests and indexes).
    static QByteArray manifestAccept();
    // Link: <url>; rel="next" → url (empty when none). Pure; exposed for tests.
    static QString nextLink(const QByteArray &linkHeader);

private:
    enum class What { Ping, Catalog, Tags, Manifest, Blob, Referrers };
    struct Target
    {
        What what;
        QString repository;
        QString reference;
    };
    Result<std::unique_ptr<class HttpExchange>> send(const QByteArray &method, const QUrl &url,
                                                     const QByteArray &accept, const Target &target,
                                                     JobContext *job) const;
    Error errorFor(class HttpExchange &ex, const Target &target) const;
    Result<QByteArray> authorization(const QString &scope, JobContext *job) const;
    std::optional<RegistryCredential> credential() const;
    Result<QStringList> listPaged(const QString &path, const QString &key, const Target &target, int pageSize,
                                  int maxItems, JobContext *job) const;
    static QString scopeFor(const Target &t);

    QString m_host;
    RegistryOptions m_options;
    mutable QMutex m_mutex;
    mutable bool m_pinged = false;
    mutable QString m_scheme;
    mutable QList<AuthChallenge> m_challenges;
    mutable QHash<QString, BearerToken> m_tokens; // by scope
    mutable bool m_credentialLoaded = false;
    mutable std::optional<RegistryCredential> m_credential;
};

} // namespace strata
