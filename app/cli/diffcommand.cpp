// SPDX-License-Identifier: MIT
// The diff verb: both sources open and hash in parallel, then layers, config and files compare.
#include "app/cli/diffcommand.h"
#include "app/cli/cli.h"
#include "app/cli/clioptions.h"
#include "app/cli/common.h"

#include "core/report/comparereport.h"
#include "core/sources/sourceopener.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

#include <thread>

using namespace Qt::StringLiterals;

namespace strata::cli {

namespace {

struct Side
{
    QString spec;
    Result<ImageGraphPtr> graph = makeError(ErrorCode::Canceled, u"not opened"_s);
};

void printText(QTextStream &out, const report::CompareSides &s, const ImageComparison &c)
{
    const ImageInfo &li = s.left->images[s.leftListing->imageIndex];
    const ImageInfo &ri = s.right->images[s.rightListing->imageIndex];
    out << "left:  " << (li.name.isEmpty() ? s.left->sourcePath : li.name) << "  " << li.platform.toString() << '\n'
        << "right: " << (ri.name.isEmpty() ? s.right->sourcePath : ri.name) << "  " << ri.platform.toString() << '\n'
        << "verdict: " << report::verdict(c) << '\n'
        << "layers: " << c.count(LayerPair::Status::Shared) << " shared, " << c.count(LayerPair::Status::Changed)
        << " changed, " << c.count(LayerPair::Status::Added) << " added, " << c.count(LayerPair::Status::Removed)
        << " removed; size " << c.leftSize << " → " << c.rightSize << " bytes\n\n";
    for (const LayerPair &p : c.layers) {
        const QString l = p.left >= 0 ? s.left->nodes[li.layerNodes[p.left]].digest().shortString() : u"-"_s;
        const QString r = p.right >= 0 ? s.right->nodes[ri.layerNodes[p.right]].digest().shortString() : u"-"_s;
        out << "  " << layerStatusName(p.status).leftJustified(8) << ' ' << l.leftJustified(20) << ' ' << r
            << (p.recompressed ? "  (same content, recompressed)" : "") << '\n';
    }
    if (!c.config.isEmpty())
        out << "\nconfig:\n";
    for (const ConfigChange &ch : c.config)
        out << "  " << ch.field << ": " << (ch.leftMissing ? u"(absent)"_s : ch.left) << " → "
            << (ch.rightMissing ? u"(absent)"_s : ch.right) << '\n';
    if (!c.files.isEmpty())
        out << "\nfiles:\n";
    for (const FileChange &f : c.files) {
        const char mark = f.status == FileChange::Status::Added      ? '+'
                          : f.status == FileChange::Status::Removed  ? '-'
                          : f.status == FileChange::Status::Modified ? 'M'
                                                                     : 'm';
        out << "  " << mark << ' ' << f.path;
        if (!f.details.isEmpty())
            out << "  (" << f.details.join(u"; "_s) << ')';
        out << '\n';
    }
}

} // namespace

int runDiff(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(u"Compare two images: layers matched by content, config field by field, files."_s);
    p.addHelpOption();
    const QCommandLineOption jsonOpt = jsonOption();
    const QCommandLineOption platformOpt = platformOption();
    const QCommandLineOption tsOpt(u"ignore-timestamps"_s, u"Do not report files whose only change is their mtime."_s);
    const QCommandLineOption metaOpt(u"ignore-metadata"_s,
                                     u"Do not report metadata-only changes (mode, owner, link target)."_s);
    const QCommandLineOption mdOpt(u"markdown"_s, u"Print a Markdown report."_s);
    const QCommandLineOption htmlOpt(u"html"_s, u"Print an HTML report."_s);
    p.addOptions({jsonOpt, platformOpt, tsOpt, metaOpt, mdOpt, htmlOpt, tlsVerifyOption(), noAttachedOption()});
    p.addPositionalArgument(u"a"_s, sourceSyntaxHelp());
    p.addPositionalArgument(u"b"_s, u"The other image, in any of the same forms."_s);
    if (const std::optional<int> done = parseVerbArguments(p, args))
        return *done;
    if (p.positionalArguments().size() != 2) {
        printError(u"diff takes two sources (see --help)"_s);
        return ExitError;
    }
    Result<ImageFilter> filter = platformFilter(p.value(platformOpt));
    if (!filter) {
        printError(filter.error().toString());
        return ExitError;
    }
    Side sides[2] = {{p.positionalArguments()[0], makeError(ErrorCode::Canceled, QString())},
                     {p.positionalArguments()[1], makeError(ErrorCode::Canceled, QString())}};
    {
        std::thread other([&] { sides[1].graph = openSource(sides[1].spec, p); });
        sides[0].graph = openSource(sides[0].spec, p);
        other.join();
    }
    for (const Side &s : sides) {
        if (!s.graph) {
            printError(s.graph.error().toString());
            return ExitError;
        }
    }
    const ImageGraph &lg = *sides[0].graph.value();
    const ImageGraph &rg = *sides[1].graph.value();
    ImagePairing pairing = pairImages(lg, rg);
    if (filter.value()) {
        pairing.pairs.removeIf([&](const QPair<int, int> &pr) { return !filter.value()(lg.images[pr.first]); });
    }
    if (pairing.pairs.isEmpty()) {
        printError(u"no images to compare: no platform of %1 matches one of %2"_s.arg(sides[0].spec, sides[1].spec));
        return ExitError;
    }
    const QPair<int, int> chosen = pairing.pairs.first();
    // Both at once; layers the right shares with the left are hashed there, not inflated and listed twice.
    Result<ImageListingPair> pair = listImagePair(lg, chosen.first, nullptr, rg, chosen.second, nullptr);
    if (!pair) {
        printError(pair.error().toString());
        return ExitError;
    }
    const ImageListing listings[2] = {std::move(pair->left), std::move(pair->right)};
    CompareOptions o;
    o.ignoreTimestamps = p.isSet(tsOpt);
    o.ignoreMetadata = p.isSet(metaOpt);
    const ImageComparison c = compareImages(lg, listings[0], rg, listings[1], o);
    const report::CompareSides s{&lg, &listings[0], &rg, &listings[1]};
    QTextStream out(stdout);
    if (p.isSet(jsonOpt)) {
        QJsonObject j = report::comparisonToJson(s, c);
        QJsonArray unpaired;
        for (int i : pairing.unpairedLeft)
            unpaired << QJsonObject{{u"side"_s, u"left"_s}, {u"platform"_s, lg.images[i].platform.toString()}};
        for (int i : pairing.unpairedRight)
            unpaired << QJsonObject{{u"side"_s, u"right"_s}, {u"platform"_s, rg.images[i].platform.toString()}};
        j.insert(u"unpaired"_s, unpaired);
        // How much work the pass did: layers listed on each side, and right layers that took the left's listing.
        j.insert(u"listing"_s, QJsonObject{{u"leftListedLayers"_s, listings[0].report.layersListed},
                                           {u"rightListedLayers"_s, listings[1].report.layersListed},
                                           {u"reusedLayers"_s, listings[1].report.layersReused}});
        out << QJsonDocument(j).toJson(QJsonDocument::Indented);
    } else if (p.isSet(mdOpt)) {
        out << report::comparisonToMarkdown(s, c);
    } else if (p.isSet(htmlOpt)) {
        out << report::comparisonToHtml(s, c);
    } else {
        printText(out, s, c);
        for (int i : pairing.unpairedLeft)
            out << "only in " << sides[0].spec << ": " << lg.images[i].platform.toString() << '\n';
        for (int i : pairing.unpairedRight)
            out << "only in " << sides[1].spec << ": " << rg.images[i].platform.toString() << '\n';
    }
    for (const auto &l : listings) {
        for (const Problem &pr : l.report.problems) {
            if (pr.severity == Severity::Error)
                printError(u"%1: %2"_s.arg(pr.object, pr.message));
        }
    }
    return c.sameContent ? ExitOk : ExitProblems;
}

} // namespace strata::cli
