// SPDX-License-Identifier: MIT
// A readable summary of a SLSA provenance predicate, v0.2 (slsa.dev/provenance/v0.2: builder, buildType,
// invocation.configSource, materials) and v1 (slsa.dev/provenance/v1: buildDefinition, runDetails): who built
// it, how, from which source and commit, and from what.
#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QStringList>

#include <utility>

namespace strata {

struct ProvenanceMaterial
{
    QString uri;
    QString name;                  // v1 resolvedDependencies only
    QMap<QString, QString> digest; // algorithm → hex
};

struct ProvenanceSummary
{
    QString slsaVersion; // "v0.2" or "v1"
    QString builderId;
    QString buildType;
    QString sourceRepository; // v0.2: invocation.configSource.uri; v1: externalParameters' workflow.repository
                              // or source, else the first git dependency
    QString sourceCommit;     // the sha1/gitCommit digest of the source, when one is given
    QString entryPoint;       // v0.2: configSource.entryPoint; v1: workflow.path, entryPoint or configPath
    QString invocationId;     // v0.2 metadata.buildInvocationId; v1 runDetails.metadata.invocationId
    QDateTime startedOn, finishedOn;
    // String members of v1 externalParameters (or v0.2 invocation.parameters), flattened with dots
    // ("workflow.ref"), in key order (QJsonObject sorts its keys), at most 100.
    QList<std::pair<QString, QString>> parameters;
    QList<ProvenanceMaterial> materials; // v0.2 materials, v1 resolvedDependencies
    qsizetype materialCount = 0;         // in the document: more than materials.size() past limits::MaxMaterials
    QStringList problems;
};

inline constexpr auto SlsaProvenanceV02 = "https://slsa.dev/provenance/v0.2";
inline constexpr auto SlsaProvenanceV1 = "https://slsa.dev/provenance/v1";

// Errors: Unsupported (predicateType is neither SLSA provenance v0.2 nor v1). Missing fields become problems.
Result<ProvenanceSummary> summariseProvenance(const QString &predicateType, const QJsonObject &predicate,
                                              const QString &context);

} // namespace strata
