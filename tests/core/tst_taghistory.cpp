// SPDX-License-Identifier: MIT
// Tag history from a registry's storage folder: three images pushed by skopeo to one tag of a real docker-registry,
// which is then stopped and its folder read (core/sources/taghistory, `strata history`).
#include "core/sources/sourceopener.h"
#include "core/sources/taghistory.h"
#include "tests/common/hermeticenv.h"
#include "tests/common/testutil.h"
#include "tests/core/taghistoryregistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace strata;
using namespace strata::test;
using namespace Qt::StringLiterals;

class TstTagHistory : public QObject
{
    Q_OBJECT

    TagHistoryRegistry m_storage;
    QString m_folder;       // holds docker/registry/v2
    QList<Digest> m_pushed; // in push order
    Digest m_untagged;

private Q_SLOTS:
    void initTestCase()
    {
        for (const QString &tool : {u"docker-registry"_s, u"skopeo"_s})
            if (QStandardPaths::findExecutable(tool).isEmpty())
                QSKIP(qPrintable(tool + u" is not installed (packaging/install-deps.sh installs it)"_s));
        QString err;
        QVERIFY2(m_storage.make(&err), qPrintable(err));
        m_folder = m_storage.folder();
        m_pushed = m_storage.pushed();
        m_untagged = m_storage.untagged();
    }

    void historyNewestFirst()
    {
        Result<RepositoryHistory> h = readTagHistory(u"registry-dir:"_s + m_folder + u"/strata/app:1"_s);
        QVERIFY2(h, qPrintable(h ? QString() : h.error().toString()));
        QCOMPARE(h->repository, u"strata/app"_s);
        QCOMPARE(int(h->tags.size()), 1);
        const TagHistory &t = h->tags.first();
        QCOMPARE(t.tag, u"1"_s);
        QCOMPARE(t.current, m_pushed.last());
        QCOMPARE(int(t.entries.size()), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(t.entries[i].digest, m_pushed[2 - i]);
            QCOMPARE(t.entries[i].current, i == 0);
            QVERIFY(t.entries[i].stored);
            QVERIFY(t.entries[i].pushed.isValid());
        }
        QVERIFY(t.entries[0].pushed >= t.entries[1].pushed);
        QVERIFY(t.entries[1].pushed >= t.entries[2].pushed);
        QCOMPARE(h->untagged, QList<Digest>{m_untagged});
        QCOMPARE(h->pinned(m_pushed[0]), u"strata/app@"_s + m_pushed[0].toString());
    }

    void earlierDigestOpens()
    {
        // "Open" and "Compare with current" go through the pinned source of an earlier digest.
        Result<RepositoryHistory> h = readTagHistory(u"registry-dir:"_s + m_folder + u"/strata/app:1"_s);
        QVERIFY(h);
        Result<ImageGraphPtr> g = SourceOpener::open(h->sourceFor(m_pushed.first()));
        QVERIFY2(g, qPrintable(g ? QString() : g.error().toString()));
        bool found = false;
        for (const Node &n : g.value()->nodes)
            found = found || n.digest() == m_pushed.first();
        QVERIFY(found);
    }

    void wholeRepositoryAndErrors()
    {
        Result<RepositoryHistory> all = readTagHistory(u"registry-dir:"_s + m_folder + u"/strata/app"_s);
        QVERIFY(all);
        QCOMPARE(int(all->tags.size()), 1); // "gone" has no folder any more
        // The whole storage in one scan: every repository (here one), the same history.
        Result<QList<RepositoryHistory>> storage = readStorageHistory(u"registry-dir:"_s + m_folder);
        QVERIFY2(storage, qPrintable(storage ? QString() : storage.error().toString()));
        QCOMPARE(int(storage->size()), 1);
        QCOMPARE(storage->first().repository, u"strata/app"_s);
        QCOMPARE(storage->first().tags.first().entries.size(), all->tags.first().entries.size());
        QCOMPARE(storage->first().untagged, QList<Digest>{m_untagged});
        QCOMPARE(
            readStorageHistory(u"registry-dir:"_s + m_folder + u"/strata/app@"_s + m_pushed[0].toString()).error().code,
            ErrorCode::Malformed);
        Result<RepositoryHistory> none = readTagHistory(u"registry-dir:"_s + m_folder + u"/strata/app:nope"_s);
        QVERIFY(!none);
        QCOMPARE(none.error().code, ErrorCode::NotFound);
        Result<RepositoryHistory> digest =
            readTagHistory(u"registry-dir:"_s + m_folder + u"/strata/app@"_s + m_pushed[0].toString());
        QVERIFY(!digest);
        QCOMPARE(digest.error().code, ErrorCode::Malformed);
    }

    void cli()
    {
        QProcess p;
        p.start(strataBinary(), {u"history"_s, u"--json"_s, u"registry-dir:"_s + m_folder + u"/strata/app:1"_s});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        const QJsonArray history = o.value("tags"_L1).toArray().first().toObject().value("history"_L1).toArray();
        QCOMPARE(history.size(), 3);
        QCOMPARE(history.first().toObject().value("digest"_L1).toString(), m_pushed.last().toString());
        QVERIFY(history.first().toObject().value("current"_L1).toBool());
        QCOMPARE(history.last().toObject().value("pinned"_L1).toString(), u"strata/app@"_s + m_pushed[0].toString());
        QVERIFY(o.value("order"_L1).toString().contains(u"modification times"_s));
        QCOMPARE(o.value("untagged"_L1).toArray().first().toObject().value("digest"_L1).toString(),
                 m_untagged.toString());

        p.start(strataBinary(), {u"history"_s, u"registry-dir:"_s + m_folder + u"/strata/app:1"_s});
        QVERIFY(p.waitForFinished(60000));
        const QString text = QString::fromUtf8(p.readAllStandardOutput());
        QCOMPARE(p.exitCode(), 0);
        QVERIFY2(text.contains(u"  current  "_s + m_pushed.last().toString()), qPrintable(text));
        QVERIFY(text.contains(u"records no order"_s));
        QVERIFY(text.contains(u"untagged manifests"_s));

        // Other references have only the journal's history (tst_journal): here, none.
        p.start(strataBinary(), {u"history"_s, u"docker://127.0.0.1:1/x:1"_s});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(QString::fromUtf8(p.readAllStandardOutput()).contains(u"the journal has no record of"_s));
    }
};

STRATA_TEST_GUILESS_MAIN(TstTagHistory)
#include "tst_taghistory.moc"
