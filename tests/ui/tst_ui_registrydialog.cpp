// SPDX-License-Identifier: MIT
// "Connect to registry…" against a real docker-registry (htpasswd auth): repositories, then tags, then
// the docker:// source handed to the controller; typed credentials kept in memory only.
#include "core/registry/credentials.h"
#include "tests/common/hermeticenv.h"
#include "tests/common/testutil.h"
#include "tests/core/registryserver.h"
#include "ui/dialogs/registrydialog.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTest>
#include <QThreadPool>

using namespace Qt::StringLiterals;
using namespace strata;
using namespace strata::test;

class TstUiRegistryDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void browseAndOpen()
    {
        QTemporaryDir cfg;
        qputenv("DOCKER_CONFIG", cfg.path().toUtf8()); // no config file: nothing to save through
        RegistryServer reg;
        QString err;
        QVERIFY2(reg.start(RegistryServer::Auth::Htpasswd, &err, {u"carol:pa55"_s}), qPrintable(err));
        QString out;
        for (const QString &dest : {u"apps/one:v1"_s, u"apps/one:v2"_s, u"apps/two:latest"_s})
            QVERIFY2(push(u"oci:"_s + fixture(u"good/oci-gzip:v1"_s), reg.host(), dest,
                          {u"--dest-creds"_s, u"carol:pa55"_s}, &out),
                     qPrintable(out));

        QThreadPool pool;
        ui::RegistryDialog d(&pool);
        d.show();
        auto *host = d.findChild<QLineEdit *>(u"host"_s);
        auto *repos = d.findChild<QListWidget *>(u"repositories"_s);
        auto *tags = d.findChild<QListWidget *>(u"tags"_s);
        auto *status = d.findChild<QLabel *>(u"status"_s);
        QVERIFY(host && repos && tags && status);
        QVERIFY(!d.findChild<QCheckBox *>(u"save"_s)->isEnabled()); // no helper configured: memory only
        host->setText(reg.host());

        // Without credentials: the error names the realm, and nothing is listed.
        d.findChild<QPushButton *>(u"connect"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(u"strata-basic-realm"_s), 30000);
        QCOMPARE(repos->count(), 0);

        d.findChild<QLineEdit *>(u"user"_s)->setText(u"carol"_s);
        d.findChild<QLineEdit *>(u"password"_s)->setText(u"pa55"_s);
        d.findChild<QPushButton *>(u"connect"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(repos->count(), 2, 30000);
        QCOMPARE(repos->item(0)->text(), u"apps/one"_s);
        repos->setCurrentRow(0);
        QTRY_COMPARE_WITH_TIMEOUT(tags->count(), 2, 30000);
        tags->setCurrentRow(1);
        const QString chosen = tags->currentItem()->text();
        d.accept();
        QCOMPARE(d.result(), int(QDialog::Accepted));
        QCOMPARE(d.source(), u"docker://%1/apps/one:%2"_s.arg(reg.host(), chosen));
        // Remembered for this process, so the controller can open the source; not written anywhere.
        Result<std::optional<RegistryCredential>> c = CredentialStore::lookup(reg.host());
        QVERIFY(c && c.value() && c.value()->username == u"carol"_s);
        QVERIFY(!QFile::exists(cfg.filePath(u"config.json"_s)));
        CredentialStore::forget(reg.host());
        pool.waitForDone();
    }
};

STRATA_TEST_MAIN(TstUiRegistryDialog)
#include "tst_ui_registrydialog.moc"
