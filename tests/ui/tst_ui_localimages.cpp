// SPDX-License-Identifier: MIT
// File ▸ Local Images…: the dialog lists a real podman service's images (private vfs storage in a
// temporary folder) off the GUI thread, and the chosen row opens through the source controller.
#include "core/sources/enginesource.h"
#include "tests/common/hermeticenv.h"
#include "tests/common/podmanservice.h"
#include "tests/ui/uitestutil.h"
#include "ui/dialogs/localimagesdialog.h"
#include "ui/mainwindow.h"
#include "ui/sourcecontroller.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMenuBar>
#include <QSignalSpy>
#include <QThreadPool>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace strata;
using namespace strata::ui;

class TestUiLocalImages : public QObject
{
    Q_OBJECT

    test::PodmanService m_podman;
    QThreadPool m_pool;

private Q_SLOTS:
    void initTestCase()
    {
        const QString err = m_podman.start({test::fixture(u"good/docker-archive.tar"_s)});
        QVERIFY2(err.isEmpty(), qPrintable(err));
        qputenv("DOCKER_HOST", (u"unix://"_s + m_podman.socketPath()).toUtf8());
    }

    void listsAndOpens()
    {
        QByteArray out;
        QVERIFY(m_podman.run({u"images"_s, u"--digests"_s, u"--format"_s, u"json"_s}, &out).isEmpty());
        const QJsonObject podman = QJsonDocument::fromJson(out).array().first().toObject();

        LocalImagesDialog dialog(&m_pool);
        QSignalSpy listed(&dialog, &LocalImagesDialog::listed);
        QVERIFY(listed.wait(30000));
        QCOMPARE(listed.first().first().toInt(), 1);
        QVERIFY2(dialog.statusText().contains(u"Podman Engine"_s), qPrintable(dialog.statusText()));
        QTreeWidget *list = dialog.list();
        QCOMPARE(list->topLevelItemCount(), 1);
        QTreeWidgetItem *row = list->topLevelItem(0);
        QCOMPARE(row->text(LocalImagesDialog::RepositoryColumn), u"docker.io/strata/sample"_s);
        QCOMPARE(row->text(LocalImagesDialog::TagColumn), u"v1"_s);
        QCOMPARE(row->text(LocalImagesDialog::ImageIdColumn), podman.value("Id"_L1).toString().left(12));
        const QString repoDigest = podman.value("RepoDigests"_L1).toArray().first().toString().section(u'@', 1);
        QVERIFY(row->toolTip(LocalImagesDialog::RepoDigestColumn).contains(repoDigest));
        QVERIFY(dialog.findChild<QLabel *>(u"repoDigestExplanation"_s)
                    ->text()
                    .contains(EngineSource::repoDigestExplanation()));
        QVERIFY(dialog.selectedSource().isEmpty());
        list->setCurrentItem(row);
        QCOMPARE(dialog.selectedSource(), u"docker-daemon:docker.io/strata/sample:v1"_s);

        SourceController controller(&m_pool);
        QSignalSpy loaded(&controller, &SourceController::loaded);
        controller.open(dialog.selectedSource());
        QVERIFY(loaded.wait(60000));
        const ImageGraphPtr g = controller.graph();
        QCOMPARE(g->images.size(), 1);
        QVERIFY(g->nodes[0].note.contains(repoDigest));
    }

    void engineUnreachable()
    {
        const QByteArray old = qgetenv("DOCKER_HOST");
        qputenv("DOCKER_HOST", "unix:///nonexistent/strata-test.sock");
        LocalImagesDialog dialog(&m_pool);
        QSignalSpy listed(&dialog, &LocalImagesDialog::listed);
        QVERIFY(listed.wait(30000));
        qputenv("DOCKER_HOST", old);
        QCOMPARE(listed.first().first().toInt(), 0);
        QVERIFY2(dialog.statusText().startsWith(u"Cannot list the engine's images"_s), qPrintable(dialog.statusText()));
        QCOMPARE(dialog.list()->topLevelItemCount(), 0);
    }

    void fileMenuHasTheAction()
    {
        test::isolateSettings();
        MainWindow w(&m_pool);
        bool found = false;
        for (QAction *menu : w.menuBar()->actions()) {
            if (!menu->menu())
                continue;
            for (QAction *a : menu->menu()->actions())
                found |= a->text() == u"Local &Images…";
        }
        QVERIFY(found);
    }
};

STRATA_TEST_MAIN(TestUiLocalImages)
#include "tst_ui_localimages.moc"
