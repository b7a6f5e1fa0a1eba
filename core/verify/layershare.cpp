// SPDX-License-Identifier: MIT
// The hand-over of layer results from one verification to another running beside it.
#include "core/verify/layershare.h"

#include <algorithm>
#include <chrono>

namespace strata {

namespace {

QStringList identities(const Node &n)
{
    QStringList out;
    if (n.descriptor)
        out << n.descriptor->digest.toString();
    if (n.nameDigest)
        out << n.nameDigest->toString();
    if (n.expectedDiffId)
        out << n.expectedDiffId->toString();
    return out;
}

} // namespace

void LayerShare::expectLayersOf(const ImageGraph &g, int image)
{
    if (image < 0 || image >= g.images.size())
        return;
    for (int id : g.images[image].layerNodes) {
        const Node &n = g.nodes[id];
        for (const QString &d : identities(n))
            m_expected.insert(d);
        if (!n.member.isEmpty())
            m_expectedFiles.insert(fileKey(g, n.member));
    }
}

void LayerShare::expectConsumerLayersOf(const ImageGraph &g, int image)
{
    if (image < 0 || image >= g.images.size())
        return;
    for (int id : g.images[image].layerNodes) {
        const Node &n = g.nodes[id];
        if (mayShare(n) || sameFile(g, n)) {
            for (const QString &d : identities(n))
                m_consumerShares.insert(d);
        }
    }
}

bool LayerShare::consumerMayReuse(const Node &n) const
{
    if (n.kind != NodeKind::Layer)
        return false;
    const QStringList ids = identities(n);
    return std::any_of(ids.begin(), ids.end(), [this](const QString &d) { return m_consumerShares.contains(d); });
}

QString LayerShare::fileKey(const ImageGraph &g, const QString &member)
{
    return g.container ? g.container->path() + u'\0' + member : QString();
}

bool LayerShare::sameFile(const ImageGraph &g, const Node &n) const
{
    return n.kind == NodeKind::Layer && g.container && !n.member.isEmpty() &&
           m_expectedFiles.contains(fileKey(g, n.member));
}

bool LayerShare::mayShare(const Node &n) const
{
    if (n.kind != NodeKind::Layer)
        return false;
    if ((n.descriptor && m_expected.contains(n.descriptor->digest.toString())) ||
        (n.nameDigest && m_expected.contains(n.nameDigest->toString())))
        return true;
    // By diff_id only when the stored bytes should be the tar stream itself: a layer recompressed
    // differently (gzip against zstd) has to be inflated here anyway, so hashing it first is waste.
    if (!n.expectedDiffId || !m_expected.contains(n.expectedDiffId->toString()))
        return false;
    return !n.descriptor || n.descriptor->digest == *n.expectedDiffId ||
           mediatype::declaredCompression(n.descriptor->mediaType) == mediatype::Compression::None;
}

void LayerShare::publish(const ImageGraph &g, const QString &member, const BlobMeasure &m, LayerTocPtr toc)
{
    if (!toc || !m.decompressed || m.hasDecompressError)
        return;
    {
        const std::lock_guard lock(m_mutex);
        const Shared s{m, std::move(toc)};
        m_byBlob.insert(m.digest.toString(), s);
        m_byDiffId.insert(m.uncompressedDigest.toString(), s);
        if (g.container)
            m_byFile.insert(fileKey(g, member), s);
    }
    m_changed.notify_all();
}

void LayerShare::close()
{
    {
        const std::lock_guard lock(m_mutex);
        m_closed = true;
    }
    m_changed.notify_all();
}

std::optional<LayerShare::Shared> LayerShare::findLocked(const BlobMeasure &stored) const
{
    if (auto it = m_byBlob.constFind(stored.digest.toString());
        it != m_byBlob.constEnd() && it->measure.size == stored.size)
        return *it;
    // Uncompressed stored bytes are a tar stream: the same hash as the producer's diff_id is the same stream.
    if (stored.compression == mediatype::Compression::None) {
        if (auto it = m_byDiffId.constFind(stored.digest.toString());
            it != m_byDiffId.constEnd() && it->measure.uncompressedSize == stored.size)
            return *it;
    }
    return std::nullopt;
}

std::optional<LayerShare::Shared> LayerShare::wait(const BlobMeasure &stored, JobContext *job)
{
    return waitFor([&] { return findLocked(stored); }, job);
}

std::optional<LayerShare::Shared> LayerShare::waitSameFile(const ImageGraph &g, const Node &n, JobContext *job)
{
    const QString key = fileKey(g, n.member);
    return waitFor(
        [&]() -> std::optional<Shared> {
            if (auto it = m_byFile.constFind(key); it != m_byFile.constEnd())
                return *it;
            return std::nullopt;
        },
        job);
}

std::optional<LayerShare::Shared> LayerShare::waitFor(const std::function<std::optional<Shared>()> &find,
                                                      JobContext *job)
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        if (std::optional<Shared> s = find())
            return s;
        if (m_closed || (job && job->isCanceled()))
            return std::nullopt;
        // Cancellation is polled: the producer's job is another JobContext.
        m_changed.wait_for(lock, std::chrono::milliseconds(100));
    }
}

} // namespace strata
