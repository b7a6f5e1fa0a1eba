// SPDX-License-Identifier: MIT
// Errors as values at the core API boundary: no exception crosses it.
#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace strata {

enum class ErrorCode {
    NotFound,    // a file, member or blob that should be there is not
    Malformed,   // bytes that do not parse as what they claim to be
    TooLarge,    // a limit was hit (JSON size, entry count, decompression ratio)
    UnsafePath,  // a name that would leave the image (.., absolute, traversal digest)
    Unsupported, // a valid thing Strata cannot handle (unknown algorithm, format)
    NotAnImage,  // a readable file that is no container image at all
    Canceled,    // the job was cancelled
    Io,          // the operating system said no
    Truncated,   // the data ended early
    // The bytes could not be obtained from where they live: a refused or dropped connection, a TLS
    // failure, a timeout, a server error (HTTP 5xx), an engine that stopped answering. Says nothing
    // about the bytes themselves (unlike Truncated or Malformed).
    Unavailable,
};

QString errorCodeName(ErrorCode code);
// Whether an error means that the bytes were not obtained (Io: the operating system said no;
// Unavailable: the network or the engine did), rather than that they were read and are wrong.
inline bool isReadFailure(ErrorCode code)
{
    return code == ErrorCode::Io || code == ErrorCode::Unavailable;
}

struct Error
{
    ErrorCode code = ErrorCode::Io;
    QString message; // for a person: what was wrong
    QString context; // which file, member, object or digest

    // "context: message", the one line the CLI prints.
    QString toString() const;
};

template <typename T> class [[nodiscard]] Result
{
public:
    Result(T value) : m_v(std::move(value)) {}
    Result(Error error) : m_v(std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    T &value() & { return std::get<0>(m_v); }
    const T &value() const & { return std::get<0>(m_v); }
    T &&value() && { return std::get<0>(std::move(m_v)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() { return value(); }
    const Error &error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

struct Ok
{
};
using Status = Result<Ok>;

inline Error makeError(ErrorCode code, QString message, QString context = {})
{
    return Error{code, std::move(message), std::move(context)};
}

} // namespace strata
