// SPDX-License-Identifier: MIT
// Byte counts as people read them, one convention for the CLI, the reports and the window: SI units
// (powers of 1000: kB, MB, GB, …), one decimal, always the C locale (the output is English and must not
// change with the user's locale), and exact byte counts where a tooltip has room for them.
#pragma once

#include <QString>

namespace strata::format {

// "0 bytes", "1 byte", "999 bytes", "1.0 kB", "1.5 MB", "1.0 GB"; decimals (0…3) apply from kB up.
// A value that rounds to 1000 of a unit moves to the next one ("1.0 MB", never "1000.0 kB").
// Empty for a negative (unknown) size.
QString sizeText(qint64 bytes, int decimals = 1);

// "1,140 bytes", "1 byte": the exact count with thousands separators. Empty for a negative size.
QString exactBytes(qint64 bytes);

// "1,234": a count with thousands separators, C locale ("1,234 of 10,000 packages"). Empty for a negative count.
QString countText(qint64 count);

} // namespace strata::format
