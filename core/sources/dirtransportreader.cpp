// SPDX-License-Identifier: MIT
// dir: folders: the version file, manifest.json, <hex> blobs, <hex>.manifest.json instances, signature-N files.
#include "core/sources/dirtransportreader.h"
#include "core/json/jsondocument.h"
#include "core/json/jsonlimits.h"
#include "core/signatures/signaturelimits.h"
#include "core/sources/descriptorwalker.h"

using namespace Qt::StringLiterals;

namespace strata {

namespace {

constexpr QLatin1StringView VersionPrefix("Directory Transport Version: ");

// A blob's file: its encoded digest, only for a digest that passed the grammar and that Strata can compute
// (directory_transport.go layerPath validates first, as a digest must never become a path unchecked).
QString blobFile(const Digest &d)
{
    return d.isVerifiable() ? d.encoded() : QString();
}

QString instanceManifestFile(const Digest &d)
{
    return d.isVerifiable() ? d.encoded() + u".manifest.json"_s : QString();
}

QString signatureFile(const QString &instancePrefix, int n)
{
    return u"%1signature-%2"_s.arg(instancePrefix).arg(n);
}

void addSignatures(ImageGraph &g, const Container &c, int documentNode, const QString &prefix)
{
    const Digest subject = g.nodes[documentNode].digest();
    for (int n = 1;; ++n) {
        const QString member = signatureFile(prefix, n);
        Result<MemberStat> st = c.stat(member);
        if (!st) {
            if (st.error().code != ErrorCode::NotFound)
                g.addProblem(ProblemKind::UnsafePath, documentNode, st.error().message);
            return; // containers/image reads signature-1, -2, … up to the first one missing
        }
        if (n > limits::MaxStoredSignatures) {
            g.addProblem(ProblemKind::TooLarge, documentNode,
                         u"more than %1 stored signatures; the rest are not read"_s.arg(limits::MaxStoredSignatures));
            return;
        }
        Node s;
        s.kind = NodeKind::Signature;
        s.member = member;
        s.present = true;
        s.storedSize = st->size;
        s.title = u"signature %1"_s.arg(n);
        const int id = g.addNode(s, documentNode);
        Result<QByteArray> bytes = c.readSmall(member, limits::SignatureBytes);
        if (!bytes) {
            g.addProblem(bytes.error().code == ErrorCode::TooLarge ? ProblemKind::TooLarge : ProblemKind::Malformed, id,
                         bytes.error().message);
            continue;
        }
        Result<StoredSignature> sig = parseStoredSignature(bytes.value(), g.describe(id));
        if (!sig) {
            g.addProblem(ProblemKind::TooLarge, id, sig.error().message);
            continue;
        }
        Node &node = g.nodes[id];
        node.title = u"signature %1: %2"_s.arg(n).arg(sig->kindName());
        for (const QString &p : sig->problems)
            g.addProblem(ProblemKind::Malformed, id, p).severity = Severity::Warning;
        if (sig->claims && !sig->claims->manifestDigest.isNull() && !subject.isNull()) {
            if (sig->claims->manifestDigest == subject) {
                node.note = u"The digest it claims to sign is this manifest's."_s;
            } else {
                g.addProblem(ProblemKind::DigestMismatch, id,
                             u"the signature claims to sign another manifest than the one it is stored with"_s,
                             subject.toString(), sig->claims->manifestDigest.toString())
                    .severity = Severity::Warning;
                node.note = u"Claims to sign %1, but it is stored with %2: it does not sign this manifest."_s.arg(
                    sig->claims->manifestDigest.toString(), subject.toString());
            }
        }
        if (!sig->claims && sig->problems.isEmpty())
            node.note = u"Not a simple signing payload (%1): it claims no manifest digest."_s.arg(
                sig->mimeType.isEmpty() ? u"no media type"_s : sig->mimeType.left(80));
        node.signature = std::make_shared<const StoredSignature>(std::move(sig.value()));
    }
}

// The version file's complaint, or empty when it is a version Strata knows.
QString versionProblem(const Container &c)
{
    Result<QByteArray> v = c.readSmall(u"version"_s, 256);
    if (!v)
        return v.error().code == ErrorCode::NotFound
                   ? u"no version file (skopeo writes \"Directory Transport Version: 1.1\"); read as a dir: folder"_s
                   : u"the version file is unreadable: %1"_s.arg(v.error().message);
    const QString text = QString::fromUtf8(v.value()).trimmed();
    if (!text.startsWith(VersionPrefix))
        return u"the version file says \"%1\", not \"Directory Transport Version: …\""_s.arg(text.left(60));
    const QString version = text.mid(VersionPrefix.size());
    if (version != u"1.0" && version != u"1.1")
        return u"directory transport version %1 is newer than the 1.1 Strata knows; read as 1.1"_s.arg(
            version.left(20));
    return {};
}

} // namespace

bool DirTransportReader::looksLikeDirTransport(const Container &c)
{
    if (c.exists(u"index.json"_s))
        return false;
    Result<QByteArray> v = c.readSmall(u"version"_s, 256);
    if (v && v->startsWith(QByteArrayView(VersionPrefix.data(), VersionPrefix.size())))
        return true;
    Result<QByteArray> m = c.readSmall(u"manifest.json"_s, limits::TopLevelJsonBytes);
    if (!m)
        return false;
    for (const char ch : m.value()) {
        if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t')
            continue;
        return ch == '{';
    }
    return false;
}

Status DirTransportReader::read(ImageGraph &g, const Container &c, int parent, const Selection &selection)
{
    if (!selection.reference.isEmpty() || selection.index >= 0)
        return makeError(ErrorCode::NotFound,
                         u"a dir: folder holds one image and names none; \"%1\" selects nothing"_s.arg(
                             selection.reference.isEmpty() ? u"@%1"_s.arg(selection.index) : selection.reference),
                         c.path());
    if (const QString p = versionProblem(c); !p.isEmpty())
        g.addProblem(ProblemKind::Malformed, parent, p).severity = Severity::Info;

    const QString ctx = c.path() + u": manifest.json"_s;
    Result<QByteArray> raw = c.readSmall(u"manifest.json"_s, limits::ManifestBytes);
    if (!raw)
        return raw.error();
    Result<QJsonObject> obj = json::parseObject(raw.value(), limits::ManifestBytes, ctx);
    if (!obj)
        return obj.error();
    const QString declared = json::optString(obj.value(), "mediaType"_L1);
    Result<DocumentKind> kind = detectDocumentKind(obj.value(), declared, ctx);
    if (!kind)
        return kind.error();

    Node top;
    top.kind = kind.value() == DocumentKind::Index ? NodeKind::Index : NodeKind::Manifest;
    top.title = u"manifest.json"_s;
    top.member = u"manifest.json"_s;
    top.present = true;
    top.raw = raw.value();
    top.storedSize = raw->size();
    top.documentKind = kind.value();
    top.computedDigest = sha256Of(raw.value());
    top.note = u"A dir: folder names its manifest by no digest; %1 is what these bytes hash to, the digest a "
               "registry would serve them under."_s.arg(top.computedDigest->toString());
    const int topId = g.addNode(top, parent);

    DescriptorWalker w(g, c, {instanceManifestFile, blobFile});
    w.noBlobsMeansNotIncluded = true;
    w.onDocument = [&g, &c](int id) {
        const Digest d = g.nodes[id].digest();
        if (d.isVerifiable())
            addSignatures(g, c, id, d.encoded() + u'.');
    };
    if (kind.value() == DocumentKind::Index)
        w.walkIndex(topId, obj.value(), 1, QString());
    else if (kind.value() == DocumentKind::Manifest)
        w.addManifest(topId, obj.value(), QString());
    else if (kind.value() == DocumentKind::Schema1)
        g.addProblem(ProblemKind::Unverifiable, topId,
                     u"a Docker schema 1 manifest: deprecated, its layers are not followed"_s);
    else
        return makeError(ErrorCode::Malformed, u"manifest.json is neither a manifest nor an index"_s, ctx);
    addSignatures(g, c, topId, QString());
    return Ok{};
}

} // namespace strata
