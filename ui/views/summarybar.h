// SPDX-License-Identifier: MIT
// One line about the whole source: format, platforms, layers, sizes and checks passed.
#pragma once

#include "core/model/imagegraph.h"
#include "core/verify/verifier.h"

#include <QWidget>

class QLabel;

namespace strata::ui {

struct SourceSummary
{
    QString format;
    int platforms = 0;
    int layers = 0;              // distinct layer blobs
    qint64 compressed = 0;       // stored bytes of those blobs
    qint64 uncompressed = -1;    // -1 until every layer's size is known from verification
    int uncompressedUnknown = 0; // layers verification could not decompress
    int notIncluded = 0;         // layers the source references but does not store (allowed by its format)
    int unreadableLayers = 0;    // layers whose bytes verification could not read
    int unreadable = 0;          // objects verification could not read (VerifyReport::unreadableNodes)
    int objects = 0;             // objects verification looked at
    int objectsChecked = 0;      // of those, the ones whose checks ran (fewer when canceled)
    int checksPassed = 0;
    int checksTotal = 0;
    bool verified = false;
    bool canceled = false;
    // "signed by …" / "no valid signature (…)" (trust::TrustReport::summaryLine()); empty when the source holds no
    // signature or they are not checked yet.
    QString trust;

    static SourceSummary of(const ImageGraph &g, const VerifyReport *report);
};

class SummaryBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SummaryBar)

public:
    explicit SummaryBar(QWidget *parent = nullptr);

    void setSummary(const SourceSummary &s, bool verifying);
    void clear();
    QString text() const;
    // "OCI archive · 1 platform · 3 layers · …", what the bar shows.
    static QString textFor(const SourceSummary &s, bool verifying);
    // "canceled: 2 of 5 objects checked (7 checks), none failed": what a canceled run did, never read as a pass.
    // The number of checks still to do is not known (it depends on what the bytes turn out to be).
    static QString canceledText(int objectsChecked, int objects, int checksDone, int checksFailed);

private:
    QLabel *m_label;
};

} // namespace strata::ui
