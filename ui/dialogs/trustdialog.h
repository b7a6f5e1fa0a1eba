// SPDX-License-Identifier: MIT
// Verify ▸ Trust…: what signatures are checked against, for one scope (a registry repository, a registry, or local
// images; ui/trust/trustsettings.h): public keys, certificate roots, Rekor keys, a Sigstore trusted root, a Notation
// trust store, a GPG keyring, a containers-policy.json, the identity required of a certificate, and whether a
// signature is required. Paths only: nothing is read here (the check reads the files on a worker).
#pragma once

#include "core/trust/trustoptions.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace strata::ui {

class TrustDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrustDialog)

public:
    explicit TrustDialog(const QString &scope, QWidget *parent = nullptr);

    QString scope() const { return m_scope; }
    void setOptions(const trust::TrustOptions &options);
    trust::TrustOptions options() const;

    // The fields, for tests and accessibility checks.
    QListWidget *keyList() const { return m_keys; }
    QListWidget *certificateRootList() const { return m_roots; }
    QListWidget *rekorKeyList() const { return m_rekorKeys; }
    QLabel *scopeLabel() const { return m_scopeLabel; }

private:
    QWidget *fileList(QListWidget *list, const QString &name, const QString &filter);
    QWidget *pathField(QLineEdit *edit, const QString &name, bool folder, const QString &filter);

    QString m_scope;
    QLabel *m_scopeLabel;
    QListWidget *m_keys;
    QListWidget *m_roots;
    QListWidget *m_rekorKeys;
    QLineEdit *m_trustedRoot;
    QLineEdit *m_notation;
    QLineEdit *m_gpg;
    QLineEdit *m_policy;
    QLineEdit *m_identity;
    QLineEdit *m_identityRegexp;
    QLineEdit *m_issuer;
    QCheckBox *m_require;
    QCheckBox *m_ignoreSct;
};

} // namespace strata::ui
