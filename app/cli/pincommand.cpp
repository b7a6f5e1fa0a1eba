// SPDX-License-Identifier: MIT
// strata pin: image references in deployment files resolved to digests, printed or written in place.
#include "app/cli/pincommand.h"
#include "app/cli/cli.h"
#include "app/cli/common.h"

#include "core/pin/pinplan.h"
#include "core/pin/pinresolver.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace strata::cli {

namespace {

struct FileOutcome
{
    QString path;
    std::optional<pin::PinFile> file;
    std::optional<Error> error; // unreadable or bad input
    bool written = false;
    QString writeNote; // why not written, or the write error
};

QJsonObject entryJson(const pin::PinEntry &e)
{
    QJsonObject o{{u"line"_s, e.found.line},
                  {u"column"_s, e.found.column},
                  {u"where"_s, e.found.where},
                  {u"reference"_s, e.found.text},
                  {u"status"_s, pin::pinStatusName(e.status)},
                  {u"pinned"_s, e.pinned}};
    if (!e.current.isNull()) {
        o.insert(u"digest"_s, e.current.toString());
        o.insert(u"mediaType"_s, e.mediaType);
        o.insert(u"platforms"_s, QJsonArray::fromStringList(e.platforms));
    }
    if (!e.message.isEmpty())
        o.insert(u"message"_s, e.message);
    return o;
}

QJsonObject fileJson(const FileOutcome &f)
{
    QJsonObject o{{u"file"_s, f.path}, {u"written"_s, f.written}};
    if (f.error) {
        o.insert(u"error"_s, f.error->toString());
        return o;
    }
    o.insert(u"kind"_s, f.file->kind);
    QJsonArray refs;
    for (const pin::PinEntry &e : f.file->entries)
        refs << entryJson(e);
    o.insert(u"references"_s, refs);
    if (!f.writeNote.isEmpty())
        o.insert(u"note"_s, f.writeNote);
    return o;
}

void printText(QTextStream &out, const FileOutcome &f)
{
    if (f.error)
        return; // on standard error
    for (const pin::PinEntry &e : f.file->entries) {
        out << f.path << ':' << e.found.line << ':' << e.found.column << ": " << e.found.where << ": "
            << (e.found.text.isEmpty() ? u"(no reference)"_s : e.found.text);
        const QString platforms = e.platforms.isEmpty() ? QString() : u" ("_s + e.platforms.join(u", "_s) + u')';
        switch (e.status) {
        case pin::PinStatus::Pinnable: out << " -> " << e.pinned << platforms; break;
        case pin::PinStatus::Pinned: out << ": pinned" << (e.platforms.isEmpty() ? QString() : platforms); break;
        case pin::PinStatus::Moved: out << ": WARNING " << e.message; break;
        case pin::PinStatus::LeftAlone: out << ": left alone: " << e.message; break;
        case pin::PinStatus::Unresolved: out << ": ERROR not resolved: " << e.message; break;
        case pin::PinStatus::Invalid: out << ": ERROR not an image reference: " << e.message; break;
        }
        out << '\n';
    }
    if (f.written)
        out << "wrote " << f.path << " (" << f.file->count(pin::PinStatus::Pinnable) << " pinned)\n";
    else if (!f.writeNote.isEmpty())
        out << f.path << ": " << f.writeNote << '\n';
}

} // namespace

int runPin(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        u"Find the image references in Dockerfiles, Compose, Kubernetes, GitHub Actions and GitLab CI files, resolve "
        "each to the digest its registry serves now, and print (or write) name:tag@digest."_s);
    p.addHelpOption();
    const QCommandLineOption jsonOpt = jsonOption();
    const QCommandLineOption writeOpt(
        u"write"_s,
        u"Rewrite each file in place (atomically; every other byte kept) when all its references resolve."_s);
    const QCommandLineOption partialOpt(
        u"partial"_s, u"With --write: also write files some of whose references could not be resolved (the resolved "
                      "ones are pinned, the others left as they are)."_s);
    p.addOption(jsonOpt);
    p.addOption(writeOpt);
    p.addOption(partialOpt);
    p.addOption(tlsVerifyOption());
    p.addPositionalArgument(u"files"_s, u"Dockerfiles, Containerfiles, Compose, Kubernetes or CI YAML files."_s,
                            u"FILE…"_s);
    if (const std::optional<int> done = parseVerbArguments(p, args))
        return *done;
    if (p.positionalArguments().isEmpty()) {
        printError(u"pin takes one or more FILEs (see --help)"_s);
        return ExitError;
    }
    if (p.isSet(partialOpt) && !p.isSet(writeOpt)) {
        printError(u"--partial goes with --write"_s);
        return ExitError;
    }
    Result<bool> tls = tlsVerifyValue(p);
    if (!tls) {
        printError(tls.error().toString());
        return ExitError;
    }
    pin::PinResolver resolver(tls.value());
    QList<FileOutcome> outcomes;
    bool badInput = false;
    bool unresolved = false;
    for (const QString &path : p.positionalArguments()) {
        FileOutcome f;
        f.path = path;
        Result<pin::PinFile> scanned = pin::scanPinFile(path);
        if (!scanned) {
            f.error = scanned.error();
            printError(scanned.error().toString());
            badInput = true;
            outcomes << f;
            continue;
        }
        pin::resolvePinFile(scanned.value(), resolver);
        f.file = scanned.value();
        badInput = badInput || f.file->count(pin::PinStatus::Invalid) > 0;
        const int failed = f.file->count(pin::PinStatus::Unresolved) + f.file->count(pin::PinStatus::Invalid);
        unresolved = unresolved || f.file->count(pin::PinStatus::Unresolved) > 0;
        const int pinnable = f.file->count(pin::PinStatus::Pinnable);
        if (p.isSet(writeOpt) && pinnable > 0) {
            if (failed > 0 && !p.isSet(partialOpt)) {
                f.writeNote =
                    u"not written: %1 of its references could not be pinned (--partial writes the others)"_s.arg(
                        failed);
            } else if (Status s = pin::writePinFile(f.file.value()); !s) {
                f.writeNote = u"not written: "_s + s.error().toString();
                printError(s.error().toString());
                unresolved = true;
            } else {
                f.written = true;
            }
        }
        outcomes << f;
    }
    QTextStream out(stdout);
    if (p.isSet(jsonOpt)) {
        QJsonArray files;
        for (const FileOutcome &f : outcomes)
            files << fileJson(f);
        out << QJsonDocument(QJsonObject{{u"files"_s, files}}).toJson(QJsonDocument::Indented);
    } else {
        for (const FileOutcome &f : outcomes)
            printText(out, f);
    }
    return badInput ? ExitError : unresolved ? ExitProblems : ExitOk;
}

} // namespace strata::cli
