// SPDX-License-Identifier: MIT
// Names of error codes, used in JSON output and messages.
#include "core/result.h"

using namespace Qt::StringLiterals;

namespace strata {

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::NotFound: return u"not-found"_s;
    case ErrorCode::Malformed: return u"malformed"_s;
    case ErrorCode::TooLarge: return u"too-large"_s;
    case ErrorCode::UnsafePath: return u"unsafe-path"_s;
    case ErrorCode::Unsupported: return u"unsupported"_s;
    case ErrorCode::NotAnImage: return u"not-an-image"_s;
    case ErrorCode::Canceled: return u"canceled"_s;
    case ErrorCode::Io: return u"io"_s;
    case ErrorCode::Truncated: return u"truncated"_s;
    case ErrorCode::Unavailable: return u"unavailable"_s;
    }
    return u"unknown"_s;
}

QString Error::toString() const
{
    if (context.isEmpty())
        return message;
    return context + u": "_s + message;
}

} // namespace strata
