// SPDX-License-Identifier: MIT
// The journal's rows as JSON and as text.
#include "app/cli/journalreport.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace strata::cli {

namespace {

QString when(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

bool startsGroup(const QList<journal::Sighting> &rows, qsizetype i)
{
    return i == 0 || rows[i].source != rows[i - 1].source || rows[i].reference != rows[i - 1].reference;
}

} // namespace

QJsonArray journalToJson(const QList<journal::Sighting> &rows)
{
    QJsonArray out;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const journal::Sighting &s = rows[i];
        out << QJsonObject{{u"source"_s, s.source},
                           {u"reference"_s, s.reference},
                           {u"digest"_s, s.digest.toString()},
                           {u"via"_s, s.via},
                           {u"firstSeen"_s, when(s.firstSeen)},
                           {u"lastSeen"_s, when(s.lastSeen)},
                           {u"current"_s, startsGroup(rows, i)}};
    }
    return out;
}

void printJournal(QTextStream &out, const QString &asked, const QList<journal::Sighting> &rows)
{
    if (rows.isEmpty()) {
        out << "the journal has no record of " << asked << '\n';
        return;
    }
    out << "seen by Strata (journal), newest first:\n";
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const journal::Sighting &s = rows[i];
        if (startsGroup(rows, i))
            out << '\n'
                << s.reference << "  in " << s.source << (s.via.isEmpty() ? QString() : u" ("_s + s.via + u')') << '\n';
        out << (startsGroup(rows, i) ? "  last     " : "           ") << s.digest.toString() << "  first seen "
            << when(s.firstSeen) << ", last seen " << when(s.lastSeen) << '\n';
    }
}

} // namespace strata::cli
