// SPDX-License-Identifier: MIT
#include "app/cli/historycommand.h"
#include "app/cli/cli.h"
#include "app/cli/common.h"
#include "app/cli/journalreport.h"

#include "core/journal/resolvedreferences.h"
#include "core/sources/taghistory.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace strata::cli {

namespace {

QString timeText(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : u"(time unknown)"_s;
}

QJsonObject toJson(const RepositoryHistory &h)
{
    QJsonArray tags;
    for (const TagHistory &t : h.tags) {
        QJsonArray entries;
        for (const TagHistoryEntry &e : t.entries)
            entries << QJsonObject{
                {u"digest"_s, e.digest.toString()},
                {u"pushed"_s, e.pushed.isValid() ? QJsonValue(timeText(e.pushed)) : QJsonValue(QJsonValue::Null)},
                {u"current"_s, e.current},
                {u"stored"_s, e.stored},
                {u"pinned"_s, h.pinned(e.digest)},
                {u"source"_s, h.sourceFor(e.digest)}};
        tags << QJsonObject{
            {u"tag"_s, t.tag},
            {u"current"_s, t.current.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(t.current.toString())},
            {u"history"_s, entries}};
    }
    QJsonArray untagged;
    for (const Digest &d : h.untagged)
        untagged << QJsonObject{{u"digest"_s, d.toString()}, {u"pinned"_s, h.pinned(d)}};
    return QJsonObject{{u"storage"_s, h.storage},
                       {u"repository"_s, h.repository},
                       {u"order"_s, QString::fromLatin1(TagHistoryOrderNote)},
                       {u"tags"_s, tags},
                       {u"untagged"_s, untagged},
                       {u"problems"_s, QJsonArray::fromStringList(h.problems)}};
}

void printText(QTextStream &out, const RepositoryHistory &h)
{
    out << "repository " << h.repository << " in " << h.storage << '\n';
    out << "(" << TagHistoryOrderNote << ")\n";
    for (const TagHistory &t : h.tags) {
        out << '\n'
            << "tag " << t.tag << ": " << t.entries.size() << (t.entries.size() == 1 ? " manifest" : " manifests");
        if (t.current.isNull())
            out << ", no current link (the tag was deleted)";
        out << '\n';
        for (const TagHistoryEntry &e : t.entries)
            out << (e.current ? "  current  " : "           ") << e.digest.toString() << "  " << timeText(e.pushed)
                << (e.stored ? QString() : u"  (manifest not stored)"_s) << '\n';
    }
    if (!h.untagged.isEmpty()) {
        out << "\nuntagged manifests (no tag's history names them):\n";
        for (const Digest &d : h.untagged)
            out << "  " << d.toString() << '\n';
    }
    for (const QString &p : h.problems)
        out << "WARNING " << p << '\n';
}

} // namespace

int runHistory(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        u"Every digest a reference has pointed to: what Strata's journal saw it resolve to, and for "
        "registry-dir:PATH/REPO[:TAG] every manifest the registry's storage folder kept for the tag, newest first."_s);
    p.addHelpOption();
    const QCommandLineOption jsonOpt = jsonOption();
    const QCommandLineOption forgetOpt(u"forget"_s, u"Clear the journal (every reference), then exit."_s);
    p.addOption(jsonOpt);
    p.addOption(forgetOpt);
    p.addPositionalArgument(u"reference"_s, u"docker://HOST/REPO:TAG, docker-daemon:NAME:TAG, oci:DIR:REF, "
                                            "docker-archive:PATH:NAME:TAG, registry-dir:PATH/REPO[:TAG], a bare "
                                            "HOST/REPO:TAG"_s);
    if (const std::optional<int> done = parseVerbArguments(p, args))
        return *done;
    if (p.isSet(forgetOpt) != p.positionalArguments().isEmpty() || p.positionalArguments().size() > 1) {
        printError(u"history takes exactly one REFERENCE, or --forget alone (see --help)"_s);
        return ExitError;
    }
    Result<std::unique_ptr<journal::ReferenceJournal>> j = journal::ReferenceJournal::open();
    if (j && !j.value()->notice().isEmpty())
        printError(j.value()->notice());
    if (p.isSet(forgetOpt)) {
        const Status s = j ? j.value()->forget() : Status(j.error());
        if (!s) {
            printError(s.error().toString());
            return ExitError;
        }
        return ExitOk;
    }
    const QString source = p.positionalArguments().first();
    const journal::JournalKey key = journal::journalKeyOf(source);
    QList<journal::Sighting> seen;
    QStringList problems;
    if (!j) {
        problems << j.error().toString();
    } else if (Result<QList<journal::Sighting>> rows = j.value()->history(key.source, key.reference)) {
        seen = rows.value();
    } else {
        problems << rows.error().toString();
    }
    QTextStream out(stdout);
    if (!source.startsWith(u"registry-dir:"_s)) {
        if (p.isSet(jsonOpt))
            out << QJsonDocument(QJsonObject{{u"reference"_s, source},
                                             {u"journal"_s, journalToJson(seen)},
                                             {u"problems"_s, QJsonArray::fromStringList(problems)}})
                       .toJson(QJsonDocument::Indented);
        else
            printJournal(out, source, seen);
        for (const QString &problem : std::as_const(problems))
            printError(problem);
        return problems.isEmpty() ? ExitOk : ExitError;
    }
    Result<RepositoryHistory> h = readTagHistory(source);
    if (!h) {
        printError(h.error().toString());
        return ExitError;
    }
    if (p.isSet(jsonOpt)) {
        QJsonObject o = toJson(h.value());
        o.insert(u"journal"_s, journalToJson(seen));
        out << QJsonDocument(o).toJson(QJsonDocument::Indented);
    } else {
        printText(out, h.value());
        out << '\n';
        printJournal(out, source, seen);
    }
    for (const QString &problem : std::as_const(problems))
        printError(problem);
    return ExitOk;
}

} // namespace strata::cli
