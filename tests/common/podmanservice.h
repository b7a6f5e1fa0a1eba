// SPDX-License-Identifier: MIT
// A private `podman system service` for tests: vfs storage, root, runroot, tmpdir, XDG_RUNTIME_DIR and
// containers.conf all inside one temporary folder, so the real user's storage is never touched.
#pragma once

#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

namespace strata::test {

class PodmanService final
{
public:
    PodmanService();
    ~PodmanService(); // stops the service
    Q_DISABLE_COPY_MOVE(PodmanService)

    // Stops the service at once (SIGKILL: no graceful end of the requests it is serving).
    void kill();

    // Loads each archive with `podman load`, then starts the service and waits for its socket.
    // Sets CONTAINERS_CONF and XDG_RUNTIME_DIR for this process (podman and its children read them).
    // Returns an error text, empty on success.
    QString start(const QStringList &archives);
    // Runs podman with the private storage options; stdout into `out`. Returns an error text.
    QString run(const QStringList &args, QByteArray *out = nullptr) const;

    QString socketPath() const { return m_socket; }
    QString tempPath() const { return m_tmp.path(); }

private:
    QTemporaryDir m_tmp;
    QStringList m_options;
    QString m_socket;
    QProcess m_service;
};

} // namespace strata::test
