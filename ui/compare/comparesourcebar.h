// SPDX-License-Identifier: MIT
// The compare window's top rows: the two sources (typed or chosen), Compare, and the platform pair.
#pragma once

#include "core/compare/comparison.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;

namespace strata::ui {

class CompareSourceBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompareSourceBar)

public:
    explicit CompareSourceBar(QWidget *parent = nullptr);

    void setSources(const QString &left, const QString &right);
    QString source(int side) const;
    // A file dialog for one side; with both sides set, asks for a comparison.
    void browse(int side);
    // One entry per platform pair (left's platform names it), and the platforms without a partner.
    void showPairing(const ImagePairing &p, const ImageGraph &left, const ImageGraph &right);
    QComboBox *platformBox() const { return m_platform; }
    QString unpairedText() const;

Q_SIGNALS:
    void compareRequested(const QString &left, const QString &right);
    // The user chose pair `i` of the pairing shown.
    void pairChosen(int i);

private:
    void requestCompare();

    QLineEdit *m_edits[2];
    QComboBox *m_platform;
    QLabel *m_unpaired;
    bool m_updating = false;
};

} // namespace strata::ui
