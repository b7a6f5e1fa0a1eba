// SPDX-License-Identifier: MIT
// Registry browsing dialog. Every request runs on the pool; results are dropped when stale.
#include "ui/dialogs/registrydialog.h"

#include "core/registry/credentials.h"
#include "core/registry/registryclient.h"
#include "core/registry/registryreference.h"
#include "core/sources/registrysource.h"
#include "ui/jobs/backgroundjob.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace strata::ui {

namespace {

using ListResult = Result<QStringList>;

} // namespace

RegistryDialog::RegistryDialog(QThreadPool *pool, QWidget *parent)
    : QDialog(parent), m_job(new BackgroundJob(pool, this))
{
    setWindowTitle(tr("Connect to Registry"));
    auto *form = new QFormLayout;
    m_host = new QLineEdit(u"localhost:5000"_s, this);
    m_host->setPlaceholderText(tr("host[:port], e.g. registry.example.com or 127.0.0.1:5000"));
    form->addRow(tr("&Registry:"), m_host);
    m_insecure = new QCheckBox(tr("Do not verify TLS, allow plain HTTP (like --tls-verify=false)"), this);
    m_insecure->setToolTip(tr("Plain HTTP is always allowed for loopback hosts. For any other host, anyone on the "
                              "network path could change what you see."));
    form->addRow(QString(), m_insecure);
    m_user = new QLineEdit(this);
    m_user->setPlaceholderText(tr("optional; else ~/.docker/config.json is used"));
    form->addRow(tr("&User name:"), m_user);
    m_password = new QLineEdit(this);
    m_password->setEchoMode(QLineEdit::Password);
    form->addRow(tr("&Password or token:"), m_password);
    m_save = new QCheckBox(tr("Save through the credential helper"), this);
    m_saveNote = new QLabel(this);
    m_saveNote->setWordWrap(true);
    form->addRow(QString(), m_save);
    form->addRow(QString(), m_saveNote);
    auto *connectButton = new QPushButton(tr("&Connect"), this);
    form->addRow(QString(), connectButton);

    m_repos = new QListWidget(this);
    m_repoName = new QLineEdit(this);
    m_repoName->setPlaceholderText(tr("or type a repository name"));
    m_tags = new QListWidget(this);
    auto *lists = new QHBoxLayout;
    auto *left = new QVBoxLayout;
    left->addWidget(new QLabel(tr("Repositories"), this));
    left->addWidget(m_repos);
    left->addWidget(m_repoName);
    auto *right = new QVBoxLayout;
    right->addWidget(new QLabel(tr("Tags"), this));
    right->addWidget(m_tags);
    lists->addLayout(left);
    lists->addLayout(right);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_open = buttons->addButton(tr("&Open"), QDialogButtonBox::AcceptRole);
    m_open->setEnabled(false);

    // Names for tests and accessibility tools.
    m_host->setObjectName(u"host"_s);
    m_insecure->setObjectName(u"insecure"_s);
    m_user->setObjectName(u"user"_s);
    m_password->setObjectName(u"password"_s);
    m_save->setObjectName(u"save"_s);
    connectButton->setObjectName(u"connect"_s);
    m_repos->setObjectName(u"repositories"_s);
    m_repoName->setObjectName(u"repositoryName"_s);
    m_tags->setObjectName(u"tags"_s);
    m_status->setObjectName(u"status"_s);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(lists, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(640, 520);

    connect(connectButton, &QPushButton::clicked, this, &RegistryDialog::connectToRegistry);
    connect(m_host, &QLineEdit::returnPressed, this, &RegistryDialog::connectToRegistry);
    connect(m_host, &QLineEdit::textChanged, this, &RegistryDialog::updateSaveOption);
    connect(buttons, &QDialogButtonBox::accepted, this, &RegistryDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &RegistryDialog::reject);
    connect(m_repos, &QListWidget::currentTextChanged, this, [this](const QString &repo) {
        if (!repo.isEmpty())
            listTags(repo);
    });
    connect(m_repoName, &QLineEdit::returnPressed, this, [this] { listTags(m_repoName->text().trimmed()); });
    connect(m_tags, &QListWidget::currentTextChanged, this,
            [this](const QString &t) { m_open->setEnabled(!t.isEmpty()); });
    connect(m_tags, &QListWidget::itemDoubleClicked, this, &RegistryDialog::accept);
    updateSaveOption();
}

RegistryDialog::~RegistryDialog() = default;

void RegistryDialog::updateSaveOption()
{
    // Reading config.json is a small local file read; the helper itself only runs when saving.
    const QString helper = CredentialStore::helperFor(m_host->text().trimmed());
    m_save->setEnabled(!helper.isEmpty());
    m_save->setChecked(false);
    m_saveNote->setText(
        helper.isEmpty()
            ? tr("No credential helper (credsStore/credHelpers) is configured in %1, so typed credentials "
                 "are kept in memory only, until Strata quits. Strata never writes passwords in plain text.")
                  .arg(CredentialStore::configPath())
            : tr("Saving runs docker-credential-%1; otherwise typed credentials are kept in memory only.").arg(helper));
}

void RegistryDialog::setBusy(const QString &what)
{
    m_status->setText(what);
}

void RegistryDialog::showError(const QString &text)
{
    m_status->setText(u"<b>%1</b>"_s.arg(text.toHtmlEscaped()));
}

void RegistryDialog::connectToRegistry()
{
    const QString host = m_host->text().trimmed();
    if (host.isEmpty() || host.contains(u'/') || !RegistryReference::parse(host + u"/x"_s).ok()) {
        showError(tr("\"%1\" is not a registry host[:port]").arg(host));
        return;
    }
    RegistryOptions o;
    o.tlsVerify = !m_insecure->isChecked();
    if (!m_user->text().isEmpty() || !m_password->text().isEmpty()) {
        const RegistryCredential c{m_user->text(), m_password->text(), false, {}, tr("the Connect to Registry dialog")};
        CredentialStore::remember(host, c); // memory only: used again when the image is opened
        o.credential = c;
        if (m_save->isChecked())
            if (Status s = CredentialStore::storeWithHelper(host, c); !s)
                showError(s.error().toString());
    }
    if (m_insecure->isChecked())
        allowInsecureRegistry(host);
    m_client = std::make_shared<RegistryClient>(host, o);
    m_repos->clear();
    m_tags->clear();
    m_open->setEnabled(false);
    setBusy(tr("Listing repositories on %1…").arg(host));
    m_job->start(
        this, [client = m_client](JobContext *job) { return client->listRepositories(100, job, 10000); },
        [this](const ListResult &r) {
            if (!r) {
                showError(tr("%1 — the catalog is often disabled on hosted registries: type a repository name below.")
                              .arg(r.error().toString()));
                return;
            }
            m_repos->addItems(r.value());
            setBusy(tr("%n repositories", nullptr, int(r->size())));
        });
}

void RegistryDialog::listTags(const QString &repository)
{
    if (!m_client || !RegistryReference::isValidRepository(repository)) {
        showError(m_client ? tr("\"%1\" is not a valid repository name").arg(repository) : tr("Connect first."));
        return;
    }
    m_tags->clear();
    m_open->setEnabled(false);
    setBusy(tr("Listing tags of %1…").arg(repository));
    m_job->start(
        this,
        [client = m_client, repository](JobContext *job) { return client->listTags(repository, 100, job, 100000); },
        [this, repository](const ListResult &r) {
            if (!r) {
                showError(r.error().toString());
                return;
            }
            m_tags->addItems(r.value());
            m_tags->setProperty("repository", repository);
            setBusy(tr("%n tags in %1", nullptr, int(r->size())).arg(repository));
        });
}

void RegistryDialog::accept()
{
    const QListWidgetItem *tag = m_tags->currentItem();
    if (!m_client || !tag)
        return;
    m_source = u"docker://%1/%2:%3"_s.arg(m_client->host(), m_tags->property("repository").toString(), tag->text());
    QDialog::accept();
}

} // namespace strata::ui
