// SPDX-License-Identifier: MIT
// The strata binary's desktop side as a user runs it: --version, --help, --screenshot.
#include "tests/common/hermeticenv.h"
#include "tests/ui/uitestutil.h"
#include "ui/dialogs/aboutdialog.h"

#include <QImage>
#include <QProcess>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace strata;
using namespace strata::test;

namespace {

struct Run
{
    int code = -1;
    QString out, err;
};

Run runStrata(const QStringList &args, bool withDisplay = true)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (withDisplay)
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    else
        env.remove(u"QT_QPA_PLATFORM"_s), env.remove(u"DISPLAY"_s), env.remove(u"WAYLAND_DISPLAY"_s);
    env.insert(u"XDG_CONFIG_HOME"_s, QDir::tempPath() + u"/strata-tst-ui-app-config"_s);
    p.setProcessEnvironment(env);
    p.start(strataBinary(), args);
    if (!p.waitForFinished(120000))
        qFatal("strata did not finish");
    return Run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
               QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class TestApp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        isolateSettings();
        QVERIFY2(QFileInfo(strataBinary()).isExecutable(), "STRATA_BIN must name the strata executable");
    }

    void versionAndHelpNeedNoDisplay()
    {
        const Run v = runStrata({u"--version"_s}, false);
        QCOMPARE(v.code, 0);
        QCOMPARE(v.out.trimmed(), u"Strata "_s + QStringLiteral(STRATA_VERSION));
        const Run h = runStrata({u"--help"_s}, false);
        QCOMPARE(h.code, 0);
        QVERIFY(h.out.contains(u"--screenshot <FILE>"_s));
        QVERIFY(h.out.contains(u"[SOURCE…]"_s));
        // Every headless verb is listed, and each one listed is a verb (answers its own --help).
        for (const QString &verb :
             {u"inspect"_s, u"verify"_s, u"ls"_s, u"diff"_s, u"verify-bundle"_s, u"history"_s, u"pin"_s}) {
            QVERIFY2(h.out.contains(u"strata "_s + verb + u' '), qPrintable(verb + u" not in:\n"_s + h.out));
            const Run vh = runStrata({verb, u"--help"_s}, false);
            QVERIFY2(vh.code == 0 && !vh.out.isEmpty(), qPrintable(verb));
        }
    }

    void screenshot_data()
    {
        QTest::addColumn<QString>("source");
        QTest::newRow("embedded sample") << QString();
        QTest::newRow("corrupted layer") << fixture(u"bad/oci-flipped-layer"_s);
        QTest::newRow("not an image") << publicFixture(u"dive/not-an-image.tar"_s);
    }

    void screenshot()
    {
        QFETCH(QString, source);
        QTemporaryDir tmp;
        const QString png = tmp.filePath(u"shot.png"_s);
        QStringList args{u"--screenshot"_s, png};
        if (!source.isEmpty())
            args << source;
        const Run r = runStrata(args);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QImage img(png);
        QVERIFY(!img.isNull());
        QVERIFY(img.width() >= 800 && img.height() >= 500);
        // Not a blank window: many distinct colours (text, icons, selection).
        QSet<QRgb> colours;
        for (int y = 0; y < img.height(); y += 3)
            for (int x = 0; x < img.width(); x += 3)
                colours.insert(img.pixel(x, y));
        QVERIFY(colours.size() > 50);
    }

    void aboutNamesTheQtVersion()
    {
        QCoreApplication::setApplicationVersion(QStringLiteral(STRATA_VERSION));
        const QString text = ui::AboutDialog::versionsText();
        QVERIFY(text.contains(QString::fromLatin1(qVersion())));
        QVERIFY(text.contains(QStringLiteral(STRATA_VERSION)));
        QVERIFY(text.contains(QStringLiteral("libarchive 3.")));
        QVERIFY(text.contains(QStringLiteral("OpenSSL 3.")));
    }
};

STRATA_TEST_MAIN(TestApp)
#include "tst_ui_app.moc"
