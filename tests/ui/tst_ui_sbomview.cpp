// SPDX-License-Identifier: MIT
// SbomView over the SPDX document `npm sbom` writes for tests/npm's lock file: rows, search, sort, count, and the
// Save As request; the model and its proxy under QAbstractItemModelTester from before they are populated.
#include "core/attestations/sbomdocument.h"
#include "core/format/sizeformat.h"
#include "tests/common/hermeticenv.h"
#include "tests/common/npmsbom.h"
#include "tests/common/testutil.h"
#include "ui/models/sbomfilterproxy.h"
#include "ui/models/sbompackagemodel.h"
#include "ui/views/sbomview.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace strata;
using namespace strata::ui;

namespace {

std::shared_ptr<const SbomDocument> npmSpdx()
{
    const QString path = test::npmSbom(u"spdx"_s);
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    Result<SbomDocument> d = parseSbom(f.readAll(), path);
    if (!d)
        qFatal("%s", qPrintable(d.error().toString()));
    return std::make_shared<const SbomDocument>(std::move(d).value());
}

QStringList column(const QAbstractItemModel *m, int c)
{
    QStringList out;
    for (int r = 0; r < m->rowCount(); ++r)
        out << m->index(r, c).data().toString();
    return out;
}

} // namespace

class TestSbomView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowsSortAndFilter();
    void saveRequest();
};

void TestSbomView::rowsSortAndFilter()
{
    SbomView view;
    QAbstractItemModelTester proxyTester(view.proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester modelTester(view.proxy()->sourceModel(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(view.countText(), u"0 packages"_s);
    QVERIFY(!view.saveButton()->isEnabled());

    const std::shared_ptr<const SbomDocument> doc = npmSpdx();
    view.setDocument(doc);
    view.resize(900, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QAbstractItemModel *m = view.table()->model();
    const int total = int(doc->packages.size());
    QCOMPARE(m->rowCount(), total);
    QCOMPARE(m->columnCount(), int(SbomPackageModel::ColumnCount));
    QCOMPARE(view.countText(), u"%1 packages"_s.arg(total));
    QVERIFY(view.saveButton()->isEnabled());

    // Sorted by name, ascending, case-insensitively, from the start; every package of the document shown once.
    QStringList names = column(m, SbomPackageModel::NameColumn);
    QStringList expected;
    for (const SbomPackage &p : doc->packages)
        expected << p.name;
    std::stable_sort(expected.begin(), expected.end(),
                     [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    QCOMPARE(names, expected);

    // The rows hold what the document says: the @sigstore/sign row.
    const int sign = int(names.indexOf(u"@sigstore/sign"_s));
    QVERIFY(sign >= 0);
    const auto it = std::find_if(doc->packages.begin(), doc->packages.end(),
                                 [](const SbomPackage &p) { return p.name == u"@sigstore/sign"_s; });
    QCOMPARE(m->index(sign, SbomPackageModel::VersionColumn).data().toString(), it->version);
    QCOMPARE(m->index(sign, SbomPackageModel::PurlColumn).data().toString(), it->purl);
    QCOMPARE(m->index(sign, SbomPackageModel::LicenseColumn).data().toString(), it->license);
    QCOMPARE(it->version, u"4.1.1"_s); // pinned in tests/npm/package.json
    QCOMPARE(it->purl, u"pkg:npm/%40sigstore/sign@4.1.1"_s);

    // Clicking the purl header sorts by purl; again, descending.
    QTest::mouseClick(view.table()->header()->viewport(), Qt::LeftButton, {},
                      QPoint(view.table()->header()->sectionViewportPosition(SbomPackageModel::PurlColumn) + 5, 5));
    QStringList purls = column(m, SbomPackageModel::PurlColumn);
    QStringList sortedPurls = purls;
    std::stable_sort(sortedPurls.begin(), sortedPurls.end(),
                     [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    QCOMPARE(purls, sortedPurls);
    view.table()->sortByColumn(SbomPackageModel::PurlColumn, Qt::DescendingOrder);
    purls = column(m, SbomPackageModel::PurlColumn);
    std::reverse(sortedPurls.begin(), sortedPurls.end());
    QCOMPARE(purls, sortedPurls);

    // Typing a search filters name, purl and licence, case-insensitively.
    QTest::keyClicks(view.searchField(), u"SIGSTORE"_s);
    const int sigstore = int(std::count_if(doc->packages.begin(), doc->packages.end(), [](const SbomPackage &p) {
        return p.name.contains(u"sigstore"_s, Qt::CaseInsensitive) ||
               p.purl.contains(u"sigstore"_s, Qt::CaseInsensitive) ||
               p.license.contains(u"sigstore"_s, Qt::CaseInsensitive);
    }));
    QVERIFY(sigstore >= 4); // @sigstore/oci, sign, bundle, core, protobuf-specs, …
    QCOMPARE(m->rowCount(), sigstore);
    for (const QString &purl : column(m, SbomPackageModel::PurlColumn))
        QVERIFY2(purl.contains(u"sigstore"_s), qPrintable(purl));
    QCOMPARE(view.countText(), u"%1 of %2 packages"_s.arg(sigstore).arg(total));

    // A licence matches too; the count follows.
    view.setFilterText(u"apache-2.0"_s);
    QCOMPARE(view.searchField()->text(), u"apache-2.0"_s);
    const QStringList licences = column(m, SbomPackageModel::LicenseColumn);
    QVERIFY(!licences.isEmpty());
    for (const QString &l : licences)
        QVERIFY2(l.contains(u"Apache-2.0"_s), qPrintable(l));
    view.setFilterText(u"no such package anywhere"_s);
    QCOMPARE(m->rowCount(), 0);
    QCOMPARE(view.countText(), u"0 of %1 packages"_s.arg(format::countText(total)));
    view.searchField()->clear();
    QCOMPARE(m->rowCount(), total);

    view.setDocument(nullptr);
    QCOMPARE(m->rowCount(), 0);
    QVERIFY(!view.saveButton()->isEnabled());
}

// The button asks for a path (QFileDialog, answered here) and only emits: the owner writes in the background.
void TestSbomView::saveRequest()
{
    SbomView view;
    const std::shared_ptr<const SbomDocument> doc = npmSpdx();
    view.setDocument(doc);
    QSignalSpy spy(&view, &SbomView::saveRequested);
    QString chosen; // what the dialog would save to: its folder and the name the view suggested
    QTimer::singleShot(200, &view, [&chosen] {
        for (QWidget *w : QApplication::topLevelWidgets()) {
            if (auto *dialog = qobject_cast<QFileDialog *>(w)) {
                chosen = dialog->selectedFiles().value(0);
                static_cast<QDialog *>(dialog)->accept(); // QFileDialog::accept, through the public slot
            }
        }
    });
    view.saveButton()->click();
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), chosen);
    QCOMPARE(QFileInfo(chosen).fileName(), QString(doc->name).replace(u'@', u'-') + u".spdx.json"_s);
    QCOMPARE(spy.at(0).at(1).value<std::shared_ptr<const SbomDocument>>(), doc);
    QVERIFY(!QFile::exists(chosen)); // nothing written by the view
}

STRATA_TEST_MAIN(TestSbomView)
#include "tst_ui_sbomview.moc"
