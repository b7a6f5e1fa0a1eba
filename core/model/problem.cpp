// SPDX-License-Identifier: MIT
// Problem names and severities.
#include "core/model/problem.h"

using namespace Qt::StringLiterals;

namespace strata {

QString problemKindName(ProblemKind k)
{
    switch (k) {
    case ProblemKind::DigestMismatch: return u"digest-mismatch"_s;
    case ProblemKind::SizeMismatch: return u"size-mismatch"_s;
    case ProblemKind::DiffIdMismatch: return u"diffid-mismatch"_s;
    case ProblemKind::NameMismatch: return u"name-mismatch"_s;
    case ProblemKind::MissingBlob: return u"missing-blob"_s;
    case ProblemKind::NotIncluded: return u"not-included"_s;
    case ProblemKind::MediaTypeMismatch: return u"mediatype-mismatch"_s;
    case ProblemKind::CountMismatch: return u"count-mismatch"_s;
    case ProblemKind::Malformed: return u"malformed"_s;
    case ProblemKind::UnsafePath: return u"unsafe-path"_s;
    case ProblemKind::Truncated: return u"truncated"_s;
    case ProblemKind::TooLarge: return u"too-large"_s;
    case ProblemKind::Unverifiable: return u"unverifiable"_s;
    case ProblemKind::LayerOrder: return u"layer-order"_s;
    case ProblemKind::Legacy: return u"legacy"_s;
    case ProblemKind::SuspiciousRatio: return u"suspicious-ratio"_s;
    case ProblemKind::OrphanBlob: return u"orphan-blob"_s;
    case ProblemKind::TagMoved: return u"tag-moved"_s;
    case ProblemKind::Unreadable: return u"unreadable"_s;
    }
    return u"unknown"_s;
}

Severity defaultSeverity(ProblemKind k)
{
    switch (k) {
    case ProblemKind::NotIncluded:
    case ProblemKind::Legacy: return Severity::Info;
    case ProblemKind::Unverifiable:
    case ProblemKind::LayerOrder:
    case ProblemKind::SuspiciousRatio:
    case ProblemKind::OrphanBlob:
    case ProblemKind::TagMoved: return Severity::Warning;
    default: return Severity::Error;
    }
}

QString severityName(Severity s)
{
    switch (s) {
    case Severity::Info: return u"info"_s;
    case Severity::Warning: return u"warning"_s;
    case Severity::Error: return u"error"_s;
    }
    return {};
}

ProblemKind problemKindForReadError(ErrorCode code)
{
    if (isReadFailure(code))
        return ProblemKind::Unreadable;
    switch (code) {
    case ErrorCode::Truncated: return ProblemKind::Truncated;
    case ErrorCode::TooLarge: return ProblemKind::TooLarge;
    default: return ProblemKind::Malformed;
    }
}

Problem Problem::make(ProblemKind kind, int nodeId, QString object, QString message, QString expected, QString actual)
{
    return Problem{kind,
                   defaultSeverity(kind),
                   nodeId,
                   std::move(object),
                   std::move(expected),
                   std::move(actual),
                   std::move(message)};
}

} // namespace strata
