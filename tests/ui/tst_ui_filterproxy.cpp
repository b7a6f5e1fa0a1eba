// SPDX-License-Identifier: MIT
// ImageFilterProxy: text filter over name, digest, media type and created_by; "problems only".
#include "tests/common/hermeticenv.h"
#include "tests/ui/uitestutil.h"
#include "ui/models/imagefilterproxy.h"

#include <QAbstractItemModelTester>

using namespace Qt::StringLiterals;
using namespace strata;
using namespace strata::ui;
using namespace strata::test;

class TestFilterProxy : public QObject
{
    Q_OBJECT

    ImageTreeModel *m_model = nullptr;
    ImageFilterProxy *m_proxy = nullptr;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

private Q_SLOTS:
    void initTestCase() { isolateSettings(); }

    void init()
    {
        m_model = new ImageTreeModel(this);
        m_proxy = new ImageFilterProxy(this);
        m_proxy->setSourceModel(m_model);
        // From before population, through every change each test makes.
        m_tester =
            std::make_unique<QAbstractItemModelTester>(m_proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_model->setGraph(loadGraph(samplePath()));
    }

    void cleanup()
    {
        m_tester.reset();
        delete m_proxy;
        delete m_model;
    }

    void textFilter_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        const QString top =
            u"sample.oci.tar  NOT CHECKED\n  index.json  NOT CHECKED\n    linux/amd64 (1.0)  sha256:a6341b081a14  NOT CHECKED\n"_s;
        QTest::newRow("name") << u"LAYER 2"_s << top + u"      layer 2  sha256:d1177347fc9b  NOT CHECKED\n"_s;
        QTest::newRow("digest past the short form")
            << u"b35c3bf110c51ce8"_s << top + u"      layer 1  sha256:8834e8251fc4  NOT CHECKED\n"_s;
        QTest::newRow("full digest") << u"sha256:acaa41f393e74519a9b8debca9b44d5af6ff46eac16fcd479b8e3abf4d65633f"_s
                                     << top + u"      layer 3  sha256:acaa41f393e7  NOT CHECKED\n"_s;
        QTest::newRow("media type") << u"config.v1+json"_s
                                    << top + u"      config  sha256:a8a23daff218  NOT CHECKED\n"_s;
        QTest::newRow("created_by") << u"greet.conf"_s << top + u"      layer 2  sha256:d1177347fc9b  NOT CHECKED\n"_s;
        QTest::newRow("history step") << u"set Env"_s << top + u"      step 4 (no layer)\n"_s;
        QTest::newRow("nothing") << u"no such thing"_s << QString();
        QTest::newRow("spaces only = no filter") << u"   "_s << u"<everything>"_s;
    }

    void textFilter()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        if (expected == u"<everything>")
            expected = dumpTree(m_model);
        m_proxy->setText(text);
        STRATA_COMPARE_TREE(dumpTree(m_proxy), expected);
        m_proxy->setText({});
        STRATA_COMPARE_TREE(dumpTree(m_proxy), dumpTree(m_model));
    }

    void problemsOnlyFollowsVerification()
    {
        const ImageGraphPtr g = loadGraph(fixture(u"bad/oci-flipped-layer"_s));
        m_model->setGraph(g);
        m_proxy->setProblemsOnly(true);
        QCOMPARE(m_proxy->rowCount(), 0); // nothing known to be wrong before verification
        // Dynamic filtering: the report's dataChanged alone brings the failing row and its parents in.
        m_model->setReport(verifyGraph(g));
        const QString manifest =
            m_model->index(0, ImageTreeModel::DigestColumn, findRow(m_model, u"index.json"_s)).data().toString();
        const QString layer1 =
            m_model->indexForNode(g->images[0].layerNodes[0], ImageTreeModel::DigestColumn).data().toString();
        STRATA_COMPARE_TREE(dumpTree(m_proxy), uR"(oci-flipped-layer  PROBLEM BELOW
  index.json  PROBLEM BELOW
    linux/amd64 (v1)  %1  PROBLEM BELOW
      layer 1  %2  MISMATCH
)"_s.arg(manifest, layer1));
        const QModelIndex layer = findRow(m_proxy, u"layer 1"_s);
        QCOMPARE(m_proxy->nodeIdAt(layer), g->images[0].layerNodes[0]);

        m_proxy->setText(u"layer 2"_s); // both conditions must hold
        QCOMPARE(m_proxy->rowCount(), 0);
        m_proxy->setText(g->nodes[g->images[0].layerNodes[0]].digest().encoded().mid(20, 10));
        QCOMPARE(findRow(m_proxy, u"layer 1"_s).isValid(), true);
        m_proxy->setProblemsOnly(false);
        m_proxy->setText({});
        STRATA_COMPARE_TREE(dumpTree(m_proxy), dumpTree(m_model));
    }

    void problemsOnlyOnACleanImageIsEmpty()
    {
        const ImageGraphPtr g = m_model->graph();
        m_model->setReport(verifyGraph(g));
        m_proxy->setProblemsOnly(true);
        QCOMPARE(m_proxy->rowCount(), 0);
    }
};

STRATA_TEST_MAIN(TestFilterProxy)
#include "tst_ui_filterproxy.moc"
