// SPDX-License-Identifier: MIT
// COSE_Sign1 decoding with libcbor. Before cbor_load builds items, a streaming pass (cbor_stream_decode) checks
// the nesting depth and that no array or map declares more entries than there are bytes left: libcbor allocates a
// definite container's slots up front from the declared count, so a five-byte header could ask for gigabytes.
#include "core/signatures/cosesign1.h"
#include "core/signatures/signaturelimits.h"

#include <cbor.h>

#include <vector>

using namespace Qt::StringLiterals;

namespace strata {

namespace {

// RFC 9052 §3.1 and Notation's header labels.
constexpr int64_t LabelAlg = 1;
constexpr int64_t LabelCrit = 2;
constexpr int64_t LabelCty = 3;
constexpr int64_t LabelX5chain = 33; // RFC 9360 §2
constexpr uint64_t TagCoseSign1 = 18;
constexpr uint64_t TagEpochTime = 1; // RFC 8949 §3.4.2

struct Item
{
    cbor_item_t *p = nullptr;
    explicit Item(cbor_item_t *i) : p(i) {}
    Item(const Item &) = delete;
    Item &operator=(const Item &) = delete;
    ~Item()
    {
        if (p)
            cbor_decref(&p);
    }
};

// The streaming pre-check: a stack of the entries each open container still expects (-1: indefinite).
struct Shape
{
    std::vector<int64_t> open;
    size_t remaining = 0; // bytes left after the current item's start, a bound on any declared count
    bool tooDeep = false;
    bool tooMany = false;

    void finished()
    {
        while (!open.empty() && open.back() == 0)
            open.pop_back();
    }
    void item()
    {
        if (!open.empty() && open.back() > 0)
            --open.back();
    }
    void leaf()
    {
        item();
        finished();
    }
    void container(int64_t entries)
    {
        item();
        if (entries < 0 || uint64_t(entries) > remaining)
            tooMany = true;
        if (entries != 0) {
            open.push_back(entries);
            if (open.size() > size_t(MaxCoseNesting))
                tooDeep = true;
        }
        finished();
    }
    void indefinite()
    {
        item();
        open.push_back(-1);
        if (open.size() > size_t(MaxCoseNesting))
            tooDeep = true;
    }
    void end()
    {
        if (!open.empty() && open.back() == -1)
            open.pop_back();
        finished();
    }
};

Shape *shapeOf(void *c)
{
    return static_cast<Shape *>(c);
}

cbor_callbacks shapeCallbacks()
{
    cbor_callbacks cb = cbor_empty_callbacks;
    cb.uint8 = [](void *c, uint8_t) { shapeOf(c)->leaf(); };
    cb.uint16 = [](void *c, uint16_t) { shapeOf(c)->leaf(); };
    cb.uint32 = [](void *c, uint32_t) { shapeOf(c)->leaf(); };
    cb.uint64 = [](void *c, uint64_t) { shapeOf(c)->leaf(); };
    cb.negint8 = [](void *c, uint8_t) { shapeOf(c)->leaf(); };
    cb.negint16 = [](void *c, uint16_t) { shapeOf(c)->leaf(); };
    cb.negint32 = [](void *c, uint32_t) { shapeOf(c)->leaf(); };
    cb.negint64 = [](void *c, uint64_t) { shapeOf(c)->leaf(); };
    cb.byte_string = [](void *c, cbor_data, uint64_t) { shapeOf(c)->leaf(); };
    cb.string = [](void *c, cbor_data, uint64_t) { shapeOf(c)->leaf(); };
    cb.byte_string_start = [](void *c) { shapeOf(c)->indefinite(); };
    cb.string_start = [](void *c) { shapeOf(c)->indefinite(); };
    cb.indef_array_start = [](void *c) { shapeOf(c)->indefinite(); };
    cb.indef_map_start = [](void *c) { shapeOf(c)->indefinite(); };
    cb.array_start = [](void *c, uint64_t n) { shapeOf(c)->container(n > uint64_t(INT64_MAX) ? -1 : int64_t(n)); };
    cb.map_start = [](void *c, uint64_t n) {
        shapeOf(c)->container(n > uint64_t(INT64_MAX / 2) ? -1 : int64_t(n * 2));
    };
    cb.tag = [](void *c, uint64_t) { shapeOf(c)->container(1); };
    cb.float2 = [](void *c, float) { shapeOf(c)->leaf(); };
    cb.float4 = [](void *c, float) { shapeOf(c)->leaf(); };
    cb.float8 = [](void *c, double) { shapeOf(c)->leaf(); };
    cb.undefined = [](void *c) { shapeOf(c)->leaf(); };
    cb.null = [](void *c) { shapeOf(c)->leaf(); };
    cb.boolean = [](void *c, bool) { shapeOf(c)->leaf(); };
    cb.indef_break = [](void *c) { shapeOf(c)->end(); };
    return cb;
}

Status checkShape(QByteArrayView bytes, const QString &ctx)
{
    static const cbor_callbacks cb = shapeCallbacks();
    Shape s;
    size_t at = 0;
    const auto data = reinterpret_cast<cbor_data>(bytes.data());
    const size_t size = size_t(bytes.size());
    do {
        s.remaining = size - at;
        const cbor_decoder_result r = cbor_stream_decode(data + at, size - at, &cb, &s);
        if (r.status == CBOR_DECODER_NEDATA)
            return makeError(ErrorCode::Truncated, u"the CBOR ends inside an item at byte %1"_s.arg(at), ctx);
        if (r.status != CBOR_DECODER_FINISHED || r.read == 0)
            return makeError(ErrorCode::Malformed, u"not CBOR at byte %1"_s.arg(at), ctx);
        at += r.read;
        if (s.tooDeep)
            return makeError(ErrorCode::TooLarge,
                             u"CBOR nested more than %1 levels deep at byte %2"_s.arg(MaxCoseNesting).arg(at), ctx);
        if (s.tooMany)
            return makeError(
                ErrorCode::TooLarge,
                u"a CBOR array or map at byte %1 declares more entries than there are bytes left"_s.arg(at), ctx);
    } while (!s.open.empty() && at < size);
    if (!s.open.empty())
        return makeError(ErrorCode::Truncated, u"the CBOR ends inside an array or map"_s, ctx);
    if (at != size)
        return makeError(ErrorCode::Malformed, u"%1 bytes after the COSE message"_s.arg(size - at), ctx);
    return Ok{};
}

std::optional<int64_t> intOf(const cbor_item_t *i)
{
    if (cbor_isa_uint(i)) {
        const uint64_t v = cbor_get_int(i);
        return v > uint64_t(INT64_MAX) ? std::nullopt : std::optional<int64_t>(int64_t(v));
    }
    if (cbor_isa_negint(i)) {
        const uint64_t v = cbor_get_int(i);
        return v > uint64_t(INT64_MAX) ? std::nullopt : std::optional<int64_t>(-1 - int64_t(v));
    }
    return std::nullopt;
}

std::optional<QByteArray> bytesOf(const cbor_item_t *i)
{
    if (!cbor_isa_bytestring(i) || !cbor_bytestring_is_definite(i))
        return std::nullopt;
    return QByteArray(reinterpret_cast<const char *>(cbor_bytestring_handle(i)), qsizetype(cbor_bytestring_length(i)));
}

std::optional<QString> textOf(const cbor_item_t *i)
{
    if (!cbor_isa_string(i) || !cbor_string_is_definite(i))
        return std::nullopt;
    return QString::fromUtf8(reinterpret_cast<const char *>(cbor_string_handle(i)), qsizetype(cbor_string_length(i)));
}

// A header label: an integer in decimal, or the text.
QString labelOf(const cbor_item_t *i)
{
    if (const std::optional<int64_t> n = intOf(i))
        return QString::number(*n);
    return textOf(i).value_or(QString()).left(200);
}

// Tag 1 over an integer or a float (RFC 8949 §3.4.2); the integer alone is accepted too.
std::optional<QDateTime> timeOf(const cbor_item_t *i)
{
    if (cbor_isa_tag(i) && cbor_tag_value(i) == TagEpochTime) {
        Item inner(cbor_tag_item(i));
        return timeOf(inner.p);
    }
    if (const std::optional<int64_t> n = intOf(i); n && *n > -62135596800LL && *n < 253402300800LL)
        return QDateTime::fromSecsSinceEpoch(*n, Qt::UTC);
    if (cbor_isa_float_ctrl(i) && cbor_float_get_width(i) != CBOR_FLOAT_0) {
        const double d = cbor_float_get_float(i);
        if (d > -62135596800.0 && d < 253402300800.0)
            return QDateTime::fromMSecsSinceEpoch(qint64(d * 1000), Qt::UTC);
    }
    return std::nullopt;
}

void readProtected(CoseSign1 &c, const cbor_item_t *map)
{
    const cbor_pair *pairs = cbor_map_handle(map);
    for (size_t k = 0; k < cbor_map_size(map); ++k) {
        const cbor_item_t *key = pairs[k].key;
        const cbor_item_t *value = pairs[k].value;
        const QString label = labelOf(key);
        c.protectedLabels << label;
        const auto wrongType = [&](const char *expected) {
            c.problems << u"protected header %1 is not %2"_s.arg(label, QLatin1StringView(expected));
        };
        if (intOf(key) == LabelAlg) {
            if (const std::optional<int64_t> a = intOf(value))
                c.algorithm = *a;
            else
                wrongType("an integer"); // text algorithm names are not among Notation's
        } else if (intOf(key) == LabelCrit) {
            if (!cbor_isa_array(value) || cbor_array_size(value) == 0) {
                wrongType("a non-empty array");
                continue;
            }
            for (size_t j = 0; j < cbor_array_size(value) && j < 64; ++j) {
                Item l(cbor_array_get(value, j));
                c.critical << labelOf(l.p);
            }
        } else if (intOf(key) == LabelCty) {
            if (const std::optional<QString> t = textOf(value))
                c.contentType = t->left(200);
            else if (const std::optional<int64_t> n = intOf(value))
                c.contentType = QString::number(*n); // a CoAP content format
            else
                wrongType("text");
        } else if (label == u"io.cncf.notary.signingScheme"_s) {
            if (const std::optional<QString> t = textOf(value))
                c.signingScheme = t->left(80);
            else
                wrongType("text");
        } else if (label == u"io.cncf.notary.signingTime"_s || label == u"io.cncf.notary.expiry"_s ||
                   label == u"io.cncf.notary.authenticSigningTime"_s) {
            const std::optional<QDateTime> t = timeOf(value);
            if (!t)
                wrongType("a time (tag 1)");
            else if (label.endsWith(u"expiry"_s))
                c.expiry = *t;
            else if (label.endsWith(u"authenticSigningTime"_s))
                c.authenticSigningTime = *t;
            else
                c.signingTime = *t;
        }
    }
}

void readUnprotected(CoseSign1 &c, const cbor_item_t *map)
{
    const cbor_pair *pairs = cbor_map_handle(map);
    for (size_t k = 0; k < cbor_map_size(map); ++k) {
        const cbor_item_t *value = pairs[k].value;
        if (intOf(pairs[k].key) == LabelX5chain) {
            // One certificate as a bstr, or an array of them (RFC 9360 §2).
            if (const std::optional<QByteArray> one = bytesOf(value)) {
                c.x5chain << *one;
            } else if (cbor_isa_array(value)) {
                for (size_t j = 0; j < cbor_array_size(value); ++j) {
                    if (j >= size_t(limits::MaxCertificateChain)) {
                        c.problems << u"x5chain has more than %1 certificates; the rest are not read"_s.arg(
                            limits::MaxCertificateChain);
                        break;
                    }
                    Item cert(cbor_array_get(value, j));
                    if (const std::optional<QByteArray> der = bytesOf(cert.p))
                        c.x5chain << *der;
                    else
                        c.problems << u"x5chain entry %1 is not a byte string"_s.arg(j);
                }
            } else {
                c.problems << u"x5chain is neither a byte string nor an array"_s;
            }
        } else if (labelOf(pairs[k].key) == u"io.cncf.notary.signingAgent"_s) {
            if (const std::optional<QString> t = textOf(value))
                c.signingAgent = t->left(200);
            else
                c.problems << u"io.cncf.notary.signingAgent is not text"_s;
        }
    }
}

} // namespace

QString CoseSign1::algorithmName() const
{
    switch (algorithm) {
    case -37: return u"PS256"_s;
    case -38: return u"PS384"_s;
    case -39: return u"PS512"_s;
    case -7: return u"ES256"_s;
    case -35: return u"ES384"_s;
    case -36: return u"ES512"_s;
    default: return u"COSE algorithm %1"_s.arg(algorithm);
    }
}

Result<CoseSign1> parseCoseSign1(QByteArrayView bytes, const QString &context)
{
    if (bytes.size() > limits::SignatureBytes)
        return makeError(ErrorCode::TooLarge,
                         u"the COSE envelope is %1 bytes, more than the %2 Strata reads"_s.arg(bytes.size())
                             .arg(limits::SignatureBytes),
                         context);
    if (bytes.isEmpty())
        return makeError(ErrorCode::Malformed, u"the COSE envelope is empty"_s, context);
    // libcbor 0.8 (Debian 12) refuses the one-byte tags 6 to 20 as "unassigned" (fixed in 0.9), and COSE_Sign1's
    // tag 18 is one of them (0xd2): the tag is read here and the array handed to libcbor.
    bool tagged = false;
    if (static_cast<unsigned char>(bytes.front()) == 0xC0 + TagCoseSign1) {
        tagged = true;
        bytes = bytes.sliced(1);
    }
    if (Status s = checkShape(bytes, context); !s)
        return s.error();
    cbor_load_result lr{};
    Item root(cbor_load(reinterpret_cast<cbor_data>(bytes.data()), size_t(bytes.size()), &lr));
    if (!root.p || lr.error.code != CBOR_ERR_NONE)
        return makeError(
            ErrorCode::Malformed,
            u"libcbor cannot read the envelope (error %1 at byte %2)"_s.arg(int(lr.error.code)).arg(lr.error.position),
            context);
    // COSE_Sign1_Tagged (tag 18), or the untagged array where the media type says what it is (RFC 9052 §2).
    const cbor_item_t *msg = root.p;
    std::optional<Item> inner;
    if (cbor_isa_tag(msg)) {
        if (tagged || cbor_tag_value(msg) != TagCoseSign1)
            return makeError(ErrorCode::Malformed,
                             u"the envelope is CBOR tag %1, not COSE_Sign1 (18)"_s.arg(cbor_tag_value(msg)), context);
        inner.emplace(cbor_tag_item(msg));
        msg = inner->p;
    }
    if (!cbor_isa_array(msg) || cbor_array_size(msg) != 4)
        return makeError(ErrorCode::Malformed,
                         u"a COSE_Sign1 is an array of four (protected, unprotected, payload, signature)"_s, context);
    Item prot(cbor_array_get(msg, 0));
    Item unprot(cbor_array_get(msg, 1));
    Item payload(cbor_array_get(msg, 2));
    Item signature(cbor_array_get(msg, 3));

    CoseSign1 c;
    const std::optional<QByteArray> protBytes = bytesOf(prot.p);
    if (!protBytes)
        return makeError(ErrorCode::Malformed, u"the protected header is not a byte string"_s, context);
    c.protectedBytes = *protBytes;
    if (!cbor_isa_map(unprot.p))
        return makeError(ErrorCode::Malformed, u"the unprotected header is not a map"_s, context);
    if (const std::optional<QByteArray> p = bytesOf(payload.p))
        c.payload = *p;
    // cbor_is_null asserts on a float (libcbor 0.8 cbor_ctrl_value): only a simple value can be null (fuzz finding).
    else if (!(cbor_isa_float_ctrl(payload.p) && cbor_float_get_width(payload.p) == CBOR_FLOAT_0 &&
               cbor_is_null(payload.p)))
        return makeError(ErrorCode::Malformed, u"the payload is neither a byte string nor nil"_s, context);
    const std::optional<QByteArray> sig = bytesOf(signature.p);
    if (!sig)
        return makeError(ErrorCode::Malformed, u"the signature is not a byte string"_s, context);
    c.signature = *sig;

    // The protected header is itself CBOR, an empty string standing for an empty map (RFC 9052 §3).
    if (!c.protectedBytes.isEmpty()) {
        const QString pctx = context + u": protected header"_s;
        if (Status s = checkShape(c.protectedBytes, pctx); !s)
            return s.error();
        cbor_load_result plr{};
        Item header(cbor_load(reinterpret_cast<cbor_data>(c.protectedBytes.constData()),
                              size_t(c.protectedBytes.size()), &plr));
        if (!header.p || plr.error.code != CBOR_ERR_NONE || !cbor_isa_map(header.p))
            return makeError(ErrorCode::Malformed, u"the protected header is not a CBOR map"_s, pctx);
        readProtected(c, header.p);
    }
    readUnprotected(c, unprot.p);
    return c;
}

} // namespace strata
