// SPDX-License-Identifier: MIT
// The referrers API client (distribution-spec v1.1 spec.md §"Listing Referrers"): an image index per page,
// Link pagination, the artifactType filter; every entry validated before use, every count bounded.
#include "core/json/jsondocument.h"
#include "core/json/jsonlimits.h"
#include "core/mediatypes.h"
#include "core/registry/httpexchange.h"
#include "core/registry/registryclient.h"

#include <QJsonArray>
#include <QSet>

using namespace Qt::StringLiterals;

namespace strata {

namespace {

QString hostPortOf(const QUrl &u)
{
    return u.port() > 0 ? u.host() + u':' + QString::number(u.port()) : u.host();
}

// Statuses by which a registry says it has no referrers API: distribution 2.8 (Debian's docker-registry) answers
// 404 to an unknown route; others 400, 405 or 501.
bool meansUnsupported(int status)
{
    return status == 404 || status == 400 || status == 405 || status == 501;
}

} // namespace

Result<ReferrersAnswer> RegistryClient::fetchReferrers(const QString &repository, const Digest &subject,
                                                       int maxDescriptors, const QString &artifactType,
                                                       JobContext *job) const
{
    const Target t{What::Referrers, repository, subject.toString()};
    const QString ctx = m_host + u'/' + repository + u" referrers of "_s + subject.toString();
    // Percent-encoded by hand: QUrlQuery leaves '+' (application/spdx+json) as is, which servers read as a space.
    QUrl url = QUrl::fromEncoded(
        u"/v2/%1/referrers/%2"_s.arg(repository, subject.toString()).toUtf8() +
        (artifactType.isEmpty() ? QByteArray() : "?artifactType=" + QUrl::toPercentEncoding(artifactType)));
    ReferrersAnswer a;
    QSet<QString> seen;
    bool filterEverywhere = true;
    while (true) {
        if (job && job->isCanceled())
            return makeError(ErrorCode::Canceled, u"canceled"_s, ctx);
        Result<std::unique_ptr<HttpExchange>> ex = send("GET", url, mediatype::OciIndex, t, job);
        if (!ex)
            return ex.error();
        HttpExchange &e = *ex.value();
        seen.insert(e.url().toString());
        if (e.status() != 200) {
            if (a.pages == 0 && meansUnsupported(e.status()))
                return makeError(ErrorCode::Unsupported,
                                 u"the registry has no referrers API (HTTP %1)"_s.arg(e.status()), ctx);
            Error err = errorFor(e, t);
            if (a.pages == 0)
                return err;
            a.stopped = u"page %1 of the referrers list failed (%2)"_s.arg(a.pages + 1).arg(err.message);
            break;
        }
        const QString page = a.pages == 0 ? ctx : ctx + u" (page %1)"_s.arg(a.pages + 1);
        Result<QByteArray> body = e.readAll(limits::ManifestBytes);
        if (!body)
            return makeError(body.error().code, u"the referrers list: "_s + body.error().message, page);
        Result<QJsonObject> o = json::parseObject(body.value(), limits::ManifestBytes, page);
        if (!o)
            return o.error();
        const QString type = json::optString(o.value(), "mediaType"_L1);
        if (!o->value("manifests"_L1).isArray() || (!type.isEmpty() && !mediatype::isIndex(type)))
            return makeError(
                ErrorCode::Malformed,
                u"the referrers answer is not an image index (mediaType \"%1\", %2)"_s.arg(
                    type.left(80), o->value("manifests"_L1).isArray() ? u"with manifests"_s : u"no manifests array"_s),
                page);
        ++a.pages;
        const bool applied = QString::fromLatin1(e.header("OCI-Filters-Applied"))
                                 .split(u',')
                                 .contains(u"artifactType"_s, Qt::CaseInsensitive);
        filterEverywhere = filterEverywhere && applied;
        const QJsonArray entries = o->value("manifests"_L1).toArray();
        for (qsizetype i = 0; i < entries.size(); ++i) {
            if (a.descriptors.size() >= maxDescriptors) {
                a.cut = true;
                a.offered += static_cast<int>(entries.size() - i);
                break;
            }
            ++a.offered;
            Result<Descriptor> d = Descriptor::fromJson(entries.at(i).toObject(), u"manifests[%1]"_s.arg(i));
            if (!d) {
                if (a.refused.size() < 20)
                    a.refused << (a.pages > 1 ? u"page %1 "_s.arg(a.pages) : QString()) + d.error().toString();
                continue;
            }
            if (!artifactType.isEmpty() && !applied && d->artifactType != artifactType)
                continue;
            a.descriptors << d.value();
        }
        if (a.cut)
            break;
        const QString next = nextLink(e.header("Link"));
        if (next.isEmpty())
            break;
        if (a.pages >= MaxReferrerPages) {
            a.cut = true;
            break;
        }
        const QUrl nextUrl = e.url().resolved(QUrl(next));
        if (hostPortOf(nextUrl) != hostPortOf(e.url()) || nextUrl.scheme() != e.url().scheme()) {
            a.stopped =
                u"the next-page link after page %1 points to another host (%2); not followed"_s.arg(a.pages).arg(
                    hostPortOf(nextUrl).left(100));
            break;
        }
        if (seen.contains(nextUrl.toString())) {
            a.stopped = u"the next-page link after page %1 repeats an earlier page; not followed"_s.arg(a.pages);
            break;
        }
        url = nextUrl;
    }
    a.filterApplied = !artifactType.isEmpty() && filterEverywhere;
    return a;
}

} // namespace strata
