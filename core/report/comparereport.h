// SPDX-License-Identifier: MIT
// A comparison as JSON (strata diff --json), Markdown and HTML (a report to attach to a ticket).
#pragma once

#include "core/compare/comparison.h"

#include <QJsonObject>

namespace strata::report {

struct CompareSides
{
    const ImageGraph *left = nullptr;
    const ImageListing *leftListing = nullptr;
    const ImageGraph *right = nullptr;
    const ImageListing *rightListing = nullptr;
};

QJsonObject comparisonToJson(const CompareSides &s, const ImageComparison &c);
QString comparisonToMarkdown(const CompareSides &s, const ImageComparison &c);
QString comparisonToHtml(const CompareSides &s, const ImageComparison &c);
// "identical", "same content, different packaging" or "different"
QString verdict(const ImageComparison &c);

} // namespace strata::report
