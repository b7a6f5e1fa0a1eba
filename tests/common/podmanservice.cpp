// SPDX-License-Identifier: MIT
// Private podman service for engine tests.
#include "tests/common/podmanservice.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QThread>

using namespace Qt::StringLiterals;

namespace strata::test {

PodmanService::PodmanService() = default;

PodmanService::~PodmanService()
{
    if (m_service.state() == QProcess::NotRunning)
        return;
    m_service.terminate();
    if (!m_service.waitForFinished(10000))
        m_service.kill();
    m_service.waitForFinished(5000);
}

void PodmanService::kill()
{
    if (m_service.state() == QProcess::NotRunning)
        return;
    m_service.kill();
    m_service.waitForFinished(5000);
}

QString PodmanService::run(const QStringList &args, QByteArray *out) const
{
    QProcess p;
    p.start(u"podman"_s, m_options + args);
    if (!p.waitForStarted())
        return u"podman is not installed (packaging/install-deps.sh)"_s;
    if (!p.waitForFinished(180000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return u"podman %1 failed: %2"_s.arg(args.join(u' '),
                                             QString::fromLocal8Bit(p.readAllStandardError()).left(2000));
    if (out)
        *out = p.readAllStandardOutput();
    return {};
}

QString PodmanService::start(const QStringList &archives)
{
    if (!m_tmp.isValid())
        return u"no temporary folder"_s;
    const QString t = m_tmp.path();
    for (const char *d : {"root", "runroot", "tmp", "xdg"})
        QDir(t).mkpath(QString::fromLatin1(d));
    QFile::setPermissions(t + u"/xdg"_s, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    // cgroupfs and a file events log: no systemd or journald needed in a sandbox.
    QFile conf(t + u"/containers.conf"_s);
    if (!conf.open(QIODevice::WriteOnly))
        return u"cannot write containers.conf"_s;
    // image_copy_tmp_dir: load and save spool whole images there (default /var/tmp).
    conf.write(
        u"[engine]\ncgroup_manager = \"cgroupfs\"\nevents_logger = \"file\"\nevents_logfile_path = \"%1/events.log\"\n"
        "image_copy_tmp_dir = \"%1/tmp\"\n"_s.arg(t)
            .toUtf8());
    conf.close();
    qputenv("CONTAINERS_CONF", (t + u"/containers.conf"_s).toUtf8());
    qputenv("XDG_RUNTIME_DIR", (t + u"/xdg"_s).toUtf8());
    m_options = {u"--root"_s,           t + u"/root"_s, u"--runroot"_s, t + u"/runroot"_s,
                 u"--storage-driver"_s, u"vfs"_s,       u"--tmpdir"_s,  t + u"/tmp"_s};
    for (const QString &a : archives) {
        if (QString err = run({u"load"_s, u"-q"_s, u"-i"_s, a}); !err.isEmpty())
            return err;
    }
    m_socket = t + u"/podman.sock"_s;
    m_service.setProcessChannelMode(QProcess::MergedChannels);
    m_service.start(u"podman"_s,
                    m_options + QStringList{u"system"_s, u"service"_s, u"--time=0"_s, u"unix://"_s + m_socket});
    if (!m_service.waitForStarted())
        return u"podman is not installed (packaging/install-deps.sh)"_s;
    QElapsedTimer timer;
    timer.start();
    while (!QFileInfo::exists(m_socket) && timer.elapsed() < 30000 && m_service.state() == QProcess::Running)
        QThread::msleep(50);
    if (!QFileInfo::exists(m_socket))
        return u"podman system service did not create its socket: %1"_s.arg(
            QString::fromLocal8Bit(m_service.readAll()).left(2000));
    return {};
}

} // namespace strata::test
