// SPDX-License-Identifier: MIT
// The checks of a verified node, in the order they run.
#include "core/verify/nodechecks.h"
#include "core/hasher.h"
#include "core/json/jsonlimits.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace strata {

namespace {

using mediatype::Compression;

void checkSize(const CheckInput &in, NodeChecks &c)
{
    if (!in.node.descriptor)
        return;
    const Descriptor &d = *in.node.descriptor;
    const bool ok = d.size == in.measure.size;
    c.count(in.result, ok);
    if (!ok)
        c.add(ProblemKind::SizeMismatch, in.id,
              u"the descriptor declares %1 bytes but the blob has %2"_s.arg(d.size).arg(in.measure.size),
              QString::number(d.size), QString::number(in.measure.size));
}

void checkDigest(const CheckInput &in, NodeChecks &c)
{
    if (!in.node.descriptor)
        return;
    const Descriptor &d = *in.node.descriptor;
    if (!d.digest.isVerifiable()) {
        in.result.status = CheckStatus::Unverifiable;
        return;
    }
    const bool ok = d.digest == in.measure.digest;
    c.count(in.result, ok);
    if (!ok)
        c.add(ProblemKind::DigestMismatch, in.id,
              u"the bytes do not hash to the digest that references them: the blob is corrupt or was replaced"_s,
              d.digest.toString(), in.measure.digest.toString());
}

// image-spec descriptor.md, "data": the embedded bytes MUST equal the content.
void checkEmbeddedData(const CheckInput &in, NodeChecks &c)
{
    if (!in.node.descriptor || !in.node.descriptor->data)
        return;
    const Descriptor &d = *in.node.descriptor;
    const bool ok = sha256Of(*d.data) == in.measure.digest || d.digest.algorithm() != DigestAlgorithm::Sha256;
    c.count(in.result, ok);
    if (!ok)
        c.add(ProblemKind::DigestMismatch, in.id, u"the descriptor's embedded \"data\" differs from the blob"_s);
}

// A file named after a digest (blobs/sha256/<hex>, docker save's <image ID>.json, <diff_id>.tar).
void checkNameDigest(const CheckInput &in, NodeChecks &c)
{
    const Node &n = in.node;
    if (!n.nameDigest || (n.descriptor && n.descriptor->digest == *n.nameDigest) ||
        n.nameDigest->algorithm() != in.measure.digest.algorithm())
        return;
    // A docker-archive layer named after its diff_id (containers/image writes "<diff_id hex>.tar")
    // whose bytes were compressed afterwards (docker load sniffs each layer file): the name claims
    // the uncompressed stream, and is checked against it.
    const bool namesTarStream = n.kind == NodeKind::Layer && n.expectedDiffId && *n.expectedDiffId == *n.nameDigest &&
                                in.measure.compression != Compression::None;
    if (namesTarStream && !in.measure.decompressed)
        return; // not decompressed (--fast): the diff_id check says why
    const Digest &actual = namesTarStream ? in.measure.uncompressedDigest : in.measure.digest;
    const bool ok = *n.nameDigest == actual;
    c.count(in.result, ok);
    // Without a descriptor the file name is the only digest claim: its failure is a digest mismatch.
    // With one, the two claims disagree.
    if (!ok)
        c.add(n.descriptor ? ProblemKind::NameMismatch : ProblemKind::DigestMismatch, in.id,
              u"the file \"%1\" is named after a digest that its bytes do not have"_s.arg(n.member),
              n.nameDigest->toString(), actual.toString());
}

void checkLayerIsTar(const CheckInput &in, NodeChecks &c)
{
    if (in.node.kind != NodeKind::Layer || !in.measure.notATar)
        return;
    c.count(in.result, false);
    c.add(ProblemKind::Malformed, in.id,
          u"the layer is not a tar archive: its %1stream does not start with a tar header"_s.arg(
              in.measure.compression == Compression::None ? QString() : u"decompressed "_s));
}

void checkLayerCompression(const CheckInput &in, NodeChecks &c)
{
    const BlobMeasure &m = in.measure;
    if (in.node.kind != NodeKind::Layer || !in.node.descriptor || m.size <= 0 || m.notATar)
        return;
    const QString &mt = in.node.descriptor->mediaType;
    const Compression declared = mediatype::declaredCompression(mt);
    if (mediatype::isEncrypted(mt) || declared == Compression::Unknown || declared == m.compression)
        return;
    // Docker's plain ".tar" type means "unknown" in practice (containerd DiffCompression): docker
    // load accepts compressed bytes under it. And containers/image (skopeo copy … dir:, podman save
    // --format docker-dir) keeps the ".tar.gzip" type for layers it stores uncompressed; Docker sniffs
    // the bytes either way. OCI types are exact.
    const bool dockerTar = mt == QLatin1StringView(mediatype::DockerLayer);
    const bool dockerGzipStoredPlain =
        mt == QLatin1StringView(mediatype::DockerLayerGzip) && m.compression == Compression::None;
    Problem p = Problem::make(ProblemKind::MediaTypeMismatch, in.id, c.graph().describe(in.id),
                              u"the media type declares %1 but the bytes are %2"_s.arg(
                                  mediatype::compressionName(declared), mediatype::compressionName(m.compression)),
                              mediatype::compressionName(declared), mediatype::compressionName(m.compression));
    if (dockerTar)
        p.severity = Severity::Warning;
    if (dockerGzipStoredPlain) {
        p.severity = Severity::Info;
        p.message += u", as skopeo and podman store Docker schema 2 layers uncompressed under the gzip type; "
                     "Docker sniffs the bytes, so this loads"_s;
    }
    c.add(std::move(p));
    c.count(in.result, dockerTar || dockerGzipStoredPlain);
}

void checkDecompression(const CheckInput &in, NodeChecks &c)
{
    const BlobMeasure &m = in.measure;
    if (in.node.kind != NodeKind::Layer || !m.hasDecompressError)
        return;
    c.count(in.result, false);
    c.add(m.decompressError.code == ErrorCode::TooLarge    ? ProblemKind::TooLarge
          : m.decompressError.code == ErrorCode::Truncated ? ProblemKind::Truncated
                                                           : ProblemKind::Malformed,
          in.id, u"the layer cannot be decompressed: %1"_s.arg(m.decompressError.message));
}

void checkRatio(const CheckInput &in, NodeChecks &c)
{
    const BlobMeasure &m = in.measure;
    if (in.node.kind != NodeKind::Layer || !m.ratioExceeded)
        return;
    c.add(ProblemKind::SuspiciousRatio, in.id,
          u"decompresses %1 bytes to %2 (over %3×): a possible decompression bomb"_s.arg(m.size)
              .arg(m.uncompressedSize)
              .arg(limits::MaxDecompressionRatio));
}

// lz4 is a compression of outer archives only: Docker does not load lz4 layers (moby pkg/archive
// DecompressStream knows gzip, bzip2, xz and zstd; no OCI media type names lz4), so such a layer is
// an error, not merely a diff_id left unchecked.
void checkLayerLoadable(const CheckInput &in, NodeChecks &c)
{
    if (in.node.kind != NodeKind::Layer || in.measure.compression != Compression::Lz4)
        return;
    in.result.status = CheckStatus::Unverifiable;
    ++in.result.checksTotal;
    Problem p = Problem::make(ProblemKind::Unverifiable, in.id, c.graph().describe(in.id),
                              u"an lz4-compressed layer: unsupported, since Docker does not accept lz4 layers (only "
                              "gzip, zstd, xz and bzip2) and no image media type names lz4; its diff_id is not "
                              "checked"_s);
    p.severity = Severity::Error;
    c.add(std::move(p));
}

void checkDiffId(const CheckInput &in, NodeChecks &c)
{
    const Node &n = in.node;
    const BlobMeasure &m = in.measure;
    if (n.kind != NodeKind::Layer || !n.expectedDiffId)
        return;
    if (!m.decompressed) {
        if (!in.fast && !m.hasDecompressError && m.compression != Compression::None &&
            m.compression != Compression::Lz4) // checkLayerLoadable said why
            c.add(ProblemKind::Unverifiable, in.id,
                  u"a %1-compressed layer: Strata cannot decompress it, so its diff_id is not checked"_s.arg(
                      mediatype::compressionName(m.compression)));
        return;
    }
    if (!n.expectedDiffId->isVerifiable())
        return;
    const bool ok = *n.expectedDiffId == m.uncompressedDigest;
    c.count(in.result, ok);
    if (!ok)
        c.add(ProblemKind::DiffIdMismatch, in.id,
              u"the uncompressed layer does not hash to rootfs.diff_ids[%1] in the config"_s.arg(n.layerIndex),
              n.expectedDiffId->toString(), m.uncompressedDigest.toString());
}

// In this order: a later check may depend on the status an earlier one set (an unverifiable
// digest keeps its node "unverifiable" even when a later check fails).
constexpr NodeCheck Checks[] = {
    checkSize,          checkDigest, checkEmbeddedData,  checkNameDigest, checkLayerIsTar, checkLayerCompression,
    checkDecompression, checkRatio,  checkLayerLoadable, checkDiffId};

} // namespace

void NodeChecks::count(NodeResult &r, bool pass)
{
    ++r.checksTotal;
    if (pass)
        ++r.checksPassed;
    else if (r.status == CheckStatus::Verified || r.status == CheckStatus::NotChecked)
        r.status = CheckStatus::Mismatch;
}

void NodeChecks::add(ProblemKind kind, int node, const QString &message, const QString &expected, const QString &actual)
{
    m_problems << Problem::make(kind, node, m_graph.describe(node), message, expected, actual);
}

void NodeChecks::apply(int id, const BlobMeasure &m, bool fast)
{
    NodeResult &r = m_results[id];
    r.status = CheckStatus::Verified;
    r.computedDigest = m.digest;
    r.computedSize = m.size;
    r.compression = m.compression;
    if (m.decompressed) {
        r.computedDiffId = m.uncompressedDigest;
        r.uncompressedSize = m.uncompressedSize;
    }
    const CheckInput in{id, m_graph.nodes[id], m, r, fast};
    for (NodeCheck check : Checks)
        check(in, *this);
}

void NodeChecks::applyFailure(int id, const Error &e)
{
    NodeResult &r = m_results[id];
    ++r.checksTotal;
    // A blob that was there when the source was opened and cannot be opened now (ENOENT included)
    // is a failure of the reading, not a property of the image: that would have been a missing blob.
    const bool unreadable = isReadFailure(e.code) || e.code == ErrorCode::NotFound;
    if (unreadable) {
        r.status = CheckStatus::Unreadable;
        Problem p = Problem::make(ProblemKind::Unreadable, id, m_graph.describe(id),
                                  u"could not read the blob%1: %2"_s.arg(
                                      e.context.isEmpty() ? QString() : u" from "_s + e.context, e.message));
        m_problems << std::move(p);
        return;
    }
    r.status = CheckStatus::Error;
    add(problemKindForReadError(e.code), id, u"cannot read the blob: %1"_s.arg(e.message));
}

ProblemList NodeChecks::takeProblems()
{
    std::stable_sort(m_problems.begin(), m_problems.end(),
                     [](const Problem &a, const Problem &b) { return a.nodeId < b.nodeId; });
    return std::exchange(m_problems, {});
}

} // namespace strata
