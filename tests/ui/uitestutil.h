// SPDX-License-Identifier: MIT
// UI test helpers: expected trees as indented text, synchronous load/verify, isolated settings.
#pragma once

#include "core/sources/sourceopener.h"
#include "tests/common/testutil.h"
#include "ui/models/imagetreemodel.h"
#include "ui/models/rowstatus.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

namespace strata::test {

// One line per row: indent, name, short digest (if any), status in capitals (if any), e.g.
// "    layer 1  sha256:d4d629f34fb5  MISMATCH". Works on the model or on any proxy over it.
inline QString dumpTree(const QAbstractItemModel *m, const QModelIndex &parent = {}, int depth = 0)
{
    QString out;
    for (int r = 0; r < m->rowCount(parent); ++r) {
        const QModelIndex name = m->index(r, ui::ImageTreeModel::NameColumn, parent);
        QStringList parts{name.data().toString()};
        const QString digest = m->index(r, ui::ImageTreeModel::DigestColumn, parent).data().toString();
        if (!digest.isEmpty())
            parts << digest;
        const QString status = m->index(r, ui::ImageTreeModel::StatusColumn, parent).data().toString();
        if (!status.isEmpty())
            parts << status.toUpper();
        out += QString(depth * 2, u' ') + parts.join(QStringLiteral("  ")) + u'\n';
        out += dumpTree(m, name, depth + 1);
    }
    return out;
}

// Compares line by line so a failure names the first differing row.
#define STRATA_COMPARE_TREE(actual, expected)                                                                          \
    do {                                                                                                               \
        const QStringList a_ = QString(actual).split(u'\n');                                                           \
        const QStringList e_ = QString(expected).split(u'\n');                                                         \
        if (a_ != e_)                                                                                                  \
            qWarning().noquote() << "actual tree:\n" << QString(actual);                                               \
        for (qsizetype i_ = 0; i_ < qMin(a_.size(), e_.size()); ++i_)                                                  \
            QCOMPARE(a_[i_], e_[i_]);                                                                                  \
        QCOMPARE(a_.size(), e_.size());                                                                                \
    } while (false)

inline QString samplePath()
{
    return QStringLiteral(STRATA_SOURCE_DIR "/resources/sample/sample.oci.tar");
}

inline ImageGraphPtr loadGraph(const QString &source)
{
    Result<ImageGraphPtr> r = SourceOpener::open(source);
    if (!r)
        qFatal("cannot open test source %s: %s", qPrintable(source), qPrintable(r.error().toString()));
    return r.value();
}

inline ui::VerifyReportPtr verifyGraph(const ImageGraphPtr &g)
{
    return std::make_shared<const VerifyReport>(Verifier::run(*g, VerifyOptions{}));
}

// Test-mode paths keep the user's QSettings (recent sources, window state) untouched.
inline void isolateSettings()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("StrataTest"));
    QCoreApplication::setApplicationName(QStringLiteral("StrataTest"));
    QSettings().clear();
}

// The row under `parent` whose name column reads `name`.
inline QModelIndex findRow(const QAbstractItemModel *m, const QString &name, const QModelIndex &parent = {})
{
    for (int r = 0; r < m->rowCount(parent); ++r) {
        const QModelIndex idx = m->index(r, 0, parent);
        if (idx.data().toString() == name)
            return idx;
        if (const QModelIndex found = findRow(m, name, idx); found.isValid())
            return found;
    }
    return {};
}

} // namespace strata::test
