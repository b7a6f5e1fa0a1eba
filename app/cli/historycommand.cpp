// SPDX-License-Identifier: MIT
#include "app/cli/historycommand.h"
#include "app/cli/cli.h"
#include "app/cli/common.h"

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
        u"Every manifest a tag has pointed to, from a registry's storage folder, newest first."_s);
    p.addHelpOption();
    const QCommandLineOption jsonOpt = jsonOption();
    p.addOption(jsonOpt);
    p.addPositionalArgument(u"source"_s, u"registry-dir:PATH/REPO[:TAG]"_s);
    if (const std::optional<int> done = parseVerbArguments(p, args))
        return *done;
    if (p.positionalArguments().size() != 1) {
        printError(u"history takes exactly one registry-dir:PATH/REPO[:TAG] (see --help)"_s);
        return ExitError;
    }
    const QString source = p.positionalArguments().first();
    if (!source.startsWith(u"registry-dir:"_s)) {
        printError(u"%1: history reads a registry's storage folder (registry-dir:PATH/REPO[:TAG]); the history of "
                   "other references is not recorded yet"_s.arg(source));
        return ExitError;
    }
    Result<RepositoryHistory> h = readTagHistory(source);
    if (!h) {
        printError(h.error().toString());
        return ExitError;
    }
    QTextStream out(stdout);
    if (p.isSet(jsonOpt))
        out << QJsonDocument(toJson(h.value())).toJson(QJsonDocument::Indented);
    else
        printText(out, h.value());
    return ExitOk;
}

} // namespace strata::cli
