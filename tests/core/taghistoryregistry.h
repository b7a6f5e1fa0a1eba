// SPDX-License-Identifier: MIT
// The registry storage the tag history tests read (tst_taghistory, tst_ui_taghistory): a real docker-registry on
// 127.0.0.1 to which skopeo pushes three images to strata/app:1 (the tag moves twice) and one to strata/app:gone,
// whose tag folder is then removed as a registry's tag garbage collection leaves it (an untagged manifest that no
// tag's history names). The registry is stopped: only its folder is read.
#pragma once

#include "core/digest.h"
#include "tests/core/registryserver.h"

#include <QList>
#include <QString>

#include <memory>

namespace strata::test {

class TagHistoryRegistry
{
public:
    // False with *error set when a tool is missing or a step fails.
    bool make(QString *error);

    QString folder() const { return m_folder; }       // the storage root (holds docker/registry/v2)
    QList<Digest> pushed() const { return m_pushed; } // strata/app:1 in push order: the last is current
    Digest untagged() const { return m_untagged; }
    // registry-dir:FOLDER/REFERENCE
    QString source(const QString &reference) const { return u"registry-dir:" + m_folder + u'/' + reference; }

private:
    std::unique_ptr<RegistryServer> m_registry;
    QString m_folder;
    QList<Digest> m_pushed;
    Digest m_untagged;
};

} // namespace strata::test
