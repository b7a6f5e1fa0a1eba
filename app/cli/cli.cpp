// SPDX-License-Identifier: MIT
// Verb dispatch and the options every verb shares.
#include "cli.h"
#include "cli/clioptions.h"
#include "cli/textreport.h"

#include "report/graphjson.h"
#include "sources/sourceopener.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace strata::cli {

namespace {

void printErr(const QString &line)
{
    QTextStream(stderr) << "strata: " << line << Qt::endl;
}

int inspectOrVerify(const QStringList &args, bool verify)
{
    QCommandLineParser p;
    p.setApplicationDescription(verify ? u"Verify every digest, size and diff_id of an image against its bytes."_s
                                       : u"Show an image's index, manifests, config and layers with every digest."_s);
    p.addHelpOption();
    const QCommandLineOption jsonOpt(u"json"_s, u"Print JSON instead of text."_s);
    const QCommandLineOption platformOpt(u"platform"_s, u"Only images for OS/ARCH[/VARIANT]."_s, u"platform"_s);
    const QCommandLineOption fastOpt(u"fast"_s, u"Skip decompression: check stored digests and sizes only."_s);
    p.addOption(jsonOpt);
    p.addOption(platformOpt);
    if (verify)
        p.addOption(fastOpt);
    p.addPositionalArgument(u"source"_s, sourceSyntaxHelp());
    if (!p.parse(args)) {
        printErr(p.errorText());
        return ExitError;
    }
    if (p.isSet(u"help"_s)) {
        QTextStream(stdout) << p.helpText();
        return ExitOk;
    }
    if (p.positionalArguments().size() != 1) {
        printErr(u"%1 takes exactly one SOURCE (see --help)"_s.arg(verify ? u"verify"_s : u"inspect"_s));
        return ExitError;
    }
    std::function<bool(const ImageInfo &)> filter;
    if (p.isSet(platformOpt)) {
        Result<Platform> pf = Platform::parse(p.value(platformOpt));
        if (!pf) {
            printErr(pf.error().toString());
            return ExitError;
        }
        const Platform want = pf.value();
        filter = [want](const ImageInfo &img) { return img.platform.matches(want); };
    }
    const QString source = p.positionalArguments().first();
    Result<ImageGraphPtr> g = SourceOpener::open(source);
    if (!g) {
        printErr(g.error().toString());
        return ExitError;
    }
    const ImageGraph &graph = *g.value();
    if (filter && std::none_of(graph.images.begin(), graph.images.end(), filter)) {
        printErr(u"%1: no image for platform %2"_s.arg(source, p.value(platformOpt)));
        return ExitError;
    }
    QTextStream out(stdout);
    if (!verify) {
        if (p.isSet(jsonOpt))
            out << QJsonDocument(report::toJson(graph, nullptr, filter)).toJson(QJsonDocument::Indented);
        else
            printInspect(out, graph, filter);
        return ExitOk;
    }
    VerifyOptions vo;
    vo.fast = p.isSet(fastOpt);
    vo.imageFilter = filter;
    const VerifyReport rep = Verifier::run(graph, vo, nullptr);
    if (p.isSet(jsonOpt))
        out << QJsonDocument(report::toJson(graph, &rep, filter)).toJson(QJsonDocument::Indented);
    else
        printVerify(out, graph, rep, filter);
    return rep.ok() ? ExitOk : ExitProblems;
}

} // namespace

bool isVerb(const QString &arg)
{
    return arg == u"inspect" || arg == u"verify";
}

int run(const QStringList &args)
{
    // args: program verb [options…]; QCommandLineParser wants the program name first.
    QStringList rest = args;
    const QString verb = rest.takeAt(1);
    if (verb == u"inspect")
        return inspectOrVerify(rest, false);
    if (verb == u"verify")
        return inspectOrVerify(rest, true);
    printErr(u"unknown command \"%1\""_s.arg(verb));
    return ExitError;
}

} // namespace strata::cli
