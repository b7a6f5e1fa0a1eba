// SPDX-License-Identifier: MIT
// One streaming pass over one blob: hash the stored bytes, sniff and decompress, hash the tar stream.
#pragma once

#include "core/digest.h"
#include "core/io/bytestream.h"
#include "core/jobs/jobcontext.h"
#include "core/json/jsonlimits.h"
#include "core/mediatypes.h"

#include <functional>

namespace strata {

struct BlobMeasure
{
    Digest digest;   // of the stored bytes, in the requested algorithm
    qint64 size = 0; // stored bytes read
    mediatype::Compression compression = mediatype::Compression::None; // sniffed
    Digest uncompressedDigest; // of the decompressed stream (== digest when uncompressed)
    qint64 uncompressedSize = -1;
    bool decompressed = false; // uncompressedDigest is valid
    Error decompressError;     // set (code != Io default check via hasDecompressError) when inflating failed
    bool hasDecompressError = false;
    bool ratioExceeded = false;
    bool notATar = false; // the (decompressed) stream does not start with a tar header
};

struct BlobCheckOptions
{
    DigestAlgorithm algorithm = DigestAlgorithm::Sha256;
    DigestAlgorithm uncompressedAlgorithm = DigestAlgorithm::Sha256;
    bool decompress = false;                               // layers, unless --fast
    qint64 maxUncompressed = limits::MaxUncompressedBytes; // beyond this a layer is not inflated further
    // Receives every decompressed chunk (a tar lister, later); may be empty.
    std::function<Status(const char *, qint64)> uncompressedSink;
};

// Reads `in` to the end in 1 MiB chunks, checking `job` for cancellation before each and adding
// progress after each. Errors: Canceled, Io, Truncated (the stored bytes themselves could not be read).
// Decompression problems are not errors: they are reported in BlobMeasure, the stored digest still counts.
Result<BlobMeasure> measureBlob(ByteStream &in, const BlobCheckOptions &options, JobContext *job,
                                std::vector<char> &buffer);

} // namespace strata
