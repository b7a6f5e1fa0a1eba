// SPDX-License-Identifier: MIT
// Scheduling blob tasks, and the task itself.
#include "core/verify/verifyscheduler.h"
#include "core/layers/tarstreamparser.h"
#include "core/verify/layershare.h"

#include <QScopeGuard>

#include <sys/resource.h>
#include <unistd.h>

#include <optional>

using namespace Qt::StringLiterals;

namespace strata {

VerifyScheduler::VerifyScheduler(const ImageGraph &graph, const VerifyOptions &options, JobContext *job)
    : m_graph(graph), m_options(options), m_job(job), m_group(options.threads)
{
}

void VerifyScheduler::schedule(BlobTask &task)
{
    // One at a time: on the calling thread, as before the pool, so a fuzzer or a debugger sees one
    // thread and the per-thread state of the libraries it uses (OpenSSL's) ends with the caller's.
    if (m_options.threads == 1) {
        execute(task);
        return;
    }
    m_group.add([this, &task] { execute(task); });
}

void VerifyScheduler::execute(BlobTask &task)
{
    if (m_job && m_job->isCanceled())
        return;
    // Linux applies nice per thread (setpriority on the thread id): the GUI thread keeps its own.
    const bool niced = m_options.background && ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 5) == 0;
    const auto restore = qScopeGuard([niced] {
        if (niced)
            ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 0);
    });
    runBlobTask(task, m_graph, m_options, m_job);
}

void runBlobTask(BlobTask &t, const ImageGraph &g, const VerifyOptions &opt, JobContext *job)
{
    if (t.sameFile) {
        if (job)
            job->addProgress(t.size); // read by the producer
        return;
    }
    if (job)
        job->setCurrentObject(g.describe(t.nodes.first()));
    Result<ByteStreamPtr> s = g.container->open(t.member);
    if (!s) {
        t.measure = s.error();
        return;
    }
    BlobCheckOptions bo;
    bo.algorithm = t.algorithm;
    bo.uncompressedAlgorithm = t.diffAlgorithm;
    bo.decompress = t.decompress && !t.hashFirst;
    bo.maxUncompressed = opt.maxUncompressed;
    std::optional<TarStreamParser> parser;
    if (t.list && !t.hashFirst) {
        TarStreamParser::Options po;
        po.hashContents = t.hashContents;
        parser.emplace(po);
        bo.uncompressedSink = [&parser](const char *p, qint64 n) { return parser->feed(p, n); };
    }
    thread_local std::vector<char> buffer;
    t.measure = measureBlob(*s.value(), bo, job, buffer);
    if (!parser || !t.measure)
        return;
    LayerToc toc = parser->finish();
    if (t.measure->hasDecompressError)
        toc.problems << u"the listing stops where decompression failed"_s;
    t.toc = std::make_shared<const LayerToc>(std::move(toc));
    if (opt.share && opt.shareRole == VerifyOptions::ShareRole::Publish)
        opt.share->publish(g, t.member, *t.measure, t.toc);
}

} // namespace strata
