// SPDX-License-Identifier: MIT
// File ▸ Pin References in File… against a real docker-registry: a Compose file's rows (reference, line, resolved
// digest, platforms, status), the Copy button, and "Write pinned file" producing the expected bytes.
#include "tests/common/hermeticenv.h"
#include "tests/common/testutil.h"
#include "tests/core/registryserver.h"
#include "ui/dialogs/pindialog.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace strata;
using namespace strata::test;

class TstUiPin : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void composeFile()
    {
        QTemporaryDir work;
        qputenv("DOCKER_CONFIG", work.filePath(u"no-config"_s).toUtf8());
        RegistryServer reg;
        QString err;
        QVERIFY2(reg.start(RegistryServer::Auth::None, &err), qPrintable(err));
        QString out;
        const QString layout = work.filePath(u"multi-layout"_s);
        QVERIFY2(runTool(u"bash"_s,
                         {QStringLiteral(STRATA_SOURCE_DIR) + u"/tests/registry/make-index-layout.sh"_s,
                          fixture(u"good/oci-multi"_s), layout},
                         &out),
                 qPrintable(out));
        const QString index = out.trimmed();
        QVERIFY2(push(u"oci:"_s + layout + u":multi"_s, reg.host(), u"apps/web:2"_s, {u"--all"_s}, &out),
                 qPrintable(out));
        const QString h = reg.host();
        const QString path = work.filePath(u"compose.yaml"_s);
        const QByteArray text = (u"# stack\nservices:\n  web:\n    image: '%1/apps/web:2'  # front\n"
                                 "  app:\n    build: .\n    image: me/app\n"_s.arg(h))
                                    .toUtf8();
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        }

        QThreadPool pool;
        ui::PinDialog d(&pool);
        d.show();
        QSignalSpy scanned(&d, &ui::PinDialog::scanned);
        d.openFile(path);
        QVERIFY(scanned.wait(60000));
        QCOMPARE(scanned.first().first().toInt(), 2);
        QTreeWidget *t = d.table();
        QCOMPARE(t->topLevelItemCount(), 2);
        const QString pinned = h + u"/apps/web:2@"_s + index;
        QTreeWidgetItem *web = t->topLevelItem(0);
        QCOMPARE(web->text(ui::PinDialog::ReferenceColumn), h + u"/apps/web:2"_s);
        QCOMPARE(web->text(ui::PinDialog::LineColumn), u"4"_s);
        QCOMPARE(web->text(ui::PinDialog::PinnedColumn), pinned);
        QCOMPARE(web->text(ui::PinDialog::PlatformsColumn), u"linux/amd64, linux/arm64"_s);
        QCOMPARE(web->text(ui::PinDialog::StatusColumn), u"can be pinned"_s);
        QTreeWidgetItem *app = t->topLevelItem(1);
        QCOMPARE(app->text(ui::PinDialog::ReferenceColumn), u"me/app"_s);
        QCOMPARE(app->text(ui::PinDialog::LineColumn), u"7"_s);
        QVERIFY(app->text(ui::PinDialog::StatusColumn).startsWith(u"left alone: the name this service's build"_s));
        QVERIFY(!d.copyButton(1));
        QVERIFY2(d.statusText().contains(u"Compose"_s) && d.statusText().contains(u"1 to pin"_s),
                 qPrintable(d.statusText()));

        QVERIFY(d.copyButton(0));
        d.copyButton(0)->click();
        QCOMPARE(QApplication::clipboard()->text(), pinned);

        QVERIFY(d.writeButton()->isEnabled());
        QSignalSpy written(&d, &ui::PinDialog::written);
        d.writeButton()->click();
        QVERIFY(written.wait(30000));
        QVERIFY2(written.first().first().toBool(), qPrintable(d.statusText()));
        QCOMPARE(readFile(path), (u"# stack\nservices:\n  web:\n    image: '%1'  # front\n"
                                  "  app:\n    build: .\n    image: me/app\n"_s.arg(pinned))
                                     .toUtf8());
        QVERIFY(d.statusText().startsWith(u"Wrote "_s));

        // Opened again: pinned, nothing to write.
        d.openFile(path);
        QVERIFY(scanned.wait(60000));
        QCOMPARE(t->topLevelItem(0)->text(ui::PinDialog::StatusColumn), u"pinned"_s);
        QVERIFY(!d.writeButton()->isEnabled());

        // A registry that is down: the row says so, and nothing can be written.
        reg.stop();
        const QString other = work.filePath(u"k8s.yaml"_s);
        {
            QFile f(other);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write((u"apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - image: %1/apps/web:3\n"_s.arg(h)).toUtf8());
        }
        d.openFile(other);
        QVERIFY(scanned.wait(60000));
        QVERIFY(t->topLevelItem(0)->text(ui::PinDialog::StatusColumn).startsWith(u"not resolved"_s));
        QVERIFY(!d.writeButton()->isEnabled());

        // Bad YAML: the status names the file and the line.
        {
            QFile f(other);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("services:\n  web: {image: a\n");
        }
        d.openFile(other);
        QVERIFY(scanned.wait(60000));
        QCOMPARE(t->topLevelItemCount(), 0);
        QVERIFY2(d.statusText().contains(other + u", line 3"_s), qPrintable(d.statusText()));
    }
};

STRATA_TEST_MAIN(TstUiPin)
#include "tst_ui_pin.moc"
