// SPDX-License-Identifier: MIT
// Runs a verification's blob tasks on the worker pool: at most `threads` at once, with progress,
// the current object and cancellation through the job.
#pragma once

#include "core/jobs/taskgroup.h"
#include "core/verify/verifyplan.h"

namespace strata {

class VerifyScheduler final
{
public:
    VerifyScheduler(const ImageGraph &graph, const VerifyOptions &options, JobContext *job);

    // Queues `task`; it must stay where it is until wait() returns.
    void schedule(BlobTask &task);
    // See TaskGroup::whenIdle.
    void whenIdle(std::function<void()> done) { m_group.whenIdle(std::move(done)); }
    void wait() { m_group.wait(); }

private:
    void execute(BlobTask &task); // on a pool thread

    const ImageGraph &m_graph;
    const VerifyOptions &m_options;
    JobContext *m_job;
    TaskGroup m_group;
};

// The pipeline for one blob: open, measure (hash, sniff, inflate, hash), list, publish to the share.
void runBlobTask(BlobTask &task, const ImageGraph &graph, const VerifyOptions &options, JobContext *job);

} // namespace strata
