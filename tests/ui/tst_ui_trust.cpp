// SPDX-License-Identifier: MIT
// Signature verdicts in the window, over hand-built TrustReports on a real dir: folder with a cosign signature
// (containers/image's dir-img-cosign-valid): the tree's status, tooltip, colour and badge, the details pane's
// Verification section, the summary bar; the trust settings' scopes; the Trust dialog's fields; and the source
// controller's trust job after open (its verdicts come from whatever verifiers are linked, so only its shape is
// asserted here).
#include "tests/common/hermeticenv.h"
#include "tests/common/testutil.h"
#include "tests/ui/uitestutil.h"
#include "ui/dialogs/trustdialog.h"
#include "ui/models/trustrows.h"
#include "ui/sourcecontroller.h"
#include "ui/theme/statusstyle.h"
#include "ui/trust/trustsettings.h"
#include "ui/views/detailspane.h"
#include "ui/views/explorerpage.h"
#include "ui/views/summarybar.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QThreadPool>

using namespace Qt::StringLiterals;
using namespace strata;
using namespace strata::ui;

namespace {

const Digest OtherDigest =
    Digest::parse(u"sha256:1111111111111111111111111111111111111111111111111111111111111111"_s).value();

QString cosignDir()
{
    return test::publicFixture(u"signatures/containers-image/dir-img-cosign-valid"_s);
}

QList<int> signatureNodes(const ImageGraph &g)
{
    QList<int> out;
    for (const Node &n : g.nodes)
        if (n.kind == NodeKind::Signature || (n.attachment && isSignatureKind(n.attachment->kind)))
            out << n.id;
    return out;
}

int subjectOf(const ImageGraph &g, int node)
{
    int p = g.nodes[node].parent;
    if (p >= 0 && g.nodes[p].kind == NodeKind::Attached)
        p = g.nodes[p].parent;
    return p;
}

trust::Verdict verdict(const QString &which, const Digest &signedDigest)
{
    if (which == u"verified"_s) {
        trust::Verdict v;
        v.state = trust::VerdictState::Verified;
        v.signer = u"key ECDSA P-256 SHA256:ab12 (cosign.pub)"_s;
        v.signedDigest = signedDigest;
        v.signingTime = QDateTime(QDate(2023, 4, 18), QTime(10, 20, 30), Qt::UTC);
        v.checks = QStringList{u"payload digest matches the layer"_s, u"signature verifies with cosign.pub"_s};
        return v;
    }
    if (which == u"failed"_s) {
        trust::Verdict v = trust::Verdict::failed(u"signature does not verify with key cosign2.pub"_s, u"a key"_s);
        v.signedDigest = OtherDigest;
        return v;
    }
    return trust::Verdict::notChecked(u"no public key (--key), certificate root or trusted root was given"_s);
}

// One check per signature node, all with the same verdict, and the subjects summarised as core does.
TrustReportPtr reportFor(const ImageGraph &g, const QString &which, const Digest &signedDigest)
{
    trust::TrustReport r;
    for (int node : signatureNodes(g)) {
        const trust::Verdict v = verdict(which, signedDigest);
        r.checks << trust::SignatureCheck{node, 0, u"cosign signature"_s, v};
        trust::SubjectTrust &t = r.subjects[subjectOf(g, node)];
        t.node = subjectOf(g, node);
        t.verified += v.verified();
        t.failed += v.state == trust::VerdictState::Failed;
        t.notChecked += v.state == trust::VerdictState::NotChecked;
        if (v.verified())
            t.signers << v.signer;
    }
    return std::make_shared<const trust::TrustReport>(r);
}

void compareOptions(const trust::TrustOptions &a, const trust::TrustOptions &b)
{
    QCOMPARE(a.keyFiles, b.keyFiles);
    QCOMPARE(a.certificateRoots, b.certificateRoots);
    QCOMPARE(a.rekorKeyFiles, b.rekorKeyFiles);
    QCOMPARE(a.trustedRootFile, b.trustedRootFile);
    QCOMPARE(a.certificateIdentity, b.certificateIdentity);
    QCOMPARE(a.certificateIdentityRegexp, b.certificateIdentityRegexp);
    QCOMPARE(a.certificateOidcIssuer, b.certificateOidcIssuer);
    QCOMPARE(a.notationTrustStore, b.notationTrustStore);
    QCOMPARE(a.gpgKeyring, b.gpgKeyring);
    QCOMPARE(a.policyFile, b.policyFile);
    QCOMPARE(a.requireSignature, b.requireSignature);
    QCOMPARE(a.insecureIgnoreSct, b.insecureIgnoreSct);
}

trust::TrustOptions fullOptions()
{
    trust::TrustOptions o;
    o.keyFiles = QStringList{u"/keys/cosign.pub"_s, u"/keys/other key.pub"_s};
    o.certificateRoots = QStringList{u"/roots/fulcio_v1.crt.pem"_s};
    o.rekorKeyFiles = QStringList{u"/keys/rekor.pub"_s};
    o.trustedRootFile = u"/roots/trusted_root.json"_s;
    o.certificateIdentity = u"mitr@redhat.com"_s;
    o.certificateIdentityRegexp = u".*@redhat\\.com"_s;
    o.certificateOidcIssuer = u"https://github.com/login/oauth"_s;
    o.notationTrustStore = u"/notation/truststore/x509/ca/acme"_s;
    o.gpgKeyring = u"/keys/public-key.gpg"_s;
    o.policyFile = u"/etc/containers/policy.json"_s;
    o.requireSignature = true;
    o.insecureIgnoreSct = true;
    return o;
}

} // namespace

class TestTrustUi final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        test::isolateSettings();
        m_graph = test::loadGraph(cosignDir());
        QVERIFY(!signatureNodes(*m_graph).isEmpty());
        m_sig = signatureNodes(*m_graph).first();
        m_subject = subjectOf(*m_graph, m_sig);
        QVERIFY(m_subject >= 0);
        QVERIFY(!m_graph->nodes[m_subject].digest().isNull());
    }

    void signatureRows_data()
    {
        QTest::addColumn<QString>("which");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("tooltipPart");
        QTest::addColumn<int>("look");
        QTest::addColumn<int>("badge");
        QTest::newRow("verified") << u"verified"_s << u"Signature verified"_s
                                  << u"Signed by key ECDSA P-256 SHA256:ab12 (cosign.pub)"_s << int(RowStatus::Verified)
                                  << int(TrustRows::Badge::Verified);
        QTest::newRow("failed") << u"failed"_s << u"Signature failed"_s
                                << u"Reason: signature does not verify with key cosign2.pub"_s
                                << int(RowStatus::Mismatch) << int(TrustRows::Badge::Failed);
        QTest::newRow("not checked") << u"not checked"_s << u"Signature not checked"_s
                                     << u"Why: no public key (--key), certificate root or trusted root was given"_s
                                     << int(RowStatus::NotChecked) << int(TrustRows::Badge::NotChecked);
    }
    void signatureRows()
    {
        QFETCH(QString, which);
        QFETCH(QString, status);
        QFETCH(QString, tooltipPart);
        QFETCH(int, look);
        QFETCH(int, badge);
        ImageTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setGraph(m_graph);
        const QModelIndex st = model.indexForNode(m_sig, ImageTreeModel::StatusColumn);
        const QString before = st.data().toString();
        QVERIFY(!before.startsWith(u"Signature"_s));
        QCOMPARE(st.data(ImageTreeModel::TrustStateRole).toInt(), -1);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        const TrustReportPtr report = reportFor(*m_graph, which, m_graph->nodes[m_subject].digest());
        model.setTrustReport(report);
        QVERIFY(changed.count() >= 2); // the signature row and its subject
        QCOMPARE(st.data().toString(), status);
        const QString tip = st.data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(tooltipPart), qPrintable(tip));
        QCOMPARE(st.data(Qt::ForegroundRole).value<QColor>(),
                 StatusStyle::color(RowStatus(look), QGuiApplication::palette()));
        QVERIFY(st.data(Qt::AccessibleTextRole).toString().startsWith(status.toLower()));
        QCOMPARE(st.data(ImageTreeModel::TrustStateRole).toInt(), int(report->checks.first().verdict.state));
        QCOMPARE(model.indexForNode(m_sig).data(ImageTreeModel::HasProblemRole).toBool(), which == u"failed"_s);
        if (which == u"verified"_s) {
            QVERIFY(tip.contains(m_graph->nodes[m_subject].digest().toString()));
            QVERIFY(tip.contains(u"2023-04-18 10:20:30 UTC"_s));
            QVERIFY(tip.contains(u"signature verifies with cosign.pub"_s));
        }

        // The subject's badge: text, shield, tooltip; other rows have none.
        const trust::SubjectTrust &t = report->subjects.value(m_subject);
        QCOMPARE(int(TrustRows::badgeOf(t, *report)), badge);
        const QModelIndex digest = model.indexForNode(m_subject, ImageTreeModel::DigestColumn);
        QCOMPARE(digest.data(ImageTreeModel::TrustBadgeRole).toString(), t.badge());
        QVERIFY(!digest.data(Qt::DecorationRole).value<QIcon>().isNull());
        QCOMPARE(digest.data(Qt::DecorationRole).value<QIcon>().cacheKey(),
                 TrustRows::badgeIcon(TrustRows::Badge(badge)).cacheKey());
        QVERIFY(digest.data(Qt::ToolTipRole).toString().contains(u"Signatures: "_s + t.badge()));
        QVERIFY(model.indexForNode(m_subject).data(Qt::AccessibleTextRole).toString().contains(t.badge()));
        QCOMPARE(model.indexForNode(m_sig).data(ImageTreeModel::TrustBadgeRole).toString(), QString());

        // Cleared: back to what verification says.
        model.setTrustReport(nullptr);
        QCOMPARE(st.data().toString(), before);
        QVERIFY(model.indexForNode(m_subject, ImageTreeModel::DigestColumn).data(Qt::DecorationRole).isNull());
    }

    void neverAGreenBadgeWithoutAVerifiedVerdict()
    {
        // Counts that claim a verified signature, but no check in the report is verified: not green.
        trust::TrustReport r;
        r.checks << trust::SignatureCheck{m_sig, 0, u"cosign signature"_s, verdict(u"failed"_s, OtherDigest)};
        trust::SubjectTrust t;
        t.node = m_subject;
        t.verified = 1;
        t.failed = 1;
        r.subjects.insert(m_subject, t);
        QCOMPARE(TrustRows::badgeOf(t, r), TrustRows::Badge::Failed);
        t.failed = 0;
        QCOMPARE(TrustRows::badgeOf(t, r), TrustRows::Badge::NotChecked);
    }

    void detailsPaneVerification()
    {
        DetailsPane pane;
        const Digest manifest = m_graph->nodes[m_subject].digest();
        pane.setTrustReport(reportFor(*m_graph, u"verified"_s, manifest));
        pane.showNode(*m_graph, m_sig, nullptr, {});
        QString text = pane.overviewText();
        QVERIFY2(text.contains(u"Verification: cosign signature"_s), qPrintable(text));
        QVERIFY(text.contains(u"Signature verified"_s));
        QVERIFY(text.contains(u"key ECDSA P-256 SHA256:ab12 (cosign.pub)"_s));
        QVERIFY(text.contains(manifest.toString() + u" (this manifest's digest)"_s));
        QVERIFY(text.contains(u"2023-04-18 10:20:30 UTC"_s));
        QVERIFY(text.contains(u"payload digest matches the layer"_s));

        pane.setTrustReport(reportFor(*m_graph, u"failed"_s, manifest));
        pane.showNode(*m_graph, m_sig, nullptr, {});
        text = pane.overviewText();
        QVERIFY(text.contains(u"Signature failed"_s));
        QVERIFY(text.contains(u"signature does not verify with key cosign2.pub"_s));
        QVERIFY2(text.contains(OtherDigest.toString()) &&
                     text.contains(u"expected (this manifest): "_s + manifest.toString()),
                 qPrintable(text));
        QVERIFY(!text.contains(u"Signature verified"_s));

        // The manifest: the summary and its signatures.
        pane.showNode(*m_graph, m_subject, nullptr, {});
        text = pane.overviewText();
        QVERIFY2(text.contains(u"Verification"_s) && text.contains(u"signature failed"_s), qPrintable(text));
        QVERIFY(text.contains(u"1 failed"_s));
        QVERIFY(pane.overviewHtml().contains(u"href=\"node:%1\""_s.arg(m_sig)));

        // Without a report, no section.
        pane.setTrustReport(nullptr);
        pane.showNode(*m_graph, m_sig, nullptr, {});
        QVERIFY(!pane.overviewText().contains(u"Verification:"_s));
    }

    void detailsPaneExplainsPolicy()
    {
        // The policy's verdict on the source row and the top-level manifest: what decided and why; nothing on the
        // signature row below them.
        DetailsPane pane;
        trust::TrustReport r;
        trust::PolicyVerdict v;
        v.accepted = false;
        v.scope = u"default"_s;
        v.requirement = u"signedBy GPGKeys key /etc/pki/key.gpg (matchRepoDigestOrExact)"_s;
        v.reason = u"rejected: no signature verified with /etc/pki/key.gpg"_s;
        v.signatures << trust::Verdict::failed(u"signed by an unknown key"_s);
        r.policy = v;
        r.policyImage = u"oci:/srv/images/app"_s;
        r.policyImageInferred = true;
        pane.setTrustReport(std::make_shared<const trust::TrustReport>(r));
        pane.showNode(*m_graph, 0, nullptr, {});
        QString text = pane.overviewText();
        QVERIFY2(text.contains(u"Policy (containers-policy.json)"_s), qPrintable(text));
        for (const QString &want : {u"rejected"_s, u"oci:/srv/images/app"_s, u"found in the source"_s, u"default"_s,
                                    v.requirement, v.reason, u"signed by an unknown key"_s})
            QVERIFY2(text.contains(want), qPrintable(want + u" not in: "_s + text));
        int top = -1;
        for (const int c : m_graph->nodes[0].children)
            top = top < 0 ? c : top;
        QVERIFY(top > 0);
        pane.showNode(*m_graph, top, nullptr, {});
        QVERIFY2(pane.overviewText().contains(u"Policy (containers-policy.json)"_s), qPrintable(pane.overviewText()));
        pane.showNode(*m_graph, m_sig, nullptr, {});
        QVERIFY(!pane.overviewText().contains(u"Policy (containers-policy.json)"_s));
        // Not evaluated: the reason is given.
        trust::TrustReport none;
        none.policyNote = u"no containers/image transport reads this source"_s;
        pane.setTrustReport(std::make_shared<const trust::TrustReport>(none));
        pane.showNode(*m_graph, 0, nullptr, {});
        text = pane.overviewText();
        QVERIFY2(text.contains(u"not evaluated"_s) && text.contains(none.policyNote), qPrintable(text));
    }

    void summaryBarSaysWhoSigned()
    {
        ExplorerPage page;
        page.setGraph(m_graph);
        QVERIFY(!page.summaryBar()->text().contains(u"sign"_s));
        page.setTrustReport(reportFor(*m_graph, u"verified"_s, m_graph->nodes[m_subject].digest()));
        QVERIFY2(page.summaryBar()->text().endsWith(u"signed by key ECDSA P-256 SHA256:ab12 (cosign.pub)"_s),
                 qPrintable(page.summaryBar()->text()));
        page.setTrustReport(reportFor(*m_graph, u"failed"_s, OtherDigest));
        QVERIFY2(page.summaryBar()->text().endsWith(u"no valid signature (1 failed)"_s),
                 qPrintable(page.summaryBar()->text()));
        // A source without signatures says nothing about them.
        page.setTrustReport(std::make_shared<const trust::TrustReport>());
        QVERIFY(!page.summaryBar()->text().contains(u"signature"_s));
        // With a policy, its verdict follows, even without signatures.
        trust::TrustReport withPolicy;
        trust::PolicyVerdict rejected;
        rejected.reason = u"rejected by `reject` in default"_s;
        withPolicy.policy = rejected;
        page.setTrustReport(std::make_shared<const trust::TrustReport>(withPolicy));
        QVERIFY2(page.summaryBar()->text().endsWith(u"policy: rejected by `reject` in default"_s),
                 qPrintable(page.summaryBar()->text()));
    }

    void settingsScopes()
    {
        QCOMPARE(TrustSettings::scopeOf(u"docker://registry.example.com/app:1.0"_s), u"registry.example.com/app"_s);
        QCOMPARE(TrustSettings::scopeOf(u"docker://127.0.0.1:5000/a/b@sha256:" + QString(64, u'a')),
                 u"127.0.0.1:5000/a/b"_s);
        QCOMPARE(TrustSettings::scopeOf(cosignDir()), u"default"_s);
        QCOMPARE(TrustSettings::scopeOf(u"docker://"_s), u"default"_s);
        QCOMPARE(TrustSettings::fallbackChain(u"registry.example.com/team/app"_s),
                 (QStringList{u"registry.example.com/team/app"_s, u"registry.example.com"_s, u"default"_s}));
        QCOMPARE(TrustSettings::describe(u"registry.example.com/app"_s), u"for registry.example.com/app"_s);
        QCOMPARE(TrustSettings::describe(u"default"_s), u"for local images"_s);
    }

    void settingsFallBackAndRoundTrip()
    {
        test::isolateSettings();
        const QString repo = u"registry.example.com/team/app"_s;
        QVERIFY(!TrustSettings::load(repo).anyMaterial());
        QCOMPARE(TrustSettings::effectiveScope(repo), QString());

        trust::TrustOptions def;
        def.keyFiles = QStringList{u"/keys/default.pub"_s};
        TrustSettings::save(u"default"_s, def);
        QCOMPARE(TrustSettings::load(repo).keyFiles, def.keyFiles);
        QCOMPARE(TrustSettings::effectiveScope(repo), u"default"_s);

        trust::TrustOptions host;
        host.gpgKeyring = u"/keys/host.gpg"_s;
        TrustSettings::save(u"registry.example.com"_s, host);
        QCOMPARE(TrustSettings::effectiveScope(repo), u"registry.example.com"_s);
        QVERIFY(TrustSettings::load(repo).keyFiles.isEmpty()); // the nearest scope wins whole, no merging
        QCOMPARE(TrustSettings::load(repo).gpgKeyring, host.gpgKeyring);
        QCOMPARE(TrustSettings::load(u"registry.example.com/other"_s).gpgKeyring, host.gpgKeyring);
        QCOMPARE(TrustSettings::load(u"other.example.com/app"_s).keyFiles, def.keyFiles);

        const trust::TrustOptions full = fullOptions();
        TrustSettings::save(repo, full);
        compareOptions(TrustSettings::load(repo), full);
        // Saving an empty set still hides the broader scopes: "nothing trusted here" is a choice.
        TrustSettings::save(repo, trust::TrustOptions{});
        QCOMPARE(TrustSettings::effectiveScope(repo), repo);
        compareOptions(TrustSettings::load(repo), trust::TrustOptions{});
        TrustSettings::remove(repo);
        QCOMPARE(TrustSettings::effectiveScope(repo), u"registry.example.com"_s);
    }

    void dialogFieldsRoundTrip()
    {
        TrustDialog dialog(u"registry.example.com/app"_s);
        QVERIFY(dialog.scopeLabel()->text().contains(u"for registry.example.com/app"_s));
        const trust::TrustOptions full = fullOptions();
        dialog.setOptions(full);
        compareOptions(dialog.options(), full);
        QCOMPARE(dialog.keyList()->count(), 2);

        // Typed and removed through the widgets.
        QLineEdit *identity = nullptr;
        for (QLineEdit *e : dialog.findChildren<QLineEdit *>())
            if (e->accessibleName() == u"Required certificate identity"_s)
                identity = e;
        QVERIFY(identity);
        identity->clear();
        QTest::keyClicks(identity, u"ci@example.com"_s);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        dialog.keyList()->setCurrentRow(0);
        dialog.keyList()->setFocus();
        QTest::keyClick(dialog.keyList(), Qt::Key_Delete);
        const trust::TrustOptions edited = dialog.options();
        QCOMPARE(edited.certificateIdentity, u"ci@example.com"_s);
        QCOMPARE(edited.keyFiles, QStringList{u"/keys/other key.pub"_s});

        // Every field and button is named for a screen reader.
        for (QWidget *w : dialog.findChildren<QWidget *>())
            if (qobject_cast<QLineEdit *>(w) || qobject_cast<QListWidget *>(w) || qobject_cast<QCheckBox *>(w))
                QVERIFY2(!w->accessibleName().isEmpty(), w->metaObject()->className());
        for (QPushButton *b : dialog.findChildren<QPushButton *>())
            QVERIFY(!b->accessibleName().isEmpty() || !b->text().isEmpty());

        TrustDialog local(u"default"_s);
        QVERIFY(local.scopeLabel()->text().contains(u"for local images"_s));
        compareOptions(local.options(), trust::TrustOptions{});
    }

    void controllerChecksTrustAfterOpen()
    {
        test::isolateSettings();
        QThreadPool pool;
        SourceController c(&pool);
        QSignalSpy loaded(&c, &SourceController::loaded);
        QSignalSpy checked(&c, &SourceController::trustChecked);
        c.open(cosignDir());
        QVERIFY(checked.wait(20000));
        QCOMPARE(loaded.count(), 1);
        const auto report = checked.first().first().value<TrustReportPtr>();
        QVERIFY(report);
        QCOMPARE(report, c.trustReport());
        QSet<int> nodes;
        for (const trust::SignatureCheck &check : report->checks)
            nodes.insert(check.node);
        const QList<int> expected = signatureNodes(*c.graph());
        QCOMPARE(nodes, QSet<int>(expected.begin(), expected.end()));

        // A second check replaces a running one: one report arrives for the two requests.
        checked.clear();
        c.checkTrust(trust::TrustOptions{});
        c.checkTrust(trust::TrustOptions{});
        QVERIFY(checked.wait(20000));
        QTest::qWait(200);
        QCOMPARE(checked.count(), 1);

        // Closing drops the report.
        c.close();
        QVERIFY(!c.trustReport());
        pool.waitForDone();
    }

private:
    ImageGraphPtr m_graph;
    int m_sig = -1;
    int m_subject = -1;
};

STRATA_TEST_MAIN(TestTrustUi)
#include "tst_ui_trust.moc"
