// SPDX-License-Identifier: MIT
// Trust dialog. Every field has an accessible name and a mnemonic (its label's buddy); the lists' Add…/Remove
// buttons follow them in the tab order, and Delete removes the selected entries.
#include "ui/dialogs/trustdialog.h"
#include "ui/dialogs/filedialogs.h"
#include "ui/trust/trustsettings.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace strata::ui {

namespace {

QStringList entries(const QListWidget *list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i)
        out << list->item(i)->text();
    return out;
}

void addEntry(QListWidget *list, const QString &path)
{
    auto *item = new QListWidgetItem(path, list);
    item->setToolTip(path);
}

void setEntries(QListWidget *list, const QStringList &paths)
{
    list->clear();
    for (const QString &p : paths)
        addEntry(list, p);
}

QString pemFilter()
{
    return QCoreApplication::translate("TrustDialog", "PEM files (*.pem *.pub *.crt *.cer);;All files (*)");
}

} // namespace

TrustDialog::TrustDialog(const QString &scope, QWidget *parent)
    : QDialog(parent), m_scope(scope), m_scopeLabel(new QLabel(this)), m_keys(new QListWidget(this)),
      m_roots(new QListWidget(this)), m_rekorKeys(new QListWidget(this)), m_trustedRoot(new QLineEdit(this)),
      m_notation(new QLineEdit(this)), m_gpg(new QLineEdit(this)), m_policy(new QLineEdit(this)),
      m_identity(new QLineEdit(this)), m_identityRegexp(new QLineEdit(this)), m_issuer(new QLineEdit(this)),
      m_require(new QCheckBox(tr("Re&quire a signature: no verified signature is a failure"), this)),
      m_ignoreSct(new QCheckBox(tr("Accept certificates &without a verified SCT (insecure, as cosign's "
                                   "--insecure-ignore-sct)"),
                                this))
{
    setObjectName(u"trustDialog"_s);
    setWindowTitle(tr("Trust"));
    m_scopeLabel->setObjectName(u"trustScope"_s);
    m_scopeLabel->setText(tr("Signatures are checked against these files and identities %1. Only the paths are "
                             "remembered; the files are read each time.")
                              .arg(TrustSettings::describe(scope)));
    m_scopeLabel->setWordWrap(true);

    auto *form = new QFormLayout;
    const auto add = [this, form](const QString &label, QWidget *field, QWidget *buddy) {
        auto *l = new QLabel(label, this);
        l->setBuddy(buddy);
        form->addRow(l, field);
    };
    add(tr("Public &keys:"), fileList(m_keys, tr("Public keys"), pemFilter()), m_keys);
    add(tr("Certificate &roots:"), fileList(m_roots, tr("Certificate roots"), pemFilter()), m_roots);
    add(tr("R&ekor keys:"), fileList(m_rekorKeys, tr("Rekor public keys"), pemFilter()), m_rekorKeys);
    add(tr("&Trusted root:"),
        pathField(m_trustedRoot, tr("Sigstore trusted root file"), false,
                  tr("Sigstore trusted root (*.json);;All files (*)")),
        m_trustedRoot);
    add(tr("&Notation trust store:"), pathField(m_notation, tr("Notation trust store folder"), true, {}), m_notation);
    add(tr("&GPG keyring:"),
        pathField(m_gpg, tr("GPG keyring file"), false, tr("OpenPGP keys (*.gpg *.asc *.kbx *.pub);;All files (*)")),
        m_gpg);
    add(tr("&Policy file:"),
        pathField(m_policy, tr("containers-policy.json file"), false, tr("Policy (*.json);;All files (*)")), m_policy);
    m_identity->setAccessibleName(tr("Required certificate identity"));
    m_identity->setPlaceholderText(tr("e-mail or URI the certificate must name"));
    add(tr("&Identity:"), m_identity, m_identity);
    m_identityRegexp->setAccessibleName(tr("Required certificate identity, regular expression"));
    m_identityRegexp->setPlaceholderText(tr("or a regular expression it must match"));
    add(tr("Identity rege&xp:"), m_identityRegexp, m_identityRegexp);
    m_issuer->setAccessibleName(tr("Required OIDC issuer"));
    m_issuer->setPlaceholderText(tr("https://github.com/login/oauth"));
    add(tr("OIDC i&ssuer:"), m_issuer, m_issuer);
    m_require->setAccessibleName(tr("Require a signature"));
    form->addRow(QString(), m_require);
    m_ignoreSct->setAccessibleName(tr("Accept certificates without a verified SCT"));
    m_ignoreSct->setToolTip(tr("A keyless certificate then needs no Signed Certificate Timestamp from a trusted "
                               "certificate transparency log: use it only for a private CA that has no CT log"));
    form->addRow(QString(), m_ignoreSct);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Save and &Check"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_scopeLabel);
    layout->addLayout(form, 1);
    layout->addWidget(buttons);
    resize(640, 560);
}

QWidget *TrustDialog::fileList(QListWidget *list, const QString &name, const QString &filter)
{
    auto *box = new QWidget(this);
    list->setAccessibleName(name);
    list->setObjectName(name);
    list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    // The file name matters most: long paths lose their start, and the whole path is in the tooltip.
    list->setTextElideMode(Qt::ElideLeft);
    list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    list->setMaximumHeight(list->fontMetrics().height() * 4 + 8);
    auto *addButton = new QPushButton(tr("Add…"), box);
    auto *removeButton = new QPushButton(tr("Remove"), box);
    addButton->setAccessibleName(tr("Add to %1").arg(name));
    removeButton->setAccessibleName(tr("Remove from %1").arg(name));
    const auto remove = [list] { qDeleteAll(list->selectedItems()); };
    connect(addButton, &QPushButton::clicked, this, [this, list, name, filter] {
        const QStringList files =
            QFileDialog::getOpenFileNames(this, name, FileDialogs::startFolder(FileDialogs::TrustFile), filter);
        if (!files.isEmpty())
            FileDialogs::remember(FileDialogs::TrustFile, files.first());
        for (const QString &f : files)
            if (list->findItems(f, Qt::MatchExactly).isEmpty())
                addEntry(list, f);
    });
    connect(removeButton, &QPushButton::clicked, this, remove);
    auto *del = new QShortcut(QKeySequence::Delete, list, nullptr, nullptr, Qt::WidgetShortcut);
    connect(del, &QShortcut::activated, this, remove);
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(addButton);
    buttons->addWidget(removeButton);
    buttons->addStretch(1);
    auto *row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(list, 1);
    row->addLayout(buttons);
    return box;
}

QWidget *TrustDialog::pathField(QLineEdit *edit, const QString &name, bool folder, const QString &filter)
{
    auto *box = new QWidget(this);
    edit->setAccessibleName(name);
    edit->setObjectName(name);
    edit->setClearButtonEnabled(true);
    auto *browse = new QPushButton(tr("Browse…"), box);
    browse->setAccessibleName(tr("Choose the %1").arg(name.toLower()));
    connect(browse, &QPushButton::clicked, this, [this, edit, name, folder, filter] {
        const QString start = edit->text().isEmpty() ? FileDialogs::startFolder(FileDialogs::TrustFile) : edit->text();
        const QString path = folder ? QFileDialog::getExistingDirectory(this, name, start)
                                    : QFileDialog::getOpenFileName(this, name, start, filter);
        if (path.isEmpty())
            return;
        FileDialogs::remember(FileDialogs::TrustFile, path);
        edit->setText(path);
    });
    auto *row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(edit, 1);
    row->addWidget(browse);
    return box;
}

void TrustDialog::setOptions(const trust::TrustOptions &o)
{
    setEntries(m_keys, o.keyFiles);
    setEntries(m_roots, o.certificateRoots);
    setEntries(m_rekorKeys, o.rekorKeyFiles);
    m_trustedRoot->setText(o.trustedRootFile);
    m_notation->setText(o.notationTrustStore);
    m_gpg->setText(o.gpgKeyring);
    m_policy->setText(o.policyFile);
    m_identity->setText(o.certificateIdentity);
    m_identityRegexp->setText(o.certificateIdentityRegexp);
    m_issuer->setText(o.certificateOidcIssuer);
    m_require->setChecked(o.requireSignature);
    m_ignoreSct->setChecked(o.insecureIgnoreSct);
}

trust::TrustOptions TrustDialog::options() const
{
    trust::TrustOptions o;
    o.keyFiles = entries(m_keys);
    o.certificateRoots = entries(m_roots);
    o.rekorKeyFiles = entries(m_rekorKeys);
    o.trustedRootFile = m_trustedRoot->text().trimmed();
    o.notationTrustStore = m_notation->text().trimmed();
    o.gpgKeyring = m_gpg->text().trimmed();
    o.policyFile = m_policy->text().trimmed();
    o.certificateIdentity = m_identity->text().trimmed();
    o.certificateIdentityRegexp = m_identityRegexp->text().trimmed();
    o.certificateOidcIssuer = m_issuer->text().trimmed();
    o.requireSignature = m_require->isChecked();
    o.insecureIgnoreSct = m_ignoreSct->isChecked();
    return o;
}

} // namespace strata::ui
