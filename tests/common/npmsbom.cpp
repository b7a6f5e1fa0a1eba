// SPDX-License-Identifier: MIT
#include "tests/common/npmsbom.h"
#include "tests/common/testutil.h"

#include <QDebug>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace strata::test {

QString npmSbom(const QString &format)
{
    static QTemporaryDir dir;
    const QString npm = QStringLiteral(STRATA_SOURCE_DIR) + u"/tests/npm"_s;
    const QString out = dir.filePath(u"sbom-"_s + format + u".json"_s);
    shellOutput(u"cd %1 && cp %2/package.json %2/package-lock.json . && "
                "npm sbom --package-lock-only --sbom-format %3 > %4"_s.arg(shellQuoted(dir.path()), shellQuoted(npm),
                                                                           shellQuoted(format), shellQuoted(out)));
    return out;
}

QString npmTools(const QString &marker)
{
    const QString dir = QStringLiteral(STRATA_FIXTURES_DIR) + u"/../test-npm"_s;
    const QString lock = QStringLiteral(STRATA_SOURCE_DIR) + u"/tests/npm/package-lock.json"_s;
    QFile a(lock), b(dir + u"/package-lock.json"_s);
    const bool same = a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly) && a.readAll() == b.readAll();
    if (same && QFileInfo::exists(dir + u"/node_modules/"_s + marker))
        return dir;
    QDir(dir).removeRecursively();
    QDir().mkpath(dir);
    QFile::copy(QStringLiteral(STRATA_SOURCE_DIR) + u"/tests/npm/package.json"_s, dir + u"/package.json"_s);
    QFile::copy(lock, dir + u"/package-lock.json"_s);
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(u"npm"_s, {u"ci"_s, u"--prefix"_s, dir, u"--no-audit"_s, u"--no-fund"_s});
    if (!p.waitForFinished(600000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning().noquote() << "npm ci failed:" << QString::fromUtf8(p.readAll()).right(3000);
        return {};
    }
    return dir;
}

} // namespace strata::test
