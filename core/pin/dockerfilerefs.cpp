// SPDX-License-Identifier: MIT
// A Dockerfile is read as BuildKit's parser does (moby/buildkit frontend/dockerfile/parser): parser directives only
// before anything else, comment lines dropped even inside a continued instruction, the escape character at the end
// of a line joining it to the next. Each byte of a logical line remembers its offset in the file, so a reference is
// edited where it was written.
#include "core/pin/dockerfilerefs.h"

#include <QHash>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace strata::pin {

namespace {

struct RawLine
{
    qsizetype start;
    QByteArray text; // without '\n' and a trailing '\r'
};

struct Token
{
    QByteArray text;
    qsizetype offset; // of the first byte
    bool contiguous;  // its bytes are adjacent in the file (not split by a continuation)
};

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

QByteArray trimmedRight(const QByteArray &s)
{
    qsizetype n = s.size();
    while (n > 0 && isSpace(s[n - 1]))
        --n;
    return s.left(n);
}

bool isCommentLine(const QByteArray &s)
{
    const QByteArray t = s.trimmed();
    return t.startsWith('#');
}

QList<Token> tokens(const QByteArray &chars, const QList<qsizetype> &offsets)
{
    QList<Token> out;
    qsizetype i = 0;
    while (i < chars.size()) {
        while (i < chars.size() && isSpace(chars[i]))
            ++i;
        if (i >= chars.size())
            break;
        const qsizetype b = i;
        while (i < chars.size() && !isSpace(chars[i]))
            ++i;
        Token t{chars.mid(b, i - b), offsets[b], offsets[i - 1] - offsets[b] == i - 1 - b};
        out << t;
    }
    return out;
}

QStringList variablesIn(const QString &s)
{
    static const QRegularExpression re(u"\\$\\{?([A-Za-z_][A-Za-z0-9_]*)"_s);
    QStringList names;
    for (auto it = re.globalMatch(s); it.hasNext();)
        names << it.next().captured(1);
    return names;
}

} // namespace

Result<QList<FoundReference>> findDockerfileReferences(const QByteArray &text)
{
    QList<RawLine> lines;
    for (qsizetype start = 0; start <= text.size();) {
        qsizetype nl = text.indexOf('\n', start);
        const bool last = nl < 0;
        if (last)
            nl = text.size();
        QByteArray l = text.mid(start, nl - start);
        if (l.endsWith('\r'))
            l.chop(1);
        lines << RawLine{start, l};
        if (last)
            break;
        start = nl + 1;
    }

    char escape = '\\';
    qsizetype i = 0;
    // Parser directives: "# key=value" lines at the very top (BuildKit stops at the first other line).
    static const QRegularExpression directive(u"^#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*$"_s);
    for (; i < lines.size(); ++i) {
        const QRegularExpressionMatch m = directive.match(QString::fromUtf8(lines[i].text.trimmed()));
        if (!m.hasMatch())
            break;
        if (m.captured(1).toLower() == u"escape") {
            const QString v = m.captured(2);
            if (v != u"\\" && v != u"`")
                return makeError(ErrorCode::Malformed,
                                 u"the escape directive takes \\ or `, not \"%1\""_s.arg(v.left(20)),
                                 u"line %1"_s.arg(i + 1));
            escape = v[0].toLatin1();
        }
    }

    QList<FoundReference> out;
    QHash<QString, int> stages;         // lower-case stage name → line of its FROM
    QHash<QString, QString> argsBefore; // ARG name → default, before the first FROM
    int stageCount = 0;
    for (; i < lines.size(); ++i) {
        if (lines[i].text.trimmed().isEmpty() || isCommentLine(lines[i].text))
            continue;
        const int firstLine = int(i) + 1;
        QByteArray chars;
        QList<qsizetype> offsets;
        for (;; ++i) {
            const RawLine &l = lines[i];
            if (chars.size() > 0 && (l.text.trimmed().isEmpty() || isCommentLine(l.text))) {
                if (i + 1 >= lines.size())
                    break;
                continue; // comment and empty lines inside a continued instruction are dropped
            }
            QByteArray t = trimmedRight(l.text);
            const bool continued = t.endsWith(escape);
            if (continued)
                t.chop(1);
            for (qsizetype k = 0; k < t.size(); ++k) {
                chars += t[k];
                offsets << l.start + k;
            }
            if (!continued || i + 1 >= lines.size())
                break;
            chars += ' ';
            offsets << l.start + t.size();
        }
        const QList<Token> tok = tokens(chars, offsets);
        if (tok.isEmpty())
            continue;
        const QByteArray instruction = tok[0].text.toUpper();
        auto found = [&](const Token &t, qsizetype skip, const QString &where) {
            FoundReference r;
            r.text = QString::fromUtf8(t.text.mid(skip));
            r.offset = t.offset + skip;
            lineAndColumn(text, r.offset, &r.line, &r.column);
            r.where = where;
            if (!t.contiguous)
                r.notEditable = u"split over several lines"_s;
            const QStringList vars = variablesIn(r.text);
            if (!vars.isEmpty()) {
                QStringList parts;
                for (const QString &v : vars)
                    parts << (argsBefore.contains(v) && !argsBefore[v].isEmpty()
                                  ? u"%1 (default %2)"_s.arg(v, argsBefore[v])
                                  : v);
                r.leftAlone = u"built from ARG %1"_s.arg(parts.join(u", "_s));
            } else if (stages.contains(r.text.toLower())) {
                r.leftAlone =
                    u"the build stage \"%1\" (line %2), not an image"_s.arg(r.text).arg(stages[r.text.toLower()]);
            } else if (r.text.toLower() == u"scratch") {
                r.leftAlone = u"scratch, the empty image: nothing to pin"_s;
            }
            return r;
        };
        if (instruction == "ARG" && stageCount == 0) {
            for (qsizetype k = 1; k < tok.size(); ++k) {
                const QString a = QString::fromUtf8(tok[k].text);
                const qsizetype eq = a.indexOf(u'=');
                QString def = eq >= 0 ? a.mid(eq + 1) : QString();
                if (def.size() >= 2 && (def.startsWith(u'"') || def.startsWith(u'\'')) && def.endsWith(def[0]))
                    def = def.mid(1, def.size() - 2);
                argsBefore.insert(eq >= 0 ? a.left(eq) : a, def);
            }
        } else if (instruction == "FROM") {
            qsizetype k = 1;
            QStringList flags;
            while (k < tok.size() && tok[k].text.startsWith("--"))
                flags << QString::fromUtf8(tok[k++].text);
            if (k >= tok.size())
                return makeError(ErrorCode::Malformed, u"FROM without an image"_s, u"line %1"_s.arg(firstLine));
            const Token &image = tok[k];
            QString stage;
            if (k + 2 < tok.size() && tok[k + 1].text.toUpper() == "AS")
                stage = QString::fromUtf8(tok[k + 2].text);
            else if (k + 1 < tok.size())
                return makeError(ErrorCode::Malformed,
                                 u"FROM takes an image and optionally AS name, not \"%1\""_s.arg(
                                     QString::fromUtf8(chars.mid(tok[k + 1].offset - tok[0].offset)).left(80)),
                                 u"line %1"_s.arg(firstLine));
            QString where = u"FROM"_s;
            if (!flags.isEmpty())
                where += u' ' + flags.join(u' ');
            if (!stage.isEmpty())
                where += u" (stage %1)"_s.arg(stage);
            out << found(image, 0, where);
            ++stageCount;
            if (!stage.isEmpty())
                stages.insert(stage.toLower(), firstLine);
        } else if (instruction == "COPY" || instruction == "ADD") {
            for (qsizetype k = 1; k < tok.size() && tok[k].text.startsWith("--"); ++k) {
                if (!tok[k].text.toLower().startsWith("--from="))
                    continue;
                const QByteArray v = tok[k].text.mid(7);
                bool number = false;
                v.toInt(&number);
                if (number || v.isEmpty() || stages.contains(QString::fromUtf8(v).toLower()))
                    continue; // a stage, by name or index
                out << found(tok[k], 7, QString::fromUtf8(instruction) + u" --from"_s);
            }
        }
    }
    return out;
}

} // namespace strata::pin
