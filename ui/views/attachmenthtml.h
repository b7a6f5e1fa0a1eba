// SPDX-License-Identifier: MIT
// The details pane's "Attached artifact" section: what the linker knows of an artifact (kind, how it was found,
// subject, digest, status "not checked") at once, and what its layers hold once a background job decoded them.
#pragma once

#include "core/attached/attachmentcontent.h"

#include <QCoreApplication>

namespace strata::ui {

class AttachmentHtml final
{
    Q_DECLARE_TR_FUNCTIONS(AttachmentHtml)
public:
    // For an artifact node, an "attached (N)" or "dangling referrers (N)" group; empty for other nodes. Links to
    // the subject are "node:<id>".
    static QString forNode(const ImageGraph &g, int nodeId);
    // Whether forNode's artifact has content worth reading in the background.
    static bool hasContent(const ImageGraph &g, int nodeId);
    // The decoded layers; `subject` marks the in-toto subject and the signed digest that match it.
    static QString forContent(const attached::AttachmentContent &c, const Digest &subject);
    static QString reading();
    static QString failed(const Error &e);
    // The node a "node:<id>" link names, or -1.
    static int linkedNode(const QString &href);
};

} // namespace strata::ui
