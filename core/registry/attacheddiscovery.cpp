// SPDX-License-Identifier: MIT
// Referrers API → referrers tag fallback, and cosign tags, for one registry image; each lookup is one task on a
// small pool of its own (network waits, not CPU work: kept off workerPool(), whose tasks must never block).
#include "core/registry/attacheddiscovery.h"
#include "core/attached/attachmentlinker.h"
#include "core/attached/referrertags.h"
#include "core/format/sizeformat.h"
#include "core/json/jsondocument.h"
#include "core/json/jsonlimits.h"
#include "core/mediatypes.h"
#include "core/registry/registryclient.h"

#include <QJsonArray>
#include <QMutex>
#include <QSet>
#include <QThreadPool>

#include <algorithm>
#include <climits>
#include <functional>

using namespace Qt::StringLiterals;

namespace strata {

namespace {

constexpr auto AnnotationRefName = "org.opencontainers.image.ref.name";
constexpr int LookupThreads = 4;

class Discovery
{
public:
    Discovery(const RegistryClient &client, QString repository, QString artifactType, JobContext *job)
        : m_client(client), m_repository(std::move(repository)), m_artifactType(std::move(artifactType)), m_job(job)
    {
        m_pool.setMaxThreadCount(LookupThreads);
    }

    void lookUpReferrers(const Digest &subject)
    {
        run([this, subject] { referrers(subject); });
    }
    void lookUpCosignTags(const Digest &subject)
    {
        for (auto scheme : {attached::TagTarget::Scheme::CosignSignatures,
                            attached::TagTarget::Scheme::CosignAttestations, attached::TagTarget::Scheme::CosignSbom})
            run([this, subject, scheme] { cosignTag(subject, attached::cosignTagFor(subject, scheme)); });
    }
    // cosign sign --recursive tags every platform manifest too: one tag listing says which of those tags exist,
    // instead of three probes per manifest. A registry that refuses to list tags gets no child lookups.
    void lookUpChildCosignTags(const QList<Digest> &children, const Digest &root)
    {
        run([this, children, root] {
            Result<QStringList> tags = m_client.listTags(m_repository, 1000, m_job, MaxListedTags);
            if (!tags)
                return;
            const QSet<QString> have(tags->cbegin(), tags->cend());
            for (const Digest &child : children)
                for (auto scheme :
                     {attached::TagTarget::Scheme::CosignSignatures, attached::TagTarget::Scheme::CosignAttestations,
                      attached::TagTarget::Scheme::CosignSbom})
                    if (const QString tag = attached::cosignTagFor(child, scheme); have.contains(tag))
                        run([this, child, tag] { cosignTag(child, tag); });
            if (tags->size() >= MaxListedTags)
                note(root, ProblemKind::TooLarge,
                     u"the repository lists more than %1 tags; cosign tags of its platform manifests were looked for "
                     "among the first %1 only"_s.arg(format::countText(MaxListedTags)));
        });
    }
    void note(const Digest &subject, ProblemKind kind, const QString &message)
    {
        QMutexLocker lock(&m_mutex);
        m_out.notes << DiscoveryNote{subject, kind, message};
    }

    Result<AttachedDiscovery> finish()
    {
        m_pool.waitForDone();
        if (canceled())
            return makeError(ErrorCode::Canceled, u"canceled while looking up attached artifacts"_s, m_repository);
        prefetch();
        m_pool.waitForDone();
        if (canceled())
            return makeError(ErrorCode::Canceled, u"canceled while looking up attached artifacts"_s, m_repository);
        return std::move(m_out);
    }

private:
    bool canceled() const { return m_job && m_job->isCanceled(); }

    void run(std::function<void()> task)
    {
        m_pool.start([this, task = std::move(task)] {
            if (!canceled())
                task();
        });
    }

    void referrers(const Digest &subject)
    {
        Result<ReferrersAnswer> a =
            m_client.fetchReferrers(m_repository, subject, attached::MaxAttachedPerSubject, m_artifactType, m_job);
        if (!a && a.error().code == ErrorCode::Unsupported) {
            referrersTag(subject);
            return;
        }
        if (!a) {
            if (a.error().code != ErrorCode::Canceled)
                note(subject, ProblemKind::Unverifiable,
                     u"the referrers lookup failed, so artifacts attached to this manifest may be missing: %1"_s.arg(
                         a.error().toString()));
            return;
        }
        for (const QString &r : a->refused)
            note(subject, ProblemKind::Malformed, u"the registry's referrers list has an entry refused: "_s + r);
        if (a->cut)
            note(subject, ProblemKind::TooLarge,
                 u"referrers list cut at %1 of the registry's answer (%2 entries seen in %3 pages, more offered)"_s.arg(
                     format::countText(attached::MaxAttachedPerSubject), format::countText(a->offered),
                     format::countText(a->pages)));
        if (!a->stopped.isEmpty())
            note(subject, ProblemKind::Truncated, u"the referrers list is incomplete: "_s + a->stopped);
        for (const Descriptor &d : a->descriptors)
            addArtifact(d, subject, u"referrers-api"_s, {});
    }

    void referrersTag(const Digest &subject)
    {
        const QString tag = attached::referrersTagFor(subject);
        Result<ManifestResponse> m = m_client.fetchManifest(m_repository, tag, m_job);
        if (!m) {
            if (m.error().code != ErrorCode::NotFound && m.error().code != ErrorCode::Canceled)
                note(subject, ProblemKind::Unverifiable,
                     u"the registry has no referrers API, and its referrers tag %1 could not be read: %2"_s.arg(
                         tag, m.error().toString()));
            return;
        }
        const QString ctx = m_repository + u':' + tag;
        Result<QJsonObject> o = json::parseObject(m->body, limits::ManifestBytes, ctx);
        if (!o || !o->value("manifests"_L1).isArray()) {
            note(subject, ProblemKind::Malformed,
                 u"the referrers tag %1 is not an image index%2"_s.arg(tag,
                                                                       o ? QString() : u": "_s + o.error().message));
            return;
        }
        const QJsonArray entries = o->value("manifests"_L1).toArray();
        int kept = 0;
        int refused = 0;
        for (qsizetype i = 0; i < entries.size(); ++i) {
            if (kept >= attached::MaxAttachedPerSubject) {
                note(subject, ProblemKind::TooLarge,
                     u"referrers list cut at %1 of the registry's answer (the referrers tag %2 lists %3)"_s.arg(
                         format::countText(attached::MaxAttachedPerSubject), tag, format::countText(entries.size())));
                break;
            }
            Result<Descriptor> d = Descriptor::fromJson(entries.at(i).toObject(), ctx + u" manifests[%1]"_s.arg(i));
            if (!d) {
                if (++refused <= 20)
                    note(subject, ProblemKind::Malformed,
                         u"the referrers tag's index has an entry refused: "_s + d.error().toString());
                continue;
            }
            ++kept;
            addArtifact(d.value(), subject, u"referrers-tag"_s, {});
        }
    }

    void cosignTag(const Digest &subject, const QString &tag)
    {
        Result<ManifestResponse> m = m_client.fetchManifest(m_repository, tag, m_job);
        if (!m) {
            if (m.error().code != ErrorCode::NotFound && m.error().code != ErrorCode::Canceled)
                note(subject, ProblemKind::Unverifiable,
                     u"the cosign tag %1 could not be read: %2"_s.arg(tag, m.error().toString()));
            return;
        }
        Descriptor d;
        d.mediaType = m->mediaType;
        if (!mediatype::isManifest(d.mediaType) && !mediatype::isIndex(d.mediaType))
            if (Result<QJsonObject> o = json::parseObject(m->body, limits::ManifestBytes, QString()))
                if (const QString own = json::optString(o.value(), "mediaType"_L1); !own.isEmpty())
                    d.mediaType = own.left(255);
        if (d.mediaType.isEmpty())
            d.mediaType = QString::fromLatin1(mediatype::OciManifest);
        d.digest = m->digest;
        d.size = m->body.size();
        d.annotations.insert(QLatin1StringView(AnnotationRefName), tag);
        addArtifact(d, subject, u"cosign-tag"_s, m->body);
    }

    void addArtifact(Descriptor d, const Digest &subject, const QString &foundBy, const QByteArray &manifest)
    {
        qsizetype annotationBytes = 0;
        for (auto it = d.annotations.cbegin(); it != d.annotations.cend(); ++it)
            annotationBytes += it.key().size() + it.value().size() + 6;
        if (annotationBytes > MaxKeptAnnotationBytes) {
            note(subject, ProblemKind::TooLarge,
                 u"the annotations of referrer %1 in the registry's list take %2, over %3: not kept (its own "
                 "manifest is still read)"_s.arg(d.digest.toString(), format::sizeText(annotationBytes),
                                                 format::sizeText(MaxKeptAnnotationBytes)));
            d.annotations.clear();
        }
        d.platform.reset();
        d.data.reset();
        d.urls.clear();
        d.annotations.insert(QLatin1StringView(attached::AnnotationFoundBy), foundBy);
        d.annotations.insert(QLatin1StringView(attached::AnnotationSubject), subject.toString());
        QMutexLocker lock(&m_mutex);
        const QString key = subject.toString() + u' ' + d.digest.toString();
        if (m_keys.contains(key))
            return;
        m_keys.insert(key);
        m_out.artifacts << DiscoveredArtifact{std::move(d), manifest};
    }

    // Fetches the artifact manifests in parallel too (the graph would read them one by one), up to a byte budget.
    void prefetch()
    {
        QList<Digest> wanted; // chosen before any task starts: the tasks write m_out.artifacts
        QSet<QString> asked;
        qint64 budget = MaxPrefetchedBytes;
        for (const DiscoveredArtifact &a : std::as_const(m_out.artifacts)) {
            if (!a.manifest.isEmpty() || !a.descriptor.digest.isVerifiable() || a.descriptor.size < 0 ||
                a.descriptor.size > limits::ManifestBytes || asked.contains(a.descriptor.digest.toString()))
                continue;
            if (budget < a.descriptor.size)
                break;
            budget -= a.descriptor.size;
            asked.insert(a.descriptor.digest.toString());
            wanted << a.descriptor.digest;
        }
        for (const Digest &digest : std::as_const(wanted))
            run([this, digest] {
                Result<ManifestResponse> m = m_client.fetchManifest(m_repository, digest.toString(), m_job);
                if (!m)
                    return; // read again (and reported) when the graph reads it
                QMutexLocker lock(&m_mutex);
                for (DiscoveredArtifact &x : m_out.artifacts)
                    if (x.descriptor.digest == digest)
                        x.manifest = m->body;
            });
    }

    const RegistryClient &m_client;
    QString m_repository;
    QString m_artifactType;
    JobContext *m_job;
    QThreadPool m_pool;
    QMutex m_mutex;
    AttachedDiscovery m_out;
    QSet<QString> m_keys;
};

} // namespace

Result<AttachedDiscovery> discoverAttached(const RegistryClient &client, const QString &repository, const Digest &root,
                                           const QList<Digest> &children, JobContext *job, const QString &artifactType)
{
    Discovery d(client, repository, artifactType, job);
    d.lookUpReferrers(root);
    d.lookUpCosignTags(root);
    QList<Digest> looked;
    for (qsizetype i = 0; i < children.size() && i < MaxDiscoverySubjects; ++i)
        if (!(children[i] == root)) {
            d.lookUpReferrers(children[i]);
            looked << children[i];
        }
    if (!looked.isEmpty())
        d.lookUpChildCosignTags(looked, root);
    if (children.size() > MaxDiscoverySubjects)
        d.note(root, ProblemKind::TooLarge,
               u"referrers were looked up for the first %1 of the index's %2 manifests only"_s.arg(
                   format::countText(MaxDiscoverySubjects), format::countText(children.size())));
    Result<AttachedDiscovery> out = d.finish();
    if (!out)
        return out;
    // Lookups finish in any order: list root first, then the children in index order; per subject the referrers,
    // then .sig, .att, .sbom; each lookup's entries in the registry's order.
    QHash<QString, int> position{{root.toString(), 0}};
    for (qsizetype i = 0; i < children.size(); ++i)
        position.insert(children[i].toString(), static_cast<int>(i) + 1);
    const auto rank = [&position](const DiscoveredArtifact &a) {
        const QString subject = a.descriptor.annotation(QLatin1StringView(attached::AnnotationSubject));
        const QString tag = a.descriptor.annotation(QLatin1StringView(AnnotationRefName));
        const int how = tag.endsWith(u".sig"_s) ? 1 : tag.endsWith(u".att"_s) ? 2 : tag.endsWith(u".sbom"_s) ? 3 : 0;
        return std::pair{position.value(subject, INT_MAX), how};
    };
    std::stable_sort(out->artifacts.begin(), out->artifacts.end(),
                     [&rank](const DiscoveredArtifact &a, const DiscoveredArtifact &b) { return rank(a) < rank(b); });
    return out;
}

} // namespace strata
