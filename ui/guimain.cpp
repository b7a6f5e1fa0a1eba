// SPDX-License-Identifier: MIT
// GUI entry.
#include "ui/guimain.h"
#include "ui/compare/comparewindow.h"
#include "ui/guioptions.h"
#include "ui/mainwindow.h"
#include "ui/sampleimage.h"
#include "ui/testhooks.h"
#include "ui/theme/svgicon.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QThreadPool>

using namespace Qt::StringLiterals;

namespace strata::ui {

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(u"Strata"_s);
    QCoreApplication::setApplicationName(u"Strata"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(STRATA_VERSION));
}

} // namespace

int guiMain(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    // Answer --help and --version without a display connection, so they work on a bare server.
    if (GuiOptions::wantsHelpOrVersion(arguments)) {
        QCoreApplication app(argc, argv);
        setIdentity();
        QCommandLineParser parser;
        GuiOptions::setup(parser);
        parser.process(app); // prints and exits
        return 0;
    }

    QApplication app(argc, argv);
    setIdentity();
    QGuiApplication::setDesktopFileName(u"dev.strata.Strata"_s);
    SampleImage::initResources();
    QApplication::setWindowIcon(SvgIcon::load(u":/icons/dev.strata.Strata.svg"_s));
    QCommandLineParser parser;
    GuiOptions::setup(parser);
    parser.process(app);
    const GuiOptions options = GuiOptions::from(parser);

    // Loads and verifications run here, never on the GUI thread. The Verifier spreads one job over
    // the cores itself, so two pool threads are enough (one job finishing while the next starts).
    QThreadPool pool;
    pool.setMaxThreadCount(2);
    int code = 0;
    if (const std::optional<int> shot = TestHooks::runScreenshot(options, &pool)) {
        code = *shot;
    } else if (options.sources.size() == 2) {
        // Two sources: compare them, the way `strata diff A B` does on the command line.
        auto *w = new CompareWindow(&pool);
        w->setAttribute(Qt::WA_DeleteOnClose);
        w->setPersistent(true);
        w->restoreWindowState();
        w->show();
        w->compare(options.sources[0], options.sources[1]);
        code = app.exec();
    } else {
        const QStringList sources = options.sources.isEmpty() ? QStringList{QString()} : options.sources;
        for (const QString &source : sources) {
            auto *w = new MainWindow(&pool);
            w->setAttribute(Qt::WA_DeleteOnClose);
            w->setPersistent(true);
            w->restoreWindowState();
            if (options.noVerify)
                w->setAutoVerify(false);
            w->show();
            if (!source.isEmpty())
                w->openSource(source);
        }
        code = app.exec();
    }
    pool.waitForDone();
    return code;
}

} // namespace strata::ui
