// SPDX-License-Identifier: MIT
// Layer contents on the command line.
#include "app/cli/lscommand.h"
#include "app/cli/cli.h"
#include "app/cli/clioptions.h"
#include "app/cli/common.h"
#include "core/format/sizeformat.h"

#include "core/layers/efficiency.h"
#include "core/layers/mergedtree.h"
#include "core/sources/sourceopener.h"
#include "core/verify/imagelisting.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace strata::cli {

namespace {

QJsonObject entryJson(const LayerEntry &e, int layer)
{
    QJsonObject o{{u"path"_s, e.path},   {u"type"_s, entryTypeName(e.type)},
                  {u"size"_s, e.size},   {u"mode"_s, QString::number(e.mode, 8).rightJustified(4, u'0')},
                  {u"uid"_s, e.uid},     {u"gid"_s, e.gid},
                  {u"mtime"_s, e.mtime}, {u"layer"_s, layer}};
    if (e.type == EntryType::Symlink || e.type == EntryType::Hardlink)
        o.insert(u"linkTarget"_s, e.linkTarget);
    if (e.type == EntryType::Whiteout || e.type == EntryType::Opaque)
        o.insert(u"deletes"_s, e.deletedPath());
    return o;
}

void printEntry(QTextStream &out, const LayerEntry &e, int layer)
{
    out << e.modeString() << ' ' << QString::number(e.uid).rightJustified(5) << ' '
        << QString::number(e.gid).leftJustified(5) << ' ' << QString::number(e.size).rightJustified(10) << "  L"
        << layer << "  " << e.path;
    if (e.type == EntryType::Symlink)
        out << " -> " << e.linkTarget;
    else if (e.type == EntryType::Hardlink)
        out << " link to " << e.linkTarget;
    else if (e.type == EntryType::Whiteout || e.type == EntryType::Opaque)
        out << "  (deletes " << (e.deletedPath().isEmpty() ? u"/"_s : e.deletedPath())
            << (e.type == EntryType::Opaque ? u"/* from lower layers)"_s : u")"_s);
    out << '\n';
}

bool underPrefix(const QString &path, const QString &prefix)
{
    return prefix.isEmpty() || path == prefix || path.startsWith(prefix + u'/');
}

} // namespace

int runLs(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(u"List the files of one layer, or of the merged filesystem (the default)."_s);
    p.addHelpOption();
    const QCommandLineOption jsonOpt = jsonOption();
    const QCommandLineOption platformOpt = platformOption();
    const QCommandLineOption layerOpt(u"layer"_s, u"Only layer N (0 is the base layer), with its whiteouts."_s, u"N"_s);
    const QCommandLineOption mergedOpt(u"merged"_s, u"The merged filesystem after the last layer (the default)."_s);
    p.addOptions({jsonOpt, platformOpt, layerOpt, mergedOpt, tlsVerifyOption(), noAttachedOption()});
    p.addPositionalArgument(u"source"_s, sourceSyntaxHelp());
    p.addPositionalArgument(u"path-prefix"_s, u"Only paths under this one."_s, u"[PATH-PREFIX]"_s);
    if (const std::optional<int> done = parseVerbArguments(p, args))
        return *done;
    const QStringList pos = p.positionalArguments();
    if (pos.isEmpty() || pos.size() > 2 || (p.isSet(layerOpt) && p.isSet(mergedOpt))) {
        printError(u"usage: strata ls [--json] SOURCE [--layer N | --merged] [PATH-PREFIX]"_s);
        return ExitError;
    }
    Result<ImageFilter> filter = platformFilter(p.value(platformOpt));
    if (!filter) {
        printError(filter.error().toString());
        return ExitError;
    }
    Result<ImageGraphPtr> g = openSource(pos[0], p);
    if (!g) {
        printError(g.error().toString());
        return ExitError;
    }
    const ImageGraph &graph = *g.value();
    const int image = firstRunnableImage(graph, filter.value());
    if (image < 0) {
        printError(u"%1: no image to list"_s.arg(pos[0]));
        return ExitError;
    }
    int layer = -1;
    if (p.isSet(layerOpt)) {
        bool ok = false;
        layer = p.value(layerOpt).toInt(&ok);
        if (!ok || layer < 0 || layer >= graph.images[image].layerNodes.size()) {
            printError(u"%1: --layer must be 0 to %2"_s.arg(pos[0]).arg(graph.images[image].layerNodes.size() - 1));
            return ExitError;
        }
    }
    Result<ImageListing> listing = listImage(graph, image, nullptr);
    if (!listing) {
        printError(listing.error().toString());
        return ExitError;
    }
    QString prefix = pos.size() > 1 ? pos[1] : QString();
    while (prefix.startsWith(u'/') || prefix.startsWith(u"./"))
        prefix = prefix.mid(prefix.startsWith(u'/') ? 1 : 2);
    while (prefix.endsWith(u'/'))
        prefix.chop(1);

    QTextStream out(stdout);
    QJsonArray arr;
    const bool json = p.isSet(jsonOpt);
    int shown = 0;
    if (layer >= 0) {
        const LayerTocPtr toc = listing->layers.value(layer);
        if (!toc) {
            printError(u"%1: layer %2 could not be read"_s.arg(pos[0]).arg(layer));
            return ExitError;
        }
        for (const LayerEntry &e : toc->entries) {
            if (!underPrefix(e.path, prefix))
                continue;
            ++shown;
            json ? void(arr << entryJson(e, layer)) : printEntry(out, e, layer);
        }
    } else {
        const MergedTree tree = MergedTree::build(listing->layers);
        for (auto it = tree.entries().begin(); it != tree.entries().end(); ++it) {
            if (!underPrefix(it.key(), prefix))
                continue;
            ++shown;
            json ? void(arr << entryJson(tree.entry(it.value()), it.value().layer))
                 : printEntry(out, tree.entry(it.value()), it.value().layer);
        }
    }
    if (json)
        out << QJsonDocument(arr).toJson(QJsonDocument::Indented);
    out.flush();
    for (int i = 0; i < listing->layers.size(); ++i) {
        if (listing->layers[i]) {
            for (const QString &problem : listing->layers[i]->problems)
                printError(u"%1: layer %2: %3"_s.arg(pos[0]).arg(i).arg(problem));
        }
    }
    if (shown == 0 && !prefix.isEmpty()) {
        printError(u"%1: nothing under \"%2\""_s.arg(pos[0], prefix));
        return ExitProblems;
    }
    return listing->report.ok() ? ExitOk : ExitProblems;
}

int printEfficiency(QTextStream &out, const ImageGraph &g, const ImageFilter &filter, bool json)
{
    const int image = firstRunnableImage(g, filter);
    if (image < 0) {
        printError(u"%1: no image to analyse"_s.arg(g.sourcePath));
        return ExitError;
    }
    Result<ImageListing> listing = listImage(g, image, nullptr);
    if (!listing) {
        printError(listing.error().toString());
        return ExitError;
    }
    const EfficiencyReport rep = computeEfficiency(listing->layers);
    const ImageInfo &img = g.images[image];
    const auto commandOf = [&](int layer) {
        return layer >= 0 && layer < img.layerNodes.size() ? g.nodes[img.layerNodes[layer]].createdBy : QString();
    };
    if (json) {
        QJsonArray findings;
        for (const WasteFinding &f : rep.findings) {
            QJsonObject o{{u"path"_s, f.path},
                          {u"reason"_s, wasteReasonName(f.reason)},
                          {u"wastedBytes"_s, f.wastedBytes},
                          {u"layer"_s, f.layer}};
            if (f.causedBy >= 0) {
                o.insert(u"causedBy"_s, f.causedBy);
                o.insert(u"createdBy"_s, commandOf(f.causedBy));
            }
            if (!f.alsoAt.isEmpty())
                o.insert(u"sameContentAs"_s, QJsonArray::fromStringList(f.alsoAt));
            findings << o;
        }
        out << QJsonDocument(QJsonObject{{u"image"_s, img.name},
                                         {u"totalBytes"_s, rep.totalBytes},
                                         {u"keptBytes"_s, rep.keptBytes},
                                         {u"wastedBytes"_s, rep.wastedBytes},
                                         {u"score"_s, rep.score},
                                         {u"findings"_s, findings}})
                   .toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    out << "image: " << img.name << '\n'
        << "efficiency: " << QString::number(rep.score * 100.0, 'f', 1) << "%\n"
        << "files in all layers: " << format::sizeText(rep.totalBytes) << ", kept: " << format::sizeText(rep.keptBytes)
        << ", wasted: " << format::sizeText(rep.wastedBytes) << " (" << rep.wastedBytes << " B)\n\n";
    for (const WasteFinding &f : rep.findings) {
        out << QString::number(f.wastedBytes).rightJustified(12) << "  " << wasteReasonName(f.reason).leftJustified(11)
            << ' ' << f.path;
        if (f.causedBy >= 0)
            out << "  (layer " << f.layer << ", by layer " << f.causedBy << ": " << commandOf(f.causedBy).left(100)
                << ')';
        else if (!f.alsoAt.isEmpty())
            out << "  (same content as " << f.alsoAt.first() << ')';
        out << '\n';
    }
    return ExitOk;
}

} // namespace strata::cli
