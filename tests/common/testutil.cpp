// SPDX-License-Identifier: MIT
// Test helpers.
#include "tests/common/testutil.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace strata::test {

QString fixture(const QString &relative)
{
    return QStringLiteral(STRATA_FIXTURES_DIR) + u'/' + relative;
}

QString publicFixture(const QString &relative)
{
    return QStringLiteral(STRATA_PUBLIC_FIXTURES_DIR) + u'/' + relative;
}

QJsonObject truth(const QString &relative)
{
    static QJsonObject all = [] {
        QFile f(fixture(u"truth.json"_s));
        if (!f.open(QIODevice::ReadOnly))
            qFatal("truth.json missing: run the make_fixtures test first (ctest -R make_fixtures)");
        return QJsonDocument::fromJson(f.readAll()).object();
    }();
    return all.value(relative).toObject();
}

QString strataBinary()
{
    return qEnvironmentVariable("STRATA_BIN");
}

QString scratchCopy(const QString &source)
{
    static QTemporaryDir dir;
    static int counter = 0;
    const QString dest = dir.filePath(QString::number(++counter) + u'-' + QFileInfo(source).fileName());
    QProcess cp;
    cp.start(u"cp"_s, {u"-a"_s, source, dest});
    cp.waitForFinished();
    if (cp.exitCode() != 0)
        qFatal("cp -a failed");
    return dest;
}

QString problemsText(const ProblemList &problems)
{
    QStringList out;
    for (const Problem &p : problems)
        out << problemKindName(p.kind) + u": "_s + p.object + u": "_s + p.message;
    return out.join(u'\n');
}

QByteArray shellOutput(const QString &script)
{
    QProcess p;
    p.start(u"bash"_s, {u"-c"_s, u"set -eo pipefail; "_s + script});
    p.waitForFinished(120000);
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        qFatal("command failed: %s: %s", qPrintable(script), p.readAllStandardError().constData());
    return p.readAllStandardOutput();
}

QString shellQuoted(const QString &s)
{
    QString q = s;
    q.replace(u'\'', u"'\\''"_s);
    return u"'"_s + q + u"'"_s;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s: %s", qPrintable(path), qPrintable(f.errorString()));
    return f.readAll();
}

} // namespace strata::test
