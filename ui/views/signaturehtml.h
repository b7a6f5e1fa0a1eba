// SPDX-License-Identifier: MIT
// The details pane's section for a stored signature: what it claims (signed digest, reference), who it names as
// signer (GPG key, certificate identity and issuer, Rekor entry) and that it is not checked, as HTML.
#pragma once

#include "core/model/imagegraph.h"

#include <QCoreApplication>

namespace strata::ui {

class SignatureHtml final
{
    Q_DECLARE_TR_FUNCTIONS(SignatureHtml)
public:
    // Empty unless the node holds a signature.
    static QString forNode(const ImageGraph &g, const Node &n);
    // The same for a signature read from an artifact's layer; `subject` is the manifest it is attached to.
    static QString forSignature(const StoredSignature &s, const Digest &subject);
};

} // namespace strata::ui
