// SPDX-License-Identifier: MIT
#include "tests/core/taghistoryregistry.h"
#include "tests/common/testutil.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <QStandardPaths>
#include <QThread>

using namespace Qt::StringLiterals;

namespace strata::test {

namespace {

bool digestOf(const QString &image, Digest *out, QString *error)
{
    QString raw;
    if (!runTool(u"skopeo"_s, {u"inspect"_s, u"--raw"_s, u"--tls-verify=false"_s, image}, &raw)) {
        *error = u"skopeo inspect %1 failed: %2"_s.arg(image, raw);
        return false;
    }
    *out = sha256Of(raw.toUtf8());
    return true;
}

} // namespace

bool TagHistoryRegistry::make(QString *error)
{
    for (const QString &tool : {u"docker-registry"_s, u"skopeo"_s})
        if (QStandardPaths::findExecutable(tool).isEmpty()) {
            *error = tool + u" is not installed (packaging/install-deps.sh installs it)"_s;
            return false;
        }
    m_registry = std::make_unique<RegistryServer>();
    if (!m_registry->start(RegistryServer::Auth::None, error))
        return false;
    const QString host = m_registry->host();
    QString out;
    // v1, v2, v3 of "the app" pushed to the same tag: the tag moves twice.
    const QStringList images{u"oci:"_s + fixture(u"good/oci-multi"_s) + u":v1"_s,
                             u"oci:"_s + fixture(u"good/oci-multi"_s) + u":v2"_s,
                             u"oci:"_s + fixture(u"good/oci-zstd"_s) + u":v1"_s};
    for (const QString &image : images) {
        if (!push(image, host, u"strata/app:1"_s, {}, &out)) {
            *error = out;
            return false;
        }
        Digest d;
        if (!digestOf(u"docker://"_s + host + u"/strata/app:1"_s, &d, error))
            return false;
        m_pushed << d;
        QThread::msleep(20); // distinct link times on file systems with coarse timestamps
    }
    if (QSet<QString>({m_pushed[0].toString(), m_pushed[1].toString(), m_pushed[2].toString()}).size() != 3) {
        *error = u"the three pushed images share a digest"_s;
        return false;
    }
    if (!push(u"oci:"_s + fixture(u"good/oci-large"_s) + u":large"_s, host, u"strata/app:gone"_s, {}, &out)) {
        *error = out;
        return false;
    }
    if (!digestOf(u"docker://"_s + host + u"/strata/app:gone"_s, &m_untagged, error))
        return false;
    m_registry->stop();
    if (!QDir(m_registry->storage() + u"/repositories/strata/app/_manifests/tags/gone"_s).removeRecursively()) {
        *error = u"cannot remove the tag folder of strata/app:gone"_s;
        return false;
    }
    const QString root = QFileInfo(m_registry->storage()).absoluteFilePath();
    m_folder = root.left(root.size() - int(qstrlen("/docker/registry/v2")));
    return true;
}

} // namespace strata::test
