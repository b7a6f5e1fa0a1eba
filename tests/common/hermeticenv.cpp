// SPDX-License-Identifier: MIT
#include "tests/common/hermeticenv.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <memory>

using namespace Qt::StringLiterals;

namespace strata::test {

namespace {

void write(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("hermeticenv: cannot write %s", qPrintable(path));
}

void setPath(const char *name, const QString &path, bool create = true)
{
    if (create)
        QDir().mkpath(path);
    qputenv(name, QFile::encodeName(path));
}

} // namespace

QString isolateEnvironment()
{
    static std::unique_ptr<QTemporaryDir> root;
    if (root)
        return root->path();
    root = std::make_unique<QTemporaryDir>(QDir::tempPath() + u"/strata-test-env-XXXXXX"_s);
    if (!root->isValid())
        qFatal("hermeticenv: no temporary folder under %s", qPrintable(QDir::tempPath()));
    const QString r = root->path();
    const QString home = r + u"/home"_s;

    setPath("HOME", home);
    setPath("XDG_CONFIG_HOME", home + u"/.config"_s);
    setPath("XDG_DATA_HOME", home + u"/.local/share"_s);
    setPath("XDG_CACHE_HOME", home + u"/.cache"_s);
    setPath("XDG_STATE_HOME", home + u"/.local/state"_s);
    setPath("XDG_RUNTIME_DIR", r + u"/run"_s);
    QFile::setPermissions(r + u"/run"_s, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    // No config.json: a test that needs credentials writes its own and points DOCKER_CONFIG at it.
    setPath("DOCKER_CONFIG", home + u"/.docker"_s, false);

    // containers/image and podman read these before the system files; policy.json is found under
    // $XDG_CONFIG_HOME/containers before /etc/containers (containers-policy.json(5)).
    write(home + u"/.config/containers/policy.json"_s, "{\"default\":[{\"type\":\"insecureAcceptAnything\"}]}\n");
    write(r + u"/registries.conf"_s, "unqualified-search-registries = []\n");
    setPath("CONTAINERS_REGISTRIES_CONF", r + u"/registries.conf"_s, false);
    write(r + u"/storage.conf"_s, "[storage]\ndriver = \"vfs\"\ngraphroot = \"" + QFile::encodeName(r) +
                                      "/storage\"\nrunroot = \"" + QFile::encodeName(r) + "/runroot\"\n");
    setPath("CONTAINERS_STORAGE_CONF", r + u"/storage.conf"_s, false);

    for (const char *name : {"REGISTRY_AUTH_FILE", "DOCKER_HOST", "CONTAINER_HOST", "DOCKER_CERT_PATH",
                             "DOCKER_TLS_VERIFY", "DOCKER_CONTEXT", "CONTAINERS_CONF", "CONTAINERS_AUTH_FILE"})
        qunsetenv(name);
    return r;
}

} // namespace strata::test
