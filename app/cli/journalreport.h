// SPDX-License-Identifier: MIT
// `strata history`'s journal part: what Strata itself saw a reference resolve to (core/journal).
#pragma once

#include "core/journal/referencejournal.h"

#include <QJsonArray>
#include <QTextStream>

namespace strata::cli {

// Newest first within each (source, reference); "current" marks the digest last seen.
QJsonArray journalToJson(const QList<journal::Sighting> &rows);
void printJournal(QTextStream &out, const QString &asked, const QList<journal::Sighting> &rows);

} // namespace strata::cli
