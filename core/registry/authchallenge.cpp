// SPDX-License-Identifier: MIT
// A small tokenizer for challenges: token, then auth-params `k=v` / `k="quoted, with \" escapes"`, or a token68.
#include "core/registry/authchallenge.h"

namespace strata {

namespace {

constexpr int MaxChallenges = 16;
constexpr int MaxParams = 32;
constexpr qsizetype MaxValue = 4096;

bool isTokenChar(char c)
{
    // RFC 7230 tchar
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c != 0 && std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos);
}

struct Cursor
{
    QByteArrayView s;
    qsizetype i = 0;
    bool atEnd() const { return i >= s.size(); }
    char peek() const { return atEnd() ? '\0' : s[i]; }
    void skipSpace()
    {
        while (!atEnd() && (s[i] == ' ' || s[i] == '\t'))
            ++i;
    }
    QByteArray token()
    {
        const qsizetype start = i;
        while (!atEnd() && isTokenChar(s[i]))
            ++i;
        return s.sliced(start, i - start).toByteArray();
    }
    QByteArray quoted()
    {
        QByteArray out;
        ++i; // opening quote
        while (!atEnd() && s[i] != '"') {
            if (s[i] == '\\' && i + 1 < s.size())
                ++i;
            if (out.size() < MaxValue)
                out += s[i];
            ++i;
        }
        if (!atEnd())
            ++i; // closing quote
        return out;
    }
};

} // namespace

QList<AuthChallenge> parseAuthChallenges(QByteArrayView header)
{
    QList<AuthChallenge> out;
    Cursor c{header};
    while (!c.atEnd() && out.size() < MaxChallenges) {
        c.skipSpace();
        while (c.peek() == ',') {
            ++c.i;
            c.skipSpace();
        }
        const QByteArray scheme = c.token();
        if (scheme.isEmpty()) {
            // Not a token: skip one character so a stray byte cannot stop the loop from advancing.
            if (!c.atEnd())
                ++c.i;
            continue;
        }
        AuthChallenge ch;
        ch.scheme = QString::fromLatin1(scheme).toLower();
        // Parameters until the next "token SP" that starts a new challenge.
        for (;;) {
            c.skipSpace();
            const qsizetype save = c.i;
            const QByteArray key = c.token();
            if (key.isEmpty()) {
                if (c.peek() == ',') {
                    ++c.i;
                    continue;
                }
                c.i = save;
                break;
            }
            c.skipSpace();
            if (c.peek() != '=') {
                c.i = save; // a new scheme (or a token68 without '='), not a parameter
                break;
            }
            ++c.i;
            // token68 may end in '='s: "Basic dXNlcg=="
            if (c.peek() == '=' || c.atEnd() || c.peek() == ',') {
                while (c.peek() == '=')
                    ++c.i;
                continue;
            }
            c.skipSpace();
            QByteArray value = c.peek() == '"' ? c.quoted() : c.token().left(MaxValue);
            if (ch.params.size() < MaxParams)
                ch.params.insert(QString::fromLatin1(key).toLower(), QString::fromUtf8(value));
            c.skipSpace();
            if (c.peek() == ',')
                ++c.i;
        }
        out << ch;
    }
    return out;
}

} // namespace strata
