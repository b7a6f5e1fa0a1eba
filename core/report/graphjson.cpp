// SPDX-License-Identifier: MIT
// JSON output.
#include "core/report/graphjson.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace strata::report {

namespace {

QJsonValue digestOrNull(const Digest &d)
{
    return d.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(d.toString());
}

QJsonValue timeOrNull(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

QJsonObject certificateToJson(const CertificateSummary &c)
{
    return QJsonObject{
        {u"subject"_s, c.subject},
        {u"issuer"_s, c.issuer},
        {u"emails"_s, QJsonArray::fromStringList(c.emails)},
        {u"uris"_s, QJsonArray::fromStringList(c.uris)},
        {u"oidcIssuer"_s, c.oidcIssuer.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(c.oidcIssuer)},
        {u"notBefore"_s, timeOrNull(c.notBefore)},
        {u"notAfter"_s, timeOrNull(c.notAfter)},
        {u"sha256"_s, c.sha256},
        {u"ca"_s, c.isCa}};
}

// What a stored signature claims. "verified" stays null: nothing here checks the cryptography.
QJsonObject signatureToJson(const ImageGraph &g, const Node &n)
{
    const StoredSignature &s = *n.signature;
    QJsonObject o{{u"kind"_s, s.kindName()}, {u"verified"_s, QJsonValue(QJsonValue::Null)}};
    if (!s.mimeType.isEmpty())
        o.insert(u"mimeType"_s, s.mimeType);
    if (s.claims) {
        const Digest subject = attachedSubjectOf(g, n);
        o.insert(u"claims"_s, QJsonObject{{u"type"_s, s.claims->type},
                                          {u"dockerManifestDigest"_s, digestOrNull(s.claims->manifestDigest)},
                                          {u"dockerReference"_s, s.claims->dockerReference},
                                          {u"optional"_s, s.claims->optional}});
        o.insert(u"claimMatchesSubject"_s,
                 !subject.isNull() && !s.claims->manifestDigest.isNull() && subject == s.claims->manifestDigest);
    }
    if (const QString signer = s.claimedSigner(); !signer.isEmpty())
        o.insert(u"claimedSigner"_s, signer);
    if (s.openPgp) {
        o.insert(u"gpg"_s, QJsonObject{{u"keyId"_s, s.openPgp->issuerKeyId},
                                       {u"fingerprint"_s, s.openPgp->issuerFingerprint},
                                       {u"created"_s, timeOrNull(s.openPgp->created)},
                                       {u"publicKeyAlgorithm"_s, s.openPgp->publicKeyAlgorithmName()},
                                       {u"hashAlgorithm"_s, s.openPgp->hashAlgorithmName()}});
    }
    QJsonArray certs;
    for (const CertificateSummary &c : s.certificates)
        certs << certificateToJson(c);
    if (!certs.isEmpty())
        o.insert(u"certificates"_s, certs);
    if (s.rekor)
        o.insert(u"rekor"_s, QJsonObject{{u"logIndex"_s, s.rekor->logIndex},
                                         {u"integratedTime"_s, timeOrNull(s.rekor->integratedTime)},
                                         {u"logId"_s, s.rekor->logId}});
    if (!s.problems.isEmpty())
        o.insert(u"problems"_s, QJsonArray::fromStringList(s.problems));
    return o;
}

QJsonObject stringMapToJson(const QMap<QString, QString> &m)
{
    QJsonObject o;
    for (auto it = m.cbegin(); it != m.cend(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

QJsonValue stringOrNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QJsonObject nodeToJson(const ImageGraph &g, const Node &n, const VerifyReport *verify)
{
    QJsonObject o{{u"kind"_s, nodeKindName(n.kind)}, {u"title"_s, n.title}};
    if (n.descriptor) {
        o.insert(u"mediaType"_s, n.descriptor->mediaType);
        o.insert(u"digest"_s, n.descriptor->digest.toString());
        o.insert(u"size"_s, n.descriptor->size);
    } else if (!n.digest().isNull()) {
        o.insert(u"digest"_s, n.digest().toString());
    }
    if (n.identifierKind() != IdentifierKind::None)
        o.insert(u"identifier"_s, identifierKindName(n.identifierKind()));
    if (!n.member.isEmpty())
        o.insert(u"member"_s, n.member);
    if (!n.present && n.kind != NodeKind::Source)
        o.insert(u"present"_s, false);
    if (n.absenceAllowed && !n.present)
        o.insert(u"notIncluded"_s, true);
    if (n.expectedDiffId)
        o.insert(u"diffId"_s, n.expectedDiffId->toString());
    if (!n.refNames.isEmpty())
        o.insert(u"names"_s, QJsonArray::fromStringList(n.refNames));
    if (!n.attestationFor.isEmpty())
        o.insert(u"attestationFor"_s, n.attestationFor);
    if (n.computedDigest && !n.descriptor)
        o.insert(u"digestComputed"_s, true); // no one names this document by digest: this is what it hashes to
    if (n.signature)
        o.insert(u"signature"_s, signatureToJson(g, n));
    if (n.attachment) {
        QJsonArray foundBy;
        for (FoundBy f : n.attachment->foundBy)
            foundBy << foundByKey(f);
        o.insert(u"attachment"_s, QJsonObject{{u"kind"_s, n.attachment->label},
                                              {u"foundBy"_s, foundBy},
                                              {u"subject"_s, n.attachment->subject.toString()},
                                              {u"dangling"_s, n.attachment->dangling}});
    }
    if (verify) {
        const auto it = verify->results.constFind(n.id);
        if (it != verify->results.cend())
            o.insert(u"status"_s, checkStatusName(it->status));
    }
    QJsonArray children;
    for (int c : n.children)
        children << nodeToJson(g, g.nodes[c], verify);
    if (!children.isEmpty())
        o.insert(u"children"_s, children);
    return o;
}

} // namespace

QJsonObject problemToJson(const Problem &p)
{
    return QJsonObject{{u"kind"_s, problemKindName(p.kind)},
                       {u"severity"_s, severityName(p.severity)},
                       {u"object"_s, p.object},
                       {u"expected"_s, p.expected.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(p.expected)},
                       {u"actual"_s, p.actual.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(p.actual)},
                       {u"message"_s, p.message}};
}

namespace {

QJsonObject verdictToJson(const trust::Verdict &v)
{
    QJsonObject o{{u"state"_s, trust::verdictStateKey(v.state)},
                  {u"verified"_s, v.state == trust::VerdictState::NotChecked ? QJsonValue(QJsonValue::Null)
                                                                             : QJsonValue(v.verified())},
                  {u"reason"_s, stringOrNull(v.reason)},
                  {u"signer"_s, stringOrNull(v.signer)},
                  {u"signedDigest"_s, digestOrNull(v.signedDigest)},
                  {u"signingTime"_s, v.signingTime.isValid() ? QJsonValue(v.signingTime.toUTC().toString(Qt::ISODate))
                                                             : QJsonValue(QJsonValue::Null)}};
    o.insert(u"checks"_s, QJsonArray::fromStringList(v.checks));
    return o;
}

void insertTrust(QJsonObject &o, const Node &n, const trust::TrustReport *trust)
{
    if (!trust)
        return;
    const std::optional<trust::Verdict> v = trust->verdictOf(n.id);
    if (!v)
        return;
    const QJsonObject top = verdictToJson(*v);
    for (const QString &k : {u"verified"_s, u"reason"_s, u"signer"_s})
        o.insert(k, top.value(k));
    QJsonArray each;
    for (const trust::SignatureCheck &c : trust->checks)
        if (c.node == n.id) {
            QJsonObject one = verdictToJson(c.verdict);
            one.insert(u"kind"_s, c.kind);
            each << one;
        }
    o.insert(u"signatures"_s, each);
}

QJsonObject attachmentToJson(const Node &n, const VerifyReport *verify, const trust::TrustReport *trust)
{
    const Attachment &a = *n.attachment;
    QJsonArray foundBy;
    for (FoundBy f : a.foundBy)
        foundBy << foundByKey(f);
    QJsonObject o{{u"kind"_s, artifactKindName(a.kind)},
                  {u"label"_s, a.label},
                  {u"foundBy"_s, foundBy},
                  {u"digest"_s, digestOrNull(n.digest())},
                  {u"mediaType"_s, stringOrNull(n.descriptor ? n.descriptor->mediaType : a.artifactType)},
                  {u"artifactType"_s, stringOrNull(a.artifactType)},
                  {u"size"_s, n.descriptor        ? QJsonValue(n.descriptor->size)
                              : n.storedSize >= 0 ? QJsonValue(n.storedSize)
                                                  : QJsonValue(QJsonValue::Null)},
                  {u"created"_s, stringOrNull(a.created)},
                  {u"subject"_s, a.subject.toString()},
                  {u"annotations"_s, stringMapToJson(a.annotations)},
                  {u"summary"_s, a.summary},
                  {u"verified"_s, QJsonValue(QJsonValue::Null)}};
    if (!n.member.isEmpty())
        o.insert(u"member"_s, n.member);
    if (!a.predicateTypes.isEmpty())
        o.insert(u"predicateTypes"_s, QJsonArray::fromStringList(a.predicateTypes));
    if (a.dangling)
        o.insert(u"dangling"_s, true);
    if (verify) {
        const auto it = verify->results.constFind(n.id);
        if (it != verify->results.cend())
            o.insert(u"status"_s, checkStatusName(it->status));
    }
    insertTrust(o, n, trust);
    return o;
}

} // namespace

QJsonArray attachedToJson(const ImageGraph &g, const VerifyReport *verify, const trust::TrustReport *trust)
{
    // Once per artifact as the tree lists it: nodes of the same artifact reached another way, or beyond the
    // bound, carry an attachment but stay where the source put them.
    QJsonArray out;
    for (const Node &n : g.nodes)
        if (n.attachment && n.parent >= 0 && g.nodes[n.parent].kind == NodeKind::Attached)
            out << attachmentToJson(n, verify, trust);
    return out;
}

QJsonObject trustToJson(const ImageGraph &g, const trust::TrustReport &trust)
{
    QJsonArray subjects;
    for (const trust::SubjectTrust &s : trust.subjects)
        subjects << QJsonObject{{u"digest"_s, digestOrNull(g.nodes[s.node].digest())},
                                {u"badge"_s, s.badge()},
                                {u"verified"_s, s.verified},
                                {u"failed"_s, s.failed},
                                {u"notChecked"_s, s.notChecked},
                                {u"signers"_s, QJsonArray::fromStringList(s.signers)}};
    QJsonObject out{
        {u"summary"_s, trust.summaryLine()}, {u"anyVerified"_s, trust.anyVerified()}, {u"subjects"_s, subjects}};
    if (trust.policy) {
        QJsonArray signatures;
        for (const trust::Verdict &v : trust.policy->signatures)
            signatures << verdictToJson(v);
        out.insert(u"policy"_s, QJsonObject{{u"accepted"_s, trust.policy->accepted},
                                            {u"image"_s, trust.policyImage},
                                            {u"imageInferred"_s, trust.policyImageInferred},
                                            {u"scope"_s, trust.policy->scope},
                                            {u"requirement"_s, trust.policy->requirement},
                                            {u"reason"_s, trust.policy->reason},
                                            {u"signatures"_s, signatures}});
    } else if (!trust.policyNote.isEmpty()) {
        out.insert(u"policy"_s,
                   QJsonObject{{u"accepted"_s, QJsonValue(QJsonValue::Null)}, {u"reason"_s, trust.policyNote}});
    }
    return out;
}

QJsonObject toJson(const ImageGraph &g, const VerifyReport *verify,
                   const std::function<bool(const ImageInfo &)> &filter, const trust::TrustReport *trust)
{
    QJsonArray images;
    for (const ImageInfo &img : g.images) {
        if (filter && !filter(img))
            continue;
        QJsonObject io{{u"name"_s, img.name}, {u"platform"_s, img.platform.toString()}};
        const Node *manifest = img.manifestNode >= 0 ? &g.nodes[img.manifestNode] : nullptr;
        io.insert(u"manifestDigest"_s, manifest && (manifest->descriptor || manifest->computedDigest)
                                           ? QJsonValue(manifest->digest().toString())
                                           : QJsonValue(QJsonValue::Null));
        if (manifest && manifest->descriptor)
            io.insert(u"manifestMediaType"_s, manifest->descriptor->mediaType);
        io.insert(u"configDigest"_s, digestOrNull(configDigestOf(g, img)));
        if (img.attestation)
            io.insert(u"attestationFor"_s, manifest ? manifest->attestationFor : QString());
        QJsonArray layers;
        for (int ln : img.layerNodes) {
            const Node &n = g.nodes[ln];
            QJsonObject lo;
            Digest digest = n.descriptor ? n.descriptor->digest : (n.nameDigest ? *n.nameDigest : Digest());
            qint64 size = n.descriptor ? n.descriptor->size : n.storedSize;
            QString mediaType = n.descriptor ? n.descriptor->mediaType : QString();
            if (verify) {
                const auto it = verify->results.constFind(ln);
                if (it != verify->results.cend()) {
                    if (digest.isNull())
                        digest = it->computedDigest;
                    lo.insert(u"status"_s, checkStatusName(it->status));
                    if (mediaType.isEmpty() && it->computedSize >= 0)
                        mediaType = it->compression == mediatype::Compression::Gzip
                                        ? QString::fromLatin1(mediatype::DockerLayerGzip)
                                    : it->compression == mediatype::Compression::Zstd
                                        ? QString::fromLatin1(mediatype::DockerLayerZstd)
                                        : QString::fromLatin1(mediatype::DockerLayer);
                }
            }
            lo.insert(u"digest"_s, digestOrNull(digest));
            lo.insert(u"size"_s, size);
            lo.insert(u"mediaType"_s, mediaType.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(mediaType));
            lo.insert(u"diffId"_s,
                      n.expectedDiffId ? QJsonValue(n.expectedDiffId->toString()) : QJsonValue(QJsonValue::Null));
            if (!n.chainId.isNull())
                lo.insert(u"chainId"_s, n.chainId.toString());
            if (!n.createdBy.isEmpty())
                lo.insert(u"createdBy"_s, n.createdBy);
            if (!n.member.isEmpty())
                lo.insert(u"member"_s, n.member);
            layers << lo;
        }
        io.insert(u"layers"_s, layers);
        QJsonArray attached;
        for (int a : attachedTo(g, img.manifestNode))
            if (g.nodes[a].attachment)
                attached << attachmentToJson(g.nodes[a], verify, trust);
        io.insert(u"attached"_s, attached);
        images << io;
    }
    QJsonObject out{{u"source"_s, g.sourceSpec.isEmpty() ? g.sourcePath : g.sourceSpec},
                    {u"format"_s, g.format},
                    {u"images"_s, images},
                    {u"tree"_s, nodeToJson(g, g.nodes[0], verify)},
                    {u"attached"_s, attachedToJson(g, verify, trust)}};
    if (trust)
        out.insert(u"trust"_s, trustToJson(g, *trust));
    QJsonArray problems;
    for (const Problem &p : verify ? verify->problems : g.problems)
        problems << problemToJson(p);
    out.insert(u"problems"_s, problems);
    if (verify) {
        out.insert(u"ok"_s, verify->ok());
        // false when some object could not be read: "ok": false then says nothing proven against the image.
        out.insert(u"complete"_s, verify->complete());
        out.insert(u"checks"_s, QJsonObject{{u"passed"_s, verify->checksPassed}, {u"total"_s, verify->checksTotal}});
        out.insert(u"bytesRead"_s, verify->bytesRead);
        if (verify->canceled)
            out.insert(u"canceled"_s, true);
    } else {
        out.insert(u"ok"_s, std::none_of(g.problems.begin(), g.problems.end(),
                                         [](const Problem &p) { return p.severity == Severity::Error; }));
    }
    return out;
}

} // namespace strata::report
