// SPDX-License-Identifier: MIT
// Screenshot mode and the Files dock switch (ui/testhooks.h).
#include "ui/testhooks.h"
#include "ui/compare/comparesession.h"
#include "ui/compare/comparewindow.h"
#include "ui/filesdock.h"
#include "ui/guioptions.h"
#include "ui/logging.h"
#include "ui/mainwindow.h"
#include "ui/screenshotrunner.h"
#include "ui/sourcecontroller.h"
#include "ui/views/filespage.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace strata::ui {

std::optional<int> TestHooks::runScreenshot(const GuiOptions &options, QThreadPool *pool)
{
    if (options.screenshot.isEmpty())
        return std::nullopt;
    qCDebug(lcTesting) << "screenshot" << options.screenshot << "of" << options.sources;
    int code = 0;
    if (options.sources.size() == 2) {
        CompareWindow window(pool);
        window.resize(1280, 800);
        window.show();
        ScreenshotRunner runner(&window, options.screenshot);
        QObject::connect(&runner, &ScreenshotRunner::done, qApp, [](int c) { QCoreApplication::exit(c); });
        runner.startCompare(options.sources[0], options.sources[1]);
        code = QCoreApplication::exec();
        window.session()->cancel();
    } else {
        MainWindow window(pool);
        window.resize(1280, 760);
        window.show();
        ScreenshotRunner runner(&window, options.screenshot);
        QObject::connect(&runner, &ScreenshotRunner::done, qApp, [](int c) { QCoreApplication::exit(c); });
        runner.start(options.sources.value(0));
        code = QCoreApplication::exec();
        window.controller()->cancel();
    }
    return code;
}

void TestHooks::applyToFilesDock(FilesDock *dock)
{
    if (!qEnvironmentVariableIsSet("STRATA_SHOW_FILES"))
        return;
    dock->setVisible(true);
    // STRATA_SHOW_FILES=usr/bin/hello also selects that path once listed (screenshots of the history).
    const QString showPath = qEnvironmentVariable("STRATA_SHOW_FILES");
    FilesPage *page = dock->page();
    if (showPath.contains(u'/') || (!showPath.isEmpty() && showPath != u"1"))
        QObject::connect(page, &FilesPage::listed, page, [page, showPath] { page->selectPath(showPath); });
}

} // namespace strata::ui
