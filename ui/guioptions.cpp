// SPDX-License-Identifier: MIT
// GUI command line.
#include "ui/guioptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace strata::ui {

void GuiOptions::setup(QCommandLineParser &p)
{
    p.setApplicationDescription(QCoreApplication::translate(
        "GuiOptions", "Explore a container image and verify every digest, size and diff_id against its bytes.\n"
                      "Headless verbs (each with its own --help, e.g. strata verify --help):\n"
                      "  strata inspect SOURCE             the graph: manifests, configs, layers\n"
                      "  strata verify SOURCE              check every digest, size and diff_id\n"
                      "  strata ls SOURCE [PATH-PREFIX]    the files of the merged filesystem or of one layer\n"
                      "  strata diff A B                   compare two images\n"
                      "  strata verify-bundle ARTIFACT     check a Sigstore bundle offline\n"
                      "  strata history REFERENCE          every digest a reference has pointed to\n"
                      "  strata pin FILE…                  pin image references in files to digests"));
    p.addHelpOption();
    p.addVersionOption();
    p.addOption({u"screenshot"_s,
                 QCoreApplication::translate("GuiOptions", "Open SOURCE (default: the sample image), wait for "
                                                           "verification, save the window to FILE as PNG and exit."),
                 u"FILE"_s});
    p.addOption(
        {u"no-verify"_s, QCoreApplication::translate("GuiOptions", "Do not verify sources after loading them.")});
    p.addPositionalArgument(u"source"_s,
                            QCoreApplication::translate("GuiOptions",
                                                        "docker save / OCI archive, or an OCI layout folder "
                                                        "(also docker-archive:, oci-archive:, oci: forms)."),
                            u"[SOURCE…]"_s);
}

GuiOptions GuiOptions::from(const QCommandLineParser &p)
{
    GuiOptions o;
    o.sources = p.positionalArguments();
    o.screenshot = p.value(u"screenshot"_s);
    o.noVerify = p.isSet(u"no-verify"_s);
    return o;
}

bool GuiOptions::wantsHelpOrVersion(const QStringList &arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &a = arguments[i];
        if (a == u"--")
            break;
        if (a == u"-h" || a == u"--help" || a == u"-?" || a == u"--help-all" || a == u"-v" || a == u"--version")
            return true;
    }
    return false;
}

} // namespace strata::ui
