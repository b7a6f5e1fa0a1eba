// SPDX-License-Identifier: MIT
// A software bill of materials: SPDX 2.x JSON (spdx-spec v2.3 chapter 7, packages) or CycloneDX 1.x JSON
// (cyclonedx-specification bom-1.x.schema.json, components, nested), reduced to one package table, with the
// document's name, time and creating tools; raw, or as the predicate of an in-toto statement.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

#include <vector>

namespace strata {

struct InTotoStatement;

struct SbomPackage
{
    QString name;
    QString version;
    QString purl;     // SPDX: the first externalRefs entry of referenceType purl
    QString license;  // SPDX: licenseConcluded, else licenseDeclared (NOASSERTION/NONE dropped); CycloneDX: the
                      // license ids or names, or the expression, joined with ", "
    QString type;     // SPDX: primaryPackagePurpose (2.3); CycloneDX: the component type
    QString supplier; // SPDX: supplier; CycloneDX: supplier.name, else publisher
};

struct SbomDocument
{
    enum class Format { Spdx, CycloneDx };
    Format format = Format::Spdx;
    QString specVersion;     // "2.3" (from "SPDX-2.3"), "1.5"
    QString name;            // SPDX name; CycloneDX metadata.component name@version
    QString documentVersion; // CycloneDX version (the BOM's revision); SPDX: empty
    QDateTime created;       // SPDX creationInfo.created; CycloneDX metadata.timestamp
    QStringList creators;    // SPDX creationInfo.creators ("Tool: npm/cli-11.19.1"); CycloneDX metadata.tools
    std::vector<SbomPackage> packages;
    qsizetype packageCount = 0; // in the document (counted on past the limit)
    bool truncated = false;     // more than limits::MaxPackages: the table stops there, and problems says so
    QByteArray raw;             // the document's bytes, for Save As
    QStringList problems;

    // "SPDX 2.3 SBOM", "CycloneDX 1.5 SBOM".
    QString kindName() const;
    // "application/spdx+json" or "application/vnd.cyclonedx+json".
    QString mediaType() const;
};

inline constexpr auto SpdxPredicateType = "https://spdx.dev/Document";
inline constexpr auto CycloneDxPredicateType = "https://cyclonedx.org/bom";

// From the document's JSON text (told apart by spdxVersion / bomFormat). Errors: TooLarge (over limits::SbomBytes,
// checked before parsing; nested too deep), Malformed (not JSON; duplicate members), Unsupported (neither SPDX 2.x
// nor CycloneDX 1.x JSON). Missing or odd fields become problems.
Result<SbomDocument> parseSbom(const QByteArray &json, const QString &context);
// From an already parsed document; `raw` is kept for Save As.
Result<SbomDocument> sbomFromJson(const QJsonObject &document, const QByteArray &raw, const QString &context);
// From an in-toto statement whose predicate is the document (predicateType https://spdx.dev/Document[/…] or
// https://cyclonedx.org/bom[/…]); raw is the predicate, re-serialised. Errors: Unsupported for another predicate.
Result<SbomDocument> sbomFromStatement(const InTotoStatement &statement, const QString &context);

} // namespace strata
