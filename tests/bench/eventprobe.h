// SPDX-License-Identifier: MIT
// Measures every event the GUI thread delivers: wall time and the GUI thread's own CPU time.
// Wall time includes waiting for a core on a loaded machine; thread CPU time does not, so the worst
// CPU figure is what the GUI itself spends in one event, whatever else the machine is doing.
#pragma once

#include <QApplication>
#include <QElapsedTimer>
#include <QString>

#include <time.h>

class ProbedApplication final : public QApplication
{
public:
    using QApplication::QApplication;

    struct Worst
    {
        qint64 wallUs = 0;
        qint64 cpuUs = 0;
        QString what; // event type and receiver of the worst CPU event
    };

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (m_depth++ > 0) { // nested delivery: counted in the outer event
            const bool r = QApplication::notify(receiver, event);
            --m_depth;
            return r;
        }
        // Named before delivery: a receiver may delete itself while handling the event.
        const char *cls = receiver->metaObject()->className();
        const QString name = receiver->objectName();
        const int type = int(event->type());
        const qint64 cpu0 = threadCpuUs();
        QElapsedTimer wall;
        wall.start();
        const bool r = QApplication::notify(receiver, event);
        const qint64 wallUs = wall.nsecsElapsed() / 1000, cpuUs = threadCpuUs() - cpu0;
        --m_depth;
        m_worst.wallUs = std::max(m_worst.wallUs, wallUs);
        if (cpuUs > m_worst.cpuUs) {
            m_worst.cpuUs = cpuUs;
            m_worst.what = QStringLiteral("event %1 to %2 %3").arg(type).arg(QString::fromLatin1(cls), name);
        }
        return r;
    }

    // The worst since the last call, and starts a new period.
    Worst takeWorst()
    {
        const Worst w = m_worst;
        m_worst = {};
        return w;
    }

    static qint64 threadCpuUs()
    {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return qint64(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
    }

private:
    int m_depth = 0;
    Worst m_worst;
};
