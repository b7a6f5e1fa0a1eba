// SPDX-License-Identifier: MIT
// The hostile-input catalogue's rows (tst_hostile): each builds one bad source from a
// good fixture in a private folder and names the error kind it must produce. The rows are split by
// theme; each add*Rows() adds QTest rows to the current catalogue_data() table.
#pragma once

#include "core/model/problem.h"
#include "core/result.h"
#include "tests/core/hostilesources.h"

#include <QMetaType>

#include <functional>

namespace strata::hostile {

// One catalogue row, once built.
struct Case
{
    QString spec;   // what to open
    QString source; // the file or folder that must not change
    QString names;  // text the error or problem must contain: the object it is about
    qint64 maxUncompressed = 0;
    QString listing; // when set, the layers are listed too, and one layer's problems must hold this
};

struct Builder
{
    std::function<Case(const QString &dir)> make;
};

// Sources: a copy of an OCI layout fixture, or a docker-archive / OCI archive unpacked and packed again.
// `edit` changes it and returns the text the error or problem must contain.
Builder layout(std::function<QString(const Layout &)> edit, const QString &fixture = u"good/oci-gzip"_s,
               qint64 cap = 0);
Builder docker(std::function<QString(DockerTree &, const QString &out)> edit);
Builder ociArchive(std::function<QString(DockerTree &, const QString &out)> edit);

// Row kinds: opening is refused with `code`; or it opens and verification reports `kind` (and a node
// whose description holds `shown` is still present); or it verifies clean; or it verifies, and listing
// the layers reports `listingProblem` on one of them.
void refused(const char *name, ErrorCode code, const Builder &b);
void problem(const char *name, ProblemKind kind, const QString &shown, const Builder &b, bool verifies = false);
void clean(const char *name, const QString &shown, const Builder &b);
void listed(const char *name, const QString &listingProblem, const Builder &b);

void addDocumentRows(); // digests, graph shape, index.json, the blobs folder, sizes and JSON limits
void addStreamRows();   // layer streams: bombs, truncation, junk, entry counts
void addArchiveRows();  // docker-archive and OCI archive: names, links, tar headers, outer compression

} // namespace strata::hostile

Q_DECLARE_METATYPE(strata::hostile::Builder)
