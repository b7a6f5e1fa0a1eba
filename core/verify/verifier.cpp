// SPDX-License-Identifier: MIT
// Verification: one task per distinct stored blob, largest first, on all cores.
#include "core/verify/verifier.h"
#include "core/hasher.h"
#include "core/json/jsonlimits.h"
#include "core/layers/tarstreamparser.h"
#include "core/verify/blobcheck.h"
#include "core/verify/layershare.h"

#include <QScopeGuard>
#include <QThread>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <numeric>
#include <optional>
#include <thread>

using namespace Qt::StringLiterals;

namespace strata {

QString checkStatusName(CheckStatus s)
{
    switch (s) {
    case CheckStatus::NotChecked: return u"not-checked"_s;
    case CheckStatus::Verified: return u"verified"_s;
    case CheckStatus::Mismatch: return u"mismatch"_s;
    case CheckStatus::Missing: return u"missing"_s;
    case CheckStatus::Error: return u"error"_s;
    case CheckStatus::Unverifiable: return u"unverifiable"_s;
    }
    return {};
}

bool VerifyReport::ok() const
{
    if (canceled)
        return false;
    return std::none_of(problems.begin(), problems.end(),
                        [](const Problem &p) { return p.severity == Severity::Error; });
}

namespace {

struct Task
{
    QString member;
    QList<int> nodes; // every node whose bytes are this member
    qint64 size = 0;
    bool decompress = false;
    bool list = false;
    bool hashFirst = false; // a consumer of a LayerShare: stored bytes only, then the producer's listing
    bool sameFile = false;  // a consumer reading the producer's very file: not read here at all
    bool reused = false;
    LayerTocPtr toc;
    DigestAlgorithm algorithm = DigestAlgorithm::Sha256;
    DigestAlgorithm diffAlgorithm = DigestAlgorithm::Sha256;
    Result<BlobMeasure> measure = makeError(ErrorCode::Canceled, u"not run"_s);
};

bool isJsonDocument(const Node &n)
{
    return !n.raw.isEmpty() &&
           (n.kind == NodeKind::Index || n.kind == NodeKind::Manifest || n.kind == NodeKind::Config);
}

struct Checker
{
    const ImageGraph &g;
    VerifyReport &rep;
    ProblemList problems;

    void add(ProblemKind kind, int node, const QString &msg, const QString &expected = {}, const QString &actual = {})
    {
        problems << Problem::make(kind, node, g.describe(node), msg, expected, actual);
    }

    void check(NodeResult &r, bool pass)
    {
        ++r.checksTotal;
        if (pass)
            ++r.checksPassed;
        else if (r.status == CheckStatus::Verified || r.status == CheckStatus::NotChecked)
            r.status = CheckStatus::Mismatch;
    }

    // Compares what was measured with everything the graph declares about node `id`.
    void apply(int id, const BlobMeasure &m, bool fast)
    {
        const Node &n = g.nodes[id];
        NodeResult &r = rep.results[id];
        r.status = CheckStatus::Verified;
        r.computedDigest = m.digest;
        r.computedSize = m.size;
        r.compression = m.compression;
        if (m.decompressed) {
            r.computedDiffId = m.uncompressedDigest;
            r.uncompressedSize = m.uncompressedSize;
        }
        if (n.descriptor) {
            const Descriptor &d = *n.descriptor;
            const bool sizeOk = d.size == m.size;
            check(r, sizeOk);
            if (!sizeOk)
                add(ProblemKind::SizeMismatch, id,
                    u"the descriptor declares %1 bytes but the blob has %2"_s.arg(d.size).arg(m.size),
                    QString::number(d.size), QString::number(m.size));
            if (d.digest.isVerifiable()) {
                const bool digestOk = d.digest == m.digest;
                check(r, digestOk);
                if (!digestOk)
                    add(ProblemKind::DigestMismatch, id,
                        u"the bytes do not hash to the digest that references them: the blob is corrupt or was replaced"_s,
                        d.digest.toString(), m.digest.toString());
            } else {
                r.status = CheckStatus::Unverifiable;
            }
            if (d.data) {
                // descriptor.md: embedded data MUST equal the content.
                const bool dataOk = sha256Of(*d.data) == m.digest || d.digest.algorithm() != DigestAlgorithm::Sha256;
                check(r, dataOk);
                if (!dataOk)
                    add(ProblemKind::DigestMismatch, id, u"the descriptor's embedded \"data\" differs from the blob"_s);
            }
        }
        if (n.nameDigest && (!n.descriptor || !(n.descriptor->digest == *n.nameDigest)) &&
            n.nameDigest->algorithm() == m.digest.algorithm()) {
            const bool nameOk = *n.nameDigest == m.digest;
            check(r, nameOk);
            // Without a descriptor the file name is the only digest claim (docker save's <image ID>.json,
            // <diff_id>.tar): its failure is a digest mismatch. With one, the two claims disagree.
            if (!nameOk)
                add(n.descriptor ? ProblemKind::NameMismatch : ProblemKind::DigestMismatch, id,
                    u"the file \"%1\" is named after a digest that its bytes do not have"_s.arg(n.member),
                    n.nameDigest->toString(), m.digest.toString());
        }
        if (n.kind == NodeKind::Layer)
            applyLayer(id, n, m, r, fast);
    }

    void applyLayer(int id, const Node &n, const BlobMeasure &m, NodeResult &r, bool fast)
    {
        using mediatype::Compression;
        if (m.notATar) {
            check(r, false);
            add(ProblemKind::Malformed, id,
                u"the layer is not a tar archive: its %1stream does not start with a tar header"_s.arg(
                    m.compression == Compression::None ? QString() : u"decompressed "_s));
        }
        if (n.descriptor && m.size > 0 && !m.notATar) {
            const QString &mt = n.descriptor->mediaType;
            const Compression declared = mediatype::declaredCompression(mt);
            if (!mediatype::isEncrypted(mt) && declared != Compression::Unknown && declared != m.compression) {
                // Docker's plain ".tar" type means "unknown" in practice (containerd DiffCompression):
                // docker load accepts compressed bytes under it. OCI types are exact.
                const bool dockerTar = mt == QLatin1StringView(mediatype::DockerLayer);
                Problem p =
                    Problem::make(ProblemKind::MediaTypeMismatch, id, g.describe(id),
                                  u"the media type declares %1 but the bytes are %2"_s.arg(
                                      mediatype::compressionName(declared), mediatype::compressionName(m.compression)),
                                  mediatype::compressionName(declared), mediatype::compressionName(m.compression));
                if (dockerTar)
                    p.severity = Severity::Warning;
                problems << p;
                check(r, dockerTar);
            }
        }
        if (m.hasDecompressError) {
            check(r, false);
            add(m.decompressError.code == ErrorCode::TooLarge    ? ProblemKind::TooLarge
                : m.decompressError.code == ErrorCode::Truncated ? ProblemKind::Truncated
                                                                 : ProblemKind::Malformed,
                id, u"the layer cannot be decompressed: %1"_s.arg(m.decompressError.message));
        }
        if (m.ratioExceeded)
            add(ProblemKind::SuspiciousRatio, id,
                u"decompresses %1 bytes to %2 (over %3×): a possible decompression bomb"_s.arg(m.size)
                    .arg(m.uncompressedSize)
                    .arg(limits::MaxDecompressionRatio));
        if (!n.expectedDiffId)
            return;
        if (!m.decompressed) {
            if (!fast && !m.hasDecompressError && m.compression != Compression::None)
                add(ProblemKind::Unverifiable, id,
                    u"a %1-compressed layer: Strata cannot decompress it, so its diff_id is not checked"_s.arg(
                        mediatype::compressionName(m.compression)));
            return;
        }
        if (!n.expectedDiffId->isVerifiable())
            return;
        const bool ok = *n.expectedDiffId == m.uncompressedDigest;
        check(r, ok);
        if (!ok)
            add(ProblemKind::DiffIdMismatch, id,
                u"the uncompressed layer does not hash to rootfs.diff_ids[%1] in the config"_s.arg(n.layerIndex),
                n.expectedDiffId->toString(), m.uncompressedDigest.toString());
    }

    void applyFailure(int id, const Error &e)
    {
        NodeResult &r = rep.results[id];
        r.status = CheckStatus::Error;
        ++r.checksTotal;
        add(e.code == ErrorCode::Truncated ? ProblemKind::Truncated : ProblemKind::Malformed, id,
            u"cannot read the blob: %1"_s.arg(e.message));
    }
};

} // namespace

VerifyReport Verifier::run(const ImageGraph &g, const VerifyOptions &opt, JobContext *job)
{
    VerifyReport rep;
    Checker checker{g, rep, {}};
    const bool publish = opt.share && opt.shareRole == VerifyOptions::ShareRole::Publish;
    const bool reuse = opt.share && opt.shareRole == VerifyOptions::ShareRole::Reuse;
    // Whatever happens below, a consumer waiting on this run must not wait for ever.
    const auto closeShare = qScopeGuard([&] {
        if (publish)
            opt.share->close();
    });

    // Which nodes are in scope: those of selected images, plus indexes and holders above them.
    QList<bool> inScope(g.nodes.size(), true);
    if (opt.imageFilter) {
        for (qsizetype i = 0; i < g.nodes.size(); ++i) {
            const int img = g.nodes[i].imageIndex;
            if (img >= 0 && !opt.imageFilter(g.images[img]))
                inScope[i] = false;
        }
    }
    // Load problems of images left out by the filter do not count against the chosen ones.
    for (const Problem &p : g.problems) {
        if (p.nodeId < 0 || inScope.value(p.nodeId, true))
            rep.problems << p;
    }

    QHash<QString, qsizetype> taskByMember;
    QList<Task> tasks;
    for (const Node &n : g.nodes) {
        if (!inScope[n.id] || n.kind == NodeKind::Source)
            continue;
        NodeResult &r = rep.results[n.id];
        if (!n.present) {
            r.status = n.absenceAllowed ? CheckStatus::NotChecked : CheckStatus::Missing;
            if (n.descriptor && !n.descriptor->digest.isVerifiable())
                r.status = CheckStatus::Unverifiable;
            continue;
        }
        if (n.member.isEmpty() || (n.kind == NodeKind::Manifest && !n.descriptor))
            continue; // a manifest.json entry: nothing content-addressed to check
        const DigestAlgorithm alg = n.descriptor && n.descriptor->digest.isVerifiable()
                                        ? n.descriptor->digest.algorithm()
                                        : DigestAlgorithm::Sha256;
        if (isJsonDocument(n)) {
            BlobMeasure m;
            Hasher h(alg);
            h.update(n.raw.constData(), static_cast<size_t>(n.raw.size()));
            m.digest = h.finish();
            m.size = n.raw.size();
            checker.apply(n.id, m, opt.fast);
            continue;
        }
        if (n.kind == NodeKind::Index && n.member == u"index.json")
            continue;
        auto it = taskByMember.find(n.member);
        if (it == taskByMember.end()) {
            Task t;
            t.member = n.member;
            t.size = qMax<qint64>(n.storedSize, 0);
            t.algorithm = alg;
            if (n.expectedDiffId && n.expectedDiffId->isVerifiable())
                t.diffAlgorithm = n.expectedDiffId->algorithm();
            it = taskByMember.insert(n.member, tasks.size());
            tasks << std::move(t);
        }
        Task &t = tasks[*it];
        t.nodes << n.id;
        if ((n.kind == NodeKind::Layer) && (!opt.fast || opt.listLayers))
            t.decompress = true;
        if (n.kind == NodeKind::Layer && opt.listLayers)
            t.list = true;
        if (reuse && t.list && opt.share->mayShare(n))
            t.hashFirst = true;
        if (reuse && t.list && opt.share->sameFile(g, n))
            t.hashFirst = t.sameFile = true;
    }

    std::sort(tasks.begin(), tasks.end(), [](const Task &a, const Task &b) { return a.size > b.size; });
    qint64 total = 0;
    for (const Task &t : tasks)
        total += t.size;
    if (job)
        job->setTotal(total);

    // Runs `queue` (task indices) on `threads` workers; called again for hash-first tasks the
    // producer had no listing for.
    std::vector<qsizetype> queue(static_cast<size_t>(tasks.size()));
    std::iota(queue.begin(), queue.end(), 0);
    std::atomic<size_t> next{0};
    const auto worker = [&] {
        // Linux applies nice per thread (setpriority on the thread id); the GUI thread keeps its own.
        const bool niced = opt.background && ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 5) == 0;
        const auto restore = qScopeGuard([niced] {
            if (niced)
                ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 0);
        });
        std::vector<char> buffer;
        for (;;) {
            const size_t q = next.fetch_add(1);
            if (q >= queue.size() || (job && job->isCanceled()))
                return;
            Task &t = tasks[queue[q]];
            if (t.sameFile) {
                if (job)
                    job->addProgress(t.size); // read by the producer
                continue;
            }
            if (job)
                job->setCurrentObject(g.describe(t.nodes.first()));
            Result<ByteStreamPtr> s = g.container->open(t.member);
            if (!s) {
                t.measure = s.error();
                continue;
            }
            BlobCheckOptions bo;
            bo.algorithm = t.algorithm;
            bo.uncompressedAlgorithm = t.diffAlgorithm;
            bo.decompress = t.decompress && !t.hashFirst;
            bo.maxUncompressed = opt.maxUncompressed;
            std::optional<TarStreamParser> parser;
            if (t.list && !t.hashFirst) {
                TarStreamParser::Options po;
                po.hashContents = !(publish && opt.share->consumerMayReuse(g.nodes[t.nodes.first()]));
                parser.emplace(po);
                bo.uncompressedSink = [&parser](const char *p, qint64 n) { return parser->feed(p, n); };
            }
            t.measure = measureBlob(*s.value(), bo, job, buffer);
            if (parser && t.measure) {
                LayerToc toc = parser->finish();
                if (t.measure->hasDecompressError)
                    toc.problems << u"the listing stops where decompression failed"_s;
                t.toc = std::make_shared<const LayerToc>(std::move(toc));
                if (publish)
                    opt.share->publish(g, t.member, *t.measure, t.toc);
            }
        }
    };
    int threads = opt.threads > 0 ? opt.threads : qMax(1, QThread::idealThreadCount());
    threads = static_cast<int>(qMin<qsizetype>(threads, qMax<qsizetype>(tasks.size(), 1)));
    const auto runQueue = [&] {
        next = 0;
        std::vector<std::thread> pool;
        for (int i = 1; i < threads && static_cast<size_t>(i) < queue.size(); ++i)
            pool.emplace_back(worker);
        worker();
        for (std::thread &th : pool)
            th.join();
    };
    runQueue();

    if (reuse) {
        // The producer's listing of the same bytes, or a full pass here after all.
        queue.clear();
        for (qsizetype i = 0; i < tasks.size(); ++i) {
            Task &t = tasks[i];
            if (!t.hashFirst || (!t.sameFile && !t.measure))
                continue;
            const Node &n = g.nodes[t.nodes.first()];
            std::optional<LayerShare::Shared> shared =
                t.sameFile ? opt.share->waitSameFile(g, n, job) : opt.share->wait(*t.measure, job);
            if (shared && (t.sameFile ? shared->measure.digest.algorithm() == t.algorithm : true) &&
                shared->measure.uncompressedDigest.algorithm() == t.diffAlgorithm) {
                // Uncompressed bytes: this measure already holds the diff_id; else the same blob measured there.
                if (t.sameFile || t.measure->compression != mediatype::Compression::None)
                    t.measure = shared->measure;
                t.toc = shared->toc;
                t.reused = true;
            } else if (!(job && job->isCanceled())) {
                t.hashFirst = t.sameFile = false;
                queue.push_back(i);
            }
        }
        if (!queue.empty())
            runQueue();
    }

    rep.canceled = job && job->isCanceled();
    for (const Task &t : tasks) {
        if (t.measure)
            rep.bytesRead += t.measure->size;
        if (t.toc)
            ++(t.reused ? rep.layersReused : rep.layersListed);
        for (int id : t.nodes) {
            if (t.toc)
                rep.tocs.insert(id, t.toc);
            if (t.measure)
                checker.apply(id, t.measure.value(), opt.fast);
            else if (t.measure.error().code != ErrorCode::Canceled)
                checker.applyFailure(id, t.measure.error());
        }
    }
    std::stable_sort(checker.problems.begin(), checker.problems.end(),
                     [](const Problem &a, const Problem &b) { return a.nodeId < b.nodeId; });
    rep.problems << checker.problems;
    for (const NodeResult &r : std::as_const(rep.results)) {
        rep.checksPassed += r.checksPassed;
        rep.checksTotal += r.checksTotal;
    }
    // Missing blobs count as failed checks.
    for (const Problem &p : std::as_const(rep.problems)) {
        if (p.kind == ProblemKind::MissingBlob)
            ++rep.checksTotal;
    }
    return rep;
}

} // namespace strata
