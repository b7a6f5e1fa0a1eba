// SPDX-License-Identifier: MIT
// Verb dispatch and the options every verb shares.
#include "app/cli/cli.h"
#include "app/cli/clioptions.h"
#include "app/cli/common.h"
#include "app/cli/diffcommand.h"
#include "app/cli/historycommand.h"
#include "app/cli/lscommand.h"
#include "app/cli/pincommand.h"
#include "app/cli/textreport.h"
#include "app/cli/trustflags.h"
#include "app/cli/verifybundlecommand.h"

#include "core/attached/attachmentcontent.h"
#include "core/journal/resolvedreferences.h"
#include "core/report/graphjson.h"
#include "core/sources/sourceopener.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace strata::cli {

namespace {

int inspectOrVerify(const QStringList &args, bool verify)
{
    QCommandLineParser p;
    p.setApplicationDescription(verify ? u"Verify every digest, size and diff_id of an image against its bytes."_s
                                       : u"Show an image's index, manifests, config and layers with every digest."_s);
    p.addHelpOption();
    const QCommandLineOption jsonOpt = jsonOption();
    const QCommandLineOption platformOpt = platformOption();
    const QCommandLineOption fastOpt(u"fast"_s, u"Skip decompression: check stored digests and sizes only."_s);
    const QCommandLineOption efficiencyOpt(
        u"efficiency"_s, u"Read every layer and report wasted space (overwritten, deleted, duplicate files)."_s);
    const QCommandLineOption referrersOpt(
        u"referrers"_s, u"List only what is attached to each manifest: signatures, attestations, SBOMs (like oras "
                        "discover)."_s);
    const QCommandLineOption artifactTypeOpt(
        u"artifact-type"_s, u"With --referrers: only artifacts of this artifactType or in-toto predicate type."_s,
        u"type"_s);
    p.addOption(jsonOpt);
    p.addOption(platformOpt);
    p.addOption(tlsVerifyOption());
    p.addOption(noAttachedOption());
    const QCommandLineOption noJournalOpt = noJournalOption();
    p.addOption(noJournalOpt);
    if (verify) {
        p.addOption(fastOpt);
        addTrustOptions(p);
    } else {
        p.addOption(efficiencyOpt);
        p.addOption(referrersOpt);
        p.addOption(artifactTypeOpt);
    }
    p.addPositionalArgument(u"source"_s, sourceSyntaxHelp());
    if (const std::optional<int> done = parseVerbArguments(p, args))
        return *done;
    if (p.positionalArguments().size() != 1) {
        printError(u"%1 takes exactly one SOURCE (see --help)"_s.arg(verify ? u"verify"_s : u"inspect"_s));
        return ExitError;
    }
    Result<ImageFilter> pf = platformFilter(p.value(platformOpt));
    if (!pf) {
        printError(pf.error().toString());
        return ExitError;
    }
    const ImageFilter filter = pf.value();
    const QString source = p.positionalArguments().first();
    Result<ImageGraphPtr> g = openSource(source, p);
    if (!g) {
        printError(g.error().toString());
        return ExitError;
    }
    // The graph is not shared yet: the journal's tag-moved warnings join its load problems.
    if (!p.isSet(noJournalOpt) && journal::recordingEnabled())
        if (const QString notice = journal::recordAndNote(*std::const_pointer_cast<ImageGraph>(g.value())).notice;
            !notice.isEmpty())
            printError(notice);
    const ImageGraph &graph = *g.value();
    if (filter && std::none_of(graph.images.begin(), graph.images.end(), filter)) {
        printError(u"%1: no image for platform %2"_s.arg(source, p.value(platformOpt)));
        return ExitError;
    }
    QTextStream out(stdout);
    if (!verify && p.isSet(artifactTypeOpt) && !p.isSet(referrersOpt)) {
        printError(u"--artifact-type goes with --referrers"_s);
        return ExitError;
    }
    if (!verify && p.isSet(referrersOpt)) {
        const QString type = p.value(artifactTypeOpt);
        if (p.isSet(jsonOpt)) {
            QJsonArray shown;
            // attachedToJson lists the nodes with an attachment in node order: the same order as here.
            QList<int> artifacts;
            for (const Node &n : graph.nodes)
                if (n.attachment)
                    artifacts << n.id;
            const QJsonArray all = report::attachedToJson(graph);
            for (qsizetype i = 0; i < all.size(); ++i) {
                QJsonObject a = all[i].toObject();
                if (!type.isEmpty() && a[u"artifactType"_s].toString() != type &&
                    !a[u"predicateTypes"_s].toArray().contains(type))
                    continue;
                // What the layers hold, decoded (bounded reads): "SLSA provenance v1 by …", "SPDX 2.3 SBOM, 50
                // packages"; the classifier's line stays when nothing decodes.
                if (i < artifacts.size())
                    if (Result<attached::AttachmentContent> c = attached::readAttachmentContent(graph, artifacts[i]))
                        if (const QString summary = c->summary(); !summary.isEmpty())
                            a.insert(u"summary"_s, summary);
                shown << a;
            }
            out << QJsonDocument(
                       QJsonObject{{u"source"_s, graph.sourceSpec.isEmpty() ? graph.sourcePath : graph.sourceSpec},
                                   {u"referrers"_s, shown}})
                       .toJson(QJsonDocument::Indented);
        } else {
            printReferrers(out, graph, type);
        }
        return ExitOk;
    }
    if (!verify && p.isSet(efficiencyOpt))
        return printEfficiency(out, graph, filter, p.isSet(jsonOpt));
    if (!verify) {
        if (p.isSet(jsonOpt))
            out << QJsonDocument(report::toJson(graph, nullptr, filter)).toJson(QJsonDocument::Indented);
        else
            printInspect(out, graph, filter);
        return ExitOk;
    }
    const trust::TrustOptions trustOptions = trustOptionsFrom(p);
    Result<trust::TrustMaterial> material = trust::loadTrustMaterial(trustOptions);
    if (!material) {
        printError(material.error().toString());
        return ExitError;
    }
    VerifyOptions vo;
    vo.fast = p.isSet(fastOpt);
    vo.imageFilter = filter;
    const VerifyReport rep = Verifier::run(graph, vo, nullptr);
    const trust::TrustReport trust = trust::checkImageTrust(graph, material.value());
    if (p.isSet(jsonOpt))
        out << QJsonDocument(report::toJson(graph, &rep, filter, &trust)).toJson(QJsonDocument::Indented);
    else
        printVerify(out, graph, rep, filter, &trust);
    // 1 for what was proven about the image; 2 when it could not all be read (nothing proven, nothing
    // cleared); 0 only when everything was read and checked.
    if (rep.problemsProven() || rep.canceled)
        return ExitProblems;
    if (!trust.policyAccepts()) {
        printError(u"%1: %2"_s.arg(source, trust.policyLine()));
        return ExitProblems;
    }
    if (!rep.complete()) {
        printError(u"%1: could not verify: %2 of %3 objects unreadable"_s.arg(source)
                       .arg(rep.unreadableNodes().size())
                       .arg(rep.objectsInScope()));
        return ExitError;
    }
    if (trustOptions.requireSignature && !trust.anyVerified()) {
        printError(u"%1: %2 (--require-signature)"_s.arg(source, trust.summaryLine()));
        return ExitProblems;
    }
    return ExitOk;
}

} // namespace

bool isVerb(const QString &arg)
{
    return arg == u"inspect" || arg == u"verify" || arg == u"ls" || arg == u"diff" || arg == u"verify-bundle" ||
           arg == u"history" || arg == u"pin";
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
    if (verb == u"ls")
        return runLs(rest);
    if (verb == u"diff")
        return runDiff(rest);
    if (verb == u"verify-bundle")
        return runVerifyBundle(rest);
    if (verb == u"history")
        return runHistory(rest);
    if (verb == u"pin")
        return runPin(rest);
    printError(u"unknown command \"%1\""_s.arg(verb));
    return ExitError;
}

} // namespace strata::cli
