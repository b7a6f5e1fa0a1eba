// SPDX-License-Identifier: MIT
// umoci re-configures copies of good/oci-multi; index.json gets the descriptors' platforms.
#include "tests/common/multiplatform.h"
#include "tests/common/testutil.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace strata::test {

namespace {

// Runs a tool to completion; the tool's output as the failure message.
bool runTool(const QString &tool, const QStringList &args, QString *failure)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(tool, args);
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *failure = u"%1 %2: %3"_s.arg(tool, args.join(u' '), QString::fromUtf8(p.readAll()));
        return false;
    }
    return true;
}

// The platform in a layout's index.json descriptor for `tag` (umoci cannot set a variant; the
// layout's index.json is not content-addressed, so this is how a multi-platform layout says it).
bool setDescriptorPlatform(const QString &layout, const QString &tag, const QString &platform)
{
    QFile f(layout + u"/index.json"_s);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    QJsonObject index = QJsonDocument::fromJson(f.readAll()).object();
    f.close();
    QJsonArray manifests = index.value(u"manifests"_s).toArray();
    const QStringList parts = platform.split(u'/');
    bool found = false;
    for (qsizetype i = 0; i < manifests.size(); ++i) {
        QJsonObject d = manifests[i].toObject();
        if (d.value(u"annotations"_s).toObject().value(u"org.opencontainers.image.ref.name"_s).toString() != tag)
            continue;
        QJsonObject p{{u"os"_s, parts.value(0)}, {u"architecture"_s, parts.value(1)}};
        if (parts.size() > 2)
            p.insert(u"variant"_s, parts[2]);
        d.insert(u"platform"_s, p);
        manifests.replace(i, d);
        found = true;
    }
    index.insert(u"manifests"_s, manifests);
    return found && f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(QJsonDocument(index).toJson()) > 0;
}

} // namespace

MultiPlatform makeMultiPlatform(QString *failure)
{
    const QString src = fixture(u"good/oci-multi"_s);
    const QString l = scratchCopy(src);
    const QString r = scratchCopy(src);
    const auto config = [&](const QString &layout, const QString &from, const QString &tag, const QString &arch) {
        QStringList args{u"config"_s, u"--no-history"_s, u"--image"_s, layout + u':' + from, u"--architecture"_s, arch};
        if (tag != from)
            args << u"--tag"_s << tag;
        return runTool(u"umoci"_s, args, failure);
    };
    const bool ok = config(l, u"v2"_s, u"v2"_s, u"arm"_s) && setDescriptorPlatform(l, u"v2"_s, u"linux/arm/v7"_s) &&
                    config(l, u"v1"_s, u"v3"_s, u"arm64"_s) && config(r, u"v2"_s, u"v3"_s, u"arm"_s) &&
                    setDescriptorPlatform(r, u"v3"_s, u"linux/arm/v6"_s) && config(r, u"v1"_s, u"v2"_s, u"arm"_s) &&
                    setDescriptorPlatform(r, u"v2"_s, u"linux/arm/v7"_s);
    if (!ok && failure->isEmpty())
        *failure = u"cannot write a layout's index.json"_s;
    return ok ? MultiPlatform{l, r} : MultiPlatform{};
}

} // namespace strata::test
