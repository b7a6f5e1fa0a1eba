// SPDX-License-Identifier: MIT
// Image references in YAML deployment files, found with yaml-cpp (a real parser: anchors, flow style, quoting,
// multi-document streams) and located by the line and column it reports for each scalar.
#pragma once

#include "core/pin/pinreference.h"

#include <QList>

namespace strata::pin {

struct YamlReferences
{
    QStringList kinds; // per document that holds references: "Compose", "Kubernetes Deployment", "GitHub Actions", …
    QList<FoundReference> references; // in document order; one per place in the text (an alias adds none)
};

// Compose services.*.image (left alone when the service also has build:); Kubernetes pod specs (Pod: spec;
// workloads: spec.template.spec; CronJob: spec.jobTemplate.spec.template.spec; List: items) containers,
// initContainers and ephemeralContainers; GitHub Actions jobs.*.container, jobs.*.services.*.image and steps' uses:
// docker://…; GitLab CI image and services (strings or .name) at the top, in default: and in every job. Names holding
// ${VAR} or $VAR are left alone. Pure and thread-safe. Errors: Malformed (not YAML: the message names line and
// column), Unsupported (YAML that is none of these kinds).
Result<YamlReferences> findYamlReferences(const QByteArray &text);

} // namespace strata::pin
