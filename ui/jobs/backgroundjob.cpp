// SPDX-License-Identifier: MIT
// The non-template half of BackgroundJob: cancel, discard and the progress poll.
#include "ui/jobs/backgroundjob.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace strata::ui {

BackgroundJob::BackgroundJob(QThreadPool *pool, QObject *parent) : QObject(parent), m_pool(pool)
{
    Q_ASSERT(m_pool);
    m_timer.setInterval(DefaultProgressInterval);
    connect(&m_timer, &QTimer::timeout, this, &BackgroundJob::pollProgress);
}

BackgroundJob::~BackgroundJob()
{
    discard();
}

void BackgroundJob::cancel()
{
    for (const auto &c : std::as_const(m_contexts))
        c->cancel();
}

void BackgroundJob::discard()
{
    cancel();
    ++m_generation;
    finishRequest();
}

void BackgroundJob::finishRequest()
{
    m_pending = 0;
    m_timer.stop();
    m_contexts.clear(); // the workers hold their own references
}

void BackgroundJob::pollProgress()
{
    if (m_contexts.isEmpty())
        return;
    qint64 done = 0, total = 0;
    QStringList objects;
    for (const auto &c : std::as_const(m_contexts)) {
        done += c->done();
        total += c->total();
        if (const QString o = c->currentObject(); !o.isEmpty())
            objects << o;
    }
    Q_EMIT progress(done, total, objects.join(u" · "_s));
}

} // namespace strata::ui
