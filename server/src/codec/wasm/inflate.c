// The session blob pipeline that JS runs slowly, compiled to WebAssembly (see build.sh): Django's
// base64url payload -> zlib inflate (RFC 1950/1951, zlib's verdicts, Adler-32 checked) -> a scan
// telling whether JSON.parse can read the text exactly as Python's json does; and the outer half
// of HMAC-SHA256 signature checks (the inner hash is node:crypto's, over this module's memory).
// Freestanding: no libc, fixed regions in linear memory, no allocation. Every read is bounded.
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;

#define EXPORT(name) __attribute__((export_name(name)))

#define TEXT_CAP (128 * 1024)
#define RAW_CAP (96 * 1024)
#define OUT_CAP (1024 * 1024)

// The HMAC's ipad block sits right before the text, so node:crypto can hash both in one call.
static u8 hmac_text[64 + TEXT_CAP];
#define text_buf (hmac_text + 64)
static u8 raw_buf[RAW_CAP];
static u8 out_buf[OUT_CAP];

EXPORT("text_ptr") u8 *text_ptr(void) { return text_buf; }
EXPORT("ipad_ptr") u8 *ipad_ptr(void) { return hmac_text; }
EXPORT("raw_ptr") u8 *raw_ptr(void) { return raw_buf; }
EXPORT("out_ptr") u8 *out_ptr(void) { return out_buf; }
EXPORT("text_cap") int text_cap(void) { return TEXT_CAP; }
EXPORT("raw_cap") int raw_cap(void) { return RAW_CAP; }
EXPORT("out_cap") int out_cap(void) { return OUT_CAP; }

// Results: a length (>= 0) or one of these (inflate.ts words them).
enum {
  E_BASE64 = -1,     // not clean base64url: the caller decodes leniently and inflates raw bytes
  E_TRUNCATED = -2,
  E_HEADER = -3,
  E_DICTIONARY = -4,
  E_BLOCK_TYPE = -5,
  E_STORED_LENGTHS = -6,
  E_TOO_MANY = -7,
  E_OVERSUBSCRIBED = -8,
  E_INCOMPLETE = -9,
  E_REPEAT = -10,
  E_NO_END = -11,
  E_LIT_CODE = -12,
  E_DIST_CODE = -13,
  E_TOO_FAR = -14,
  E_CHECK = -15,
  E_CAP = -16,       // over the caller's cap
  E_REGION = -17,    // over this module's output region (under the cap): the caller inflates natively
  E_HUFFMAN = -18,
  E_CODE_LENGTHS = -19,
};

// ---- base64url (Django's b64_decode on clean input: padding implied, length % 4 == 1 refused) ----

static signed char B64[256];
static int b64_ready;

static void b64_init(void) {
  for (int i = 0; i < 256; i++) B64[i] = -1;
  for (int i = 0; i < 26; i++) {
    B64['A' + i] = (signed char)i;
    B64['a' + i] = (signed char)(26 + i);
  }
  for (int i = 0; i < 10; i++) B64['0' + i] = (signed char)(52 + i);
  B64['-'] = 62;
  B64['_'] = 63;
  b64_ready = 1;
}

/** Decodes text_buf[from, from + len) into raw_buf; the decoded length, or E_BASE64. */
static int b64url_decode(int from, int len) {
  if (!b64_ready) b64_init();
  if (len % 4 == 1) return E_BASE64;
  if ((len / 4) * 3 + 3 > RAW_CAP) return E_BASE64;
  const u8 *s = text_buf + from;
  u8 *o = raw_buf;
  int n = 0;
  int i = 0;
  int bad = 0;
  for (; i + 4 <= len; i += 4) {
    int a = B64[s[i]], b = B64[s[i + 1]], c = B64[s[i + 2]], d = B64[s[i + 3]];
    bad |= a | b | c | d;
    u32 v = ((u32)a << 18) | ((u32)b << 12) | ((u32)c << 6) | (u32)d;
    o[n] = (u8)(v >> 16);
    o[n + 1] = (u8)(v >> 8);
    o[n + 2] = (u8)v;
    n += 3;
  }
  int rest = len - i;
  if (rest >= 2) {
    int a = B64[s[i]], b = B64[s[i + 1]], c = rest == 3 ? B64[s[i + 2]] : 0;
    bad |= a | b | c;
    u32 v = ((u32)a << 18) | ((u32)b << 12) | ((u32)c << 6);
    o[n++] = (u8)(v >> 16);
    if (rest == 3) o[n++] = (u8)(v >> 8);
  }
  return bad < 0 ? E_BASE64 : n;
}

// ---- inflate ----

#define FAST_LIMIT 9

typedef struct {
  u16 counts[16];
  u16 symbols[320];
  u16 fast[1 << FAST_LIMIT]; // symbol << 4 | length, NO_ENTRY when the code is longer (or absent)
  int limit[16];             // codes of length len, left-justified to 15 bits, are below limit[len]
  int base[16];              // symbols[base[len] + code]
  int bits;
  u32 mask;
  int max_bits;
} Tree;

static Tree code_tree, lit_tree, dist_tree, fixed_lit, fixed_dist;
static int fixed_ready;
static u8 lengths[320];
static u16 used_symbols[320]; // the literal/length then distance symbols with a code, ascending
static u16 starts[16];
static u8 REV8[256];

static const u16 LENGTH_BASE[29] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
static const u8 LENGTH_EXTRA[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const u16 DIST_BASE[30] = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
static const u8 DIST_EXTRA[30] = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
static const u8 ORDER[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

enum { KIND_CODES, KIND_LITERALS, KIND_DISTANCES };

// A fast-table entry is symbol << 4 | length: literals are below LITERAL_LIMIT, so one compare
// tells a literal; NO_ENTRY (symbol 4095, no real symbol) sends the decoder to decode_slow.
#define LITERAL_LIMIT (256 << 4)
#define NO_ENTRY 0xffff

static u32 reverse(u32 code, int len) {
  u32 r = 0;
  for (int i = 0; i < len; i++) {
    r = (r << 1) | (code & 1);
    code >>= 1;
  }
  return r;
}

// Small copies and fills as plain loops: wasm's memory.copy / memory.fill are calls out of the
// module, dearer than the few words the tables and runs here move (no_builtin keeps clang from
// turning these loops back into them).
__attribute__((no_builtin("memcpy"))) static void double_table(u16 *table, u32 end) {
  if (end >= 4) {
    u64 *to = (u64 *)(table + end);
    const u64 *from = (const u64 *)table;
    for (u32 i = 0; i < end / 4; i++) to[i] = from[i];
  } else {
    for (u32 i = 0; i < end; i++) table[end + i] = table[i];
  }
}

__attribute__((no_builtin("memset"))) static void fill_bytes(u8 *p, u32 n, u8 value) {
  u64 word = value * 0x0101010101010101ull;
  u32 i = 0;
  for (; i + 8 <= n; i += 8) *(u64 *)(p + i) = word;
  for (; i < n; i++) p[i] = value;
}

/** Canonical tables from lens[0, count) (t->counts already counted), with zlib's rules:
 * over-subscribed refused; incomplete refused unless one 1-bit code or (not for the code-length
 * code) no code at all. `used`: when not null, the ascending symbols (plus `used_base`) whose
 * length is not zero, `used_n` of them, so the sort below skips the long runs of unused literals. */
static int build(Tree *t, const u8 *lens, int count, const u16 *used, int used_n, int used_base, int kind, int max_bits) {
  u16 *counts = t->counts;
  counts[0] = 0;
  int max = 15;
  while (max > 0 && counts[max] == 0) max--;
  int left = 1, first = 0;
  starts[1] = 0;
  for (int len = 1; len < 16; len++) {
    left = (left << 1) - counts[len];
    if (left < 0) return E_OVERSUBSCRIBED;
    if (len < 15) starts[len + 1] = (u16)(starts[len] + counts[len]);
    first = (first + counts[len - 1]) << 1;
    t->limit[len] = (first + counts[len]) << (15 - len);
    t->base[len] = starts[len] - first;
  }
  if (max != 0 && left > 0 && (kind == KIND_CODES || max != 1)) return E_INCOMPLETE;
  int bits = max < max_bits ? max : max_bits;
  if (bits < 1) bits = 1;
  u32 size = 1u << bits;
  t->bits = bits;
  t->mask = size - 1;
  u16 *table = t->fast;
  // Symbols in canonical order (by length, then value): the fill below and decode_slow read them.
  if (used != 0) {
    for (int k = 0; k < used_n; k++) {
      int i = used[k] - used_base;
      t->symbols[starts[lens[i]]++] = (u16)i;
    }
  } else {
    for (int i = 0; i < count; i++) {
      int len = lens[i];
      if (len != 0) t->symbols[starts[len]++] = (u16)i;
    }
  }
  if (max == 0 || left > 0) {
    // No code, or zlib's one-code exception: entries without a code are NO_ENTRY (an error when met).
    __builtin_memset(table, 0xff, sizeof(u16) * size);
    if (max != 0) {
      int sym = t->symbols[0];
      for (u32 j = 0; j < size; j += 2) table[j] = (u16)((sym << 4) | 1);
    }
    return 0;
  }
  // A complete code, filled as libdeflate does: codewords of each length in canonical order, kept
  // bit-reversed (the stream is LSB first) so the next one is a reversed increment; going one
  // length up doubles the table with a copy, which replicates every shorter code. Entries never
  // written are prefixes of codes longer than the table (NO_ENTRY: decode_slow), so filled first.
  int len = 1;
  while (counts[len] == 0) len++;
  if (len > bits) {
    __builtin_memset(table, 0xff, sizeof(u16) * size);
    return 0;
  }
  u32 end = 1u << len;
  fill_bytes((u8 *)table, sizeof(u16) * end, 0xff);
  const u16 *sym = t->symbols;
  u32 codeword = 0;
  for (;;) {
    int complete = 0;
    for (int n = counts[len]; n > 0; n--) {
      table[codeword] = (u16)((*sym++ << 4) | len);
      if (codeword == end - 1) {
        complete = 1;
        break;
      }
      u32 bit = 1u << (31 - __builtin_clz(codeword ^ (end - 1)));
      codeword = (codeword & (bit - 1)) | bit;
    }
    if (len == bits) break;
    double_table(table, end);
    end <<= 1;
    len++;
    if (complete) {
      for (; len < bits; len++, end <<= 1) double_table(table, end);
      break;
    }
  }
  return 0;
}

static void count_lengths(Tree *t, const u8 *lens, int count) {
  for (int i = 0; i < 16; i++) t->counts[i] = 0;
  for (int i = 0; i < count; i++) t->counts[lens[i]]++;
}

static void init_fixed(void) {
  static u8 l[320];
  for (int i = 0; i < 144; i++) l[i] = 8;
  for (int i = 144; i < 256; i++) l[i] = 9;
  for (int i = 256; i < 280; i++) l[i] = 7;
  for (int i = 280; i < 288; i++) l[i] = 8;
  count_lengths(&fixed_lit, l, 288);
  build(&fixed_lit, l, 288, 0, 0, 0, KIND_LITERALS, 9);
  for (int i = 0; i < 32; i++) l[i] = 5;
  count_lengths(&fixed_dist, l, 32);
  build(&fixed_dist, l, 32, 0, 0, 0, KIND_DISTANCES, 5);
  fixed_ready = 1;
}

// Decoder state.
static const u8 *src;
static int src_len, pos;
static u64 bitbuf;
static int bitcnt;
static int out_n, out_limit, out_cap_is_callers;

static inline void refill(void) {
  while (bitcnt <= 56 && pos < src_len) {
    bitbuf |= (u64)src[pos++] << bitcnt;
    bitcnt += 8;
  }
}

static inline int need(int n) {
  if (bitcnt < n) refill();
  return bitcnt >= n;
}

static inline u32 take(int n) {
  u32 v = (u32)(bitbuf & ((1ull << n) - 1));
  bitbuf >>= n;
  bitcnt -= n;
  return v;
}

/** A code the fast table does not hold: up to 15 bits, MSB first, against the per-length limits. */
static int decode_slow(const Tree *t) {
  refill();
  u32 x = (u32)(bitbuf & 0x7fff);
  u32 peek = ((u32)REV8[x & 0xff] << 7) | ((u32)REV8[x >> 8] >> 1);
  for (int len = 1; len < 16; len++) {
    if ((int)peek < t->limit[len]) {
      if (len > bitcnt) return E_TRUNCATED;
      bitbuf >>= len;
      bitcnt -= len;
      return t->symbols[t->base[len] + (int)(peek >> (15 - len))];
    }
  }
  return bitcnt < 15 ? E_TRUNCATED : E_HUFFMAN;
}

// The hot loop keeps the bit reader and output position in locals: stores to the output (u8)
// may alias any global, so globals would be reloaded after every byte written.
#define REFILL()                                                  \
  do {                                                            \
    if (p + 8 <= end) {                                           \
      u64 word;                                                   \
      __builtin_memcpy(&word, s + p, 8);                          \
      b |= word << c;                                             \
      p += (63 - c) >> 3;                                         \
      c |= 56;                                                    \
    } else {                                                      \
      while (c <= 56 && p < end) {                                \
        b |= (u64)s[p++] << c;                                    \
        c += 8;                                                   \
      }                                                           \
    }                                                             \
  } while (0)

#define SYNC_OUT() (pos = p, bitbuf = b, bitcnt = c)
#define SYNC_IN() (p = pos, b = bitbuf, c = bitcnt)

// The fast loop's symbol: the table entry `entry` (taken from the bit buffer), else decode_slow
// over `tree`; an error ends the loop.
#define FAST_SYMBOL(out, entry, tree)                             \
  do {                                                            \
    u32 e_ = (entry);                                             \
    if (e_ != NO_ENTRY) {                                         \
      b >>= e_ & 15;                                              \
      c -= (int)(e_ & 15);                                        \
      out = (int)(e_ >> 4);                                       \
    } else {                                                      \
      SYNC_OUT();                                                 \
      out = decode_slow(tree);                                    \
      SYNC_IN();                                                  \
      if (out < 0) {                                              \
        r = out;                                                  \
        goto done;                                                \
      }                                                           \
    }                                                             \
  } while (0)

/** Copies a match of `length` bytes from `distance` back. With `room` (8 bytes past the match are
 * in the region) and a distance of 8 or more, eight bytes a step: source and target never overlap
 * within a word, and the last word may write past the match, into output the next symbols overwrite. */
static inline __attribute__((always_inline)) void copy_match(u8 *to, int distance, int length, int room) {
  const u8 *from = to - distance;
  if (distance >= 8 && room) {
    for (int k = 0; k < length; k += 8) {
      u64 word;
      __builtin_memcpy(&word, from + k, 8);
      __builtin_memcpy(to + k, &word, 8);
    }
  } else {
    for (int k = 0; k < length; k++) to[k] = from[k];
  }
}

static int codes(const Tree *lit, const Tree *dist) {
  const u8 *s = src;
  const int end = src_len;
  int p = pos;
  u64 b = bitbuf;
  int c = bitcnt;
  u8 *o = out_buf;
  int n = out_n;
  const int limit = out_limit;
  const u16 *lfast = lit->fast;
  const u64 lmask = lit->mask;
  const u16 *dfast = dist->fast;
  const u64 dmask = dist->mask;
  int r;
  // The fast loop (libdeflate's): while eight input bytes can be read at p and a whole match
  // (258 bytes, copied in words that may run 8 past it) fits in the output, each step refills
  // without a branch to 56+ bits, enough for a literal and a whole match (≤ 48 bits), and writes
  // without checking the output limit. One or two literals a step (table codes are ≤ 9 bits).
  const int fast_end = end - 8;
  const int fast_limit = limit - (258 + 8);
  while (p <= fast_end && n <= fast_limit) {
    u64 word;
    __builtin_memcpy(&word, s + p, 8);
    b |= word << c;
    p += (63 - c) >> 3;
    c |= 56;
    u32 e = lfast[b & lmask];
    if (e < LITERAL_LIMIT) {
      b >>= e & 15;
      c -= (int)(e & 15);
      o[n++] = (u8)(e >> 4);
      e = lfast[b & lmask];
      if (e < LITERAL_LIMIT) {
        b >>= e & 15;
        c -= (int)(e & 15);
        o[n++] = (u8)(e >> 4);
      }
      continue;
    }
    // decode_slow refills to 57+ bits and takes ≤ 15: the match below still has its 33.
    int sym;
    FAST_SYMBOL(sym, e, lit);
    if (sym < 256) {
      o[n++] = (u8)sym; // a literal longer than the table
      continue;
    }
    if (sym == 256) {
      r = 0;
      goto done;
    }
    sym -= 257;
    if (sym >= 29) {
      r = E_LIT_CODE;
      goto done;
    }
    int extra = LENGTH_EXTRA[sym];
    int length = LENGTH_BASE[sym] + (int)(b & ((1u << extra) - 1));
    b >>= extra;
    c -= extra;
    int d;
    FAST_SYMBOL(d, dfast[b & dmask], dist);
    if (d >= 30) {
      r = E_DIST_CODE;
      goto done;
    }
    extra = DIST_EXTRA[d];
    int distance = DIST_BASE[d] + (int)(b & ((1u << extra) - 1));
    b >>= extra;
    c -= extra;
    if (distance > n) {
      r = E_TOO_FAR;
      goto done;
    }
    copy_match(o + n, distance, length, 1);
    n += length;
  }
  // The careful loop: near the end of the input or of the output, every step checked.
  for (;;) {
    // 48 bits hold a literal/length code, its extra bits, a distance code and its extra bits;
    // a refill leaves 56+ (short of the input's end), enough for several literals.
    if (c < 48) REFILL();
    u32 e = lfast[b & lmask];
    int len = (int)(e & 15);
    int sym;
    if (e != NO_ENTRY && len <= c) {
      b >>= len;
      c -= len;
      sym = (int)(e >> 4);
    } else {
      SYNC_OUT();
      sym = decode_slow(lit);
      SYNC_IN();
      if (sym < 0) {
        r = sym;
        break;
      }
    }
    if (sym < 256) {
      if (n >= limit) {
        r = out_cap_is_callers ? E_CAP : E_REGION;
        break;
      }
      o[n++] = (u8)sym;
      continue;
    }
    if (sym == 256) {
      r = 0;
      break;
    }
    sym -= 257;
    if (sym >= 29) {
      r = E_LIT_CODE;
      break;
    }
    int extra = LENGTH_EXTRA[sym];
    if (c < extra) {
      r = E_TRUNCATED;
      break;
    }
    int length = LENGTH_BASE[sym] + (int)(b & ((1u << extra) - 1));
    b >>= extra;
    c -= extra;
    if (c < 15) REFILL();
    e = dfast[b & dmask];
    len = (int)(e & 15);
    int d;
    if (e != NO_ENTRY && len <= c) {
      b >>= len;
      c -= len;
      d = (int)(e >> 4);
    } else {
      SYNC_OUT();
      d = decode_slow(dist);
      SYNC_IN();
      if (d < 0) {
        r = d;
        break;
      }
    }
    if (d >= 30) {
      r = E_DIST_CODE;
      break;
    }
    extra = DIST_EXTRA[d];
    if (c < extra) REFILL();
    if (c < extra) {
      r = E_TRUNCATED;
      break;
    }
    int distance = DIST_BASE[d] + (int)(b & ((1u << extra) - 1));
    b >>= extra;
    c -= extra;
    if (distance > n) {
      r = E_TOO_FAR;
      break;
    }
    if (length > limit - n) {
      r = out_cap_is_callers ? E_CAP : E_REGION;
      break;
    }
    copy_match(o + n, distance, length, n + length + 8 <= OUT_CAP);
    n += length;
  }
done:
  SYNC_OUT();
  out_n = n;
  return r;
}

static int stored(void) {
  // Drop to a byte boundary; whole bytes already in the bit buffer are given back.
  bitbuf >>= bitcnt & 7;
  bitcnt -= bitcnt & 7;
  pos -= bitcnt >> 3;
  bitbuf = 0;
  bitcnt = 0;
  if (pos + 4 > src_len) return E_TRUNCATED;
  u32 len = (u32)src[pos] | ((u32)src[pos + 1] << 8);
  u32 nlen = (u32)src[pos + 2] | ((u32)src[pos + 3] << 8);
  if (len != (~nlen & 0xffff)) return E_STORED_LENGTHS;
  pos += 4;
  if (pos + (int)len > src_len) return E_TRUNCATED;
  if ((int)len > out_limit - out_n) return out_cap_is_callers ? E_CAP : E_REGION;
  __builtin_memcpy(out_buf + out_n, src + pos, len);
  out_n += (int)len;
  pos += (int)len;
  return 0;
}

static int dynamic(void) {
  if (!need(14)) return E_TRUNCATED;
  int hlit = (int)take(5) + 257;
  int hdist = (int)take(5) + 1;
  int hclen = (int)take(4) + 4;
  if (hlit > 286 || hdist > 30) return E_TOO_MANY;
  u8 cl[19];
  for (int i = 0; i < 19; i++) cl[i] = 0;
  for (int i = 0; i < hclen; i++) {
    if (!need(3)) return E_TRUNCATED;
    cl[ORDER[i]] = (u8)take(3);
  }
  count_lengths(&code_tree, cl, 19);
  int r = build(&code_tree, cl, 19, 0, 0, 0, KIND_CODES, 7);
  if (r < 0) return r == E_INCOMPLETE || r == E_OVERSUBSCRIBED ? E_CODE_LENGTHS : r;
  int total = hlit + hdist;
  for (int i = 0; i < 16; i++) {
    lit_tree.counts[i] = 0;
    dist_tree.counts[i] = 0;
  }
  const u8 *s = src;
  const int end = src_len;
  int p = pos;
  u64 b = bitbuf;
  int c = bitcnt;
  u16 *lit_counts = lit_tree.counts;
  u16 *dist_counts = dist_tree.counts;
  const u16 *cfast = code_tree.fast;
  const u64 cmask = code_tree.mask;
  u8 *lens = lengths;
  u16 *used = used_symbols;
  int used_n = 0;
  r = 0;
  for (int i = 0; i < total;) {
    // A code-length code (≤ 7 bits) and its repeat bits (≤ 7).
    if (c < 14) REFILL();
    u32 e = cfast[b & cmask];
    int len = (int)(e & 15);
    // A complete code-length code fills every entry; an empty one (no code at all) none.
    if (e == NO_ENTRY || len > c) {
      r = e == NO_ENTRY ? E_CODE_LENGTHS : E_TRUNCATED;
      break;
    }
    b >>= len;
    c -= len;
    int sym = (int)(e >> 4);
    if (sym < 16) {
      if (i < hlit) lit_counts[sym]++;
      else dist_counts[sym]++;
      used[used_n] = (u16)i;
      used_n += sym != 0;
      lens[i++] = (u8)sym;
      continue;
    }
    int repeat, value = 0, extra;
    if (sym == 16) {
      if (i == 0) {
        r = E_REPEAT;
        break;
      }
      value = lens[i - 1];
      extra = 2;
      repeat = 3;
    } else if (sym == 17) {
      extra = 3;
      repeat = 3;
    } else {
      extra = 7;
      repeat = 11;
    }
    if (c < extra) {
      r = E_TRUNCATED;
      break;
    }
    repeat += (int)(b & ((1u << extra) - 1));
    b >>= extra;
    c -= extra;
    if (i + repeat > total) {
      r = E_REPEAT;
      break;
    }
    if (value == 0) {
      // Zero lengths count for nothing (build ignores counts[0]): the usual long runs are a fill.
      fill_bytes(lens + i, (u32)repeat, 0);
      i += repeat;
      continue;
    }
    for (int stop = i + repeat; i < stop; i++) {
      if (i < hlit) lit_counts[value]++;
      else dist_counts[value]++;
      used[used_n++] = (u16)i;
      lens[i] = (u8)value;
    }
  }
  SYNC_OUT();
  if (r < 0) return r;
  if (lengths[256] == 0) return E_NO_END;
  int lit_used = 0;
  while (lit_used < used_n && used[lit_used] < hlit) lit_used++;
  r = build(&lit_tree, lengths, hlit, used, lit_used, 0, KIND_LITERALS, FAST_LIMIT);
  if (r < 0) return r;
  r = build(&dist_tree, lengths + hlit, hdist, used + lit_used, used_n - lit_used, hlit, KIND_DISTANCES, 8);
  if (r < 0) return r;
  return codes(&lit_tree, &dist_tree);
}

static u32 adler32(const u8 *data, int length) {
  u32 a = 1, b = 0;
  int i = 0;
  while (i < length) {
    int stop = length - i > 5552 ? i + 5552 : length;
    for (; i < stop; i++) {
      a += data[i];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return (b << 16) | a;
}

/** zlib.decompress(data) of raw_buf[0, len) into out_buf, at most `cap` bytes: the length or an error. */
static int inflate_raw(int len, int cap) {
  if (!fixed_ready) {
    for (int i = 0; i < 256; i++) REV8[i] = (u8)reverse((u32)i, 8);
    init_fixed();
  }
  if (len < 2) return E_TRUNCATED;
  u32 cmf = raw_buf[0], flg = raw_buf[1];
  if ((cmf & 0x0f) != 8 || (cmf >> 4) > 7 || ((cmf << 8) | flg) % 31 != 0) return E_HEADER;
  if (flg & 0x20) return E_DICTIONARY;
  src = raw_buf;
  src_len = len;
  pos = 2;
  bitbuf = 0;
  bitcnt = 0;
  out_n = 0;
  out_cap_is_callers = cap <= OUT_CAP;
  out_limit = out_cap_is_callers ? cap : OUT_CAP;
  int final = 0;
  while (!final) {
    if (!need(3)) return E_TRUNCATED;
    final = (int)take(1);
    int type = (int)take(2);
    int r;
    if (type == 0) r = stored();
    else if (type == 1) r = codes(&fixed_lit, &fixed_dist);
    else if (type == 2) r = dynamic();
    else r = E_BLOCK_TYPE;
    if (r < 0) return r;
  }
  // Unused bits of the last byte are dropped; whole bytes read ahead are given back.
  pos -= bitcnt >> 3;
  if (pos + 4 > src_len) return E_TRUNCATED;
  u32 expected = ((u32)src[pos] << 24) | ((u32)src[pos + 1] << 16) | ((u32)src[pos + 2] << 8) | (u32)src[pos + 3];
  if (adler32(out_buf, out_n) != expected) return E_CHECK;
  return out_n;
}

EXPORT("inflate") int inflate(int len, int cap) {
  if (len > RAW_CAP) return E_REGION;
  return inflate_raw(len, cap);
}

/** base64url text_buf[from, from + len) -> raw_buf -> inflate into out_buf. */
EXPORT("b64_inflate") int b64_inflate(int from, int len, int cap) {
  if (from < 0 || len < 0 || from + len > TEXT_CAP) return E_BASE64;
  int n = b64url_decode(from, len);
  if (n < 0) return n;
  return inflate_raw(n, cap);
}

/** base64url text_buf[from, from + len) -> out_buf, for payloads stored without compression. */
EXPORT("b64_plain") int b64_plain(int from, int len) {
  if (from < 0 || len < 0 || from + len > TEXT_CAP) return E_BASE64;
  int n = b64url_decode(from, len);
  if (n < 0) return n;
  __builtin_memcpy(out_buf, raw_buf, (unsigned)n);
  return n;
}

// ---- JSON pre-check ----

static u8 JSON_SPECIAL[256];
static u8 STRING_STOP[256];
static int json_ready;

static void json_init(void) {
  const char *special = "$\\\"[]{}:,";
  for (const char *p = special; *p; p++) JSON_SPECIAL[(u8)*p] = 1;
  STRING_STOP['"'] = STRING_STOP['\\'] = STRING_STOP['$'] = 1;
  json_ready = 1;
}

static int is_space(u32 c) { return c == ' ' || (c >= 9 && c <= 13); }

/**
 * 1 when out_buf[0, len) (read as latin-1) may parse differently with JSON.parse than with
 * Python's json: a top-level number (after JSON whitespace); a "$" (a "$type" key needs the tagged form) or its \u0024
 * escape; a number token after [:,[] that has 16+ integer digits (beyond 2^53), a 3-digit
 * exponent (overflow), or is -0; or brackets nested deeper than `depth` outside strings.
 * False positives only cost the exact parser's time.
 */
EXPORT("needs_exact") int needs_exact(int len, int depth_limit) {
  const u8 *s = out_buf;
  if (len > OUT_CAP) return 1;
  int first = 0;
  while (first < len && (s[first] == ' ' || s[first] == '\t' || s[first] == '\n' || s[first] == '\r')) first++;
  if (first < len && (s[first] == '-' || (s[first] >= '0' && s[first] <= '9'))) return 1;
  if (!json_ready) json_init();
  int depth = 0, in_string = 0;
  for (int i = 0; i < len; i++) {
    u32 c = s[i];
    if (in_string) {
      // Most bytes are inside strings, where only a quote, a backslash or "$" matter: a tight loop.
      while (!STRING_STOP[c]) {
        if (++i >= len) return 0;
        c = s[i];
      }
      if (c == '$') return 1;
      if (c == '\\') {
        if (i + 5 < len && s[i + 1] == 'u' && s[i + 2] == '0' && s[i + 3] == '0' && s[i + 4] == '2' && s[i + 5] == '4') return 1;
        i++;
      } else in_string = 0;
      continue;
    }
    // Between strings, letters and digits need one lookup.
    if (!JSON_SPECIAL[c]) continue;
    if (c == '$') return 1;
    if (c == '"') {
      in_string = 1;
      continue;
    }
    if (c == '[' || c == '{') {
      if (++depth > depth_limit) return 1;
      if (c == '{') continue;
    } else if (c == ']' || c == '}') {
      depth--;
      continue;
    } else if (c != ':' && c != ',') continue;
    // After [ : or , : look at a number token.
    int j = i + 1;
    while (j < len && is_space(s[j])) j++;
    if (j < len && s[j] == '-') j++;
    int start = j;
    while (j < len && s[j] >= '0' && s[j] <= '9') j++;
    int digits = j - start;
    if (digits >= 16) return 1;
    if (digits == 1 && s[start] == '0' && start > 0 && s[start - 1] == '-' && !(j < len && (s[j] == '.' || s[j] == 'e' || s[j] == 'E'))) return 1;
    if (digits == 0) continue;
    if (j < len && s[j] == '.') {
      j++;
      while (j < len && s[j] >= '0' && s[j] <= '9') j++;
    }
    if (j < len && (s[j] == 'e' || s[j] == 'E')) {
      j++;
      if (j < len && (s[j] == '+' || s[j] == '-')) j++;
      int exp = 0;
      while (j < len && s[j] >= '0' && s[j] <= '9') {
        exp++;
        j++;
      }
      if (exp >= 3) return 1;
    }
    i = j - 1;
  }
  return 0;
}

// ---- HMAC-SHA256 outer hash and signature check ----
// node:crypto hashes ipad block + message (one native call over memory); the outer hash of the
// 32-byte inner digest is one compression from the opad state, done here with the base64url
// encoding and Django's constant-time comparison, so no string is built for the signature.

static const u32 K256[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
static const u32 H256[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

// One SHA-256 block, unrolled with the message schedule in 16 rolling words: kept in locals
// (registers), where a w[64] array would live in linear memory and cost a load and a store a word.
#define S0(x) (ROR(x, 2) ^ ROR(x, 13) ^ ROR(x, 22))
#define S1(x) (ROR(x, 6) ^ ROR(x, 11) ^ ROR(x, 25))
#define G0(x) (ROR(x, 7) ^ ROR(x, 18) ^ ((x) >> 3))
#define G1(x) (ROR(x, 17) ^ ROR(x, 19) ^ ((x) >> 10))
#define ROUND(a, b, c, d, e, f, g, h, k, w)                           \
  do {                                                                \
    u32 t1 = h + S1(e) + ((e & f) ^ (~e & g)) + (k) + (w);            \
    u32 t2 = S0(a) + ((a & b) ^ (a & c) ^ (b & c));                   \
    d += t1;                                                          \
    h = t1 + t2;                                                      \
  } while (0)
#define EIGHT(i, w0, w1, w2, w3, w4, w5, w6, w7)                      \
  do {                                                                \
    ROUND(a, b, c, d, e, f, g, h, K256[i], w0);                       \
    ROUND(h, a, b, c, d, e, f, g, K256[i + 1], w1);                   \
    ROUND(g, h, a, b, c, d, e, f, K256[i + 2], w2);                   \
    ROUND(f, g, h, a, b, c, d, e, K256[i + 3], w3);                   \
    ROUND(e, f, g, h, a, b, c, d, K256[i + 4], w4);                   \
    ROUND(d, e, f, g, h, a, b, c, K256[i + 5], w5);                   \
    ROUND(c, d, e, f, g, h, a, b, K256[i + 6], w6);                   \
    ROUND(b, c, d, e, f, g, h, a, K256[i + 7], w7);                   \
  } while (0)
#define LOAD(i) (((u32)p[4 * (i)] << 24) | ((u32)p[4 * (i) + 1] << 16) | ((u32)p[4 * (i) + 2] << 8) | p[4 * (i) + 3])
#define NEXT() \
  (w0 += G1(w14) + w9 + G0(w1), w1 += G1(w15) + w10 + G0(w2), w2 += G1(w0) + w11 + G0(w3), w3 += G1(w1) + w12 + G0(w4), \
   w4 += G1(w2) + w13 + G0(w5), w5 += G1(w3) + w14 + G0(w6), w6 += G1(w4) + w15 + G0(w7), w7 += G1(w5) + w0 + G0(w8), \
   w8 += G1(w6) + w1 + G0(w9), w9 += G1(w7) + w2 + G0(w10), w10 += G1(w8) + w3 + G0(w11), w11 += G1(w9) + w4 + G0(w12), \
   w12 += G1(w10) + w5 + G0(w13), w13 += G1(w11) + w6 + G0(w14), w14 += G1(w12) + w7 + G0(w15), w15 += G1(w13) + w8 + G0(w0))

static void sha256_compress(u32 *st, const u8 *p) {
  u32 w0 = LOAD(0), w1 = LOAD(1), w2 = LOAD(2), w3 = LOAD(3), w4 = LOAD(4), w5 = LOAD(5), w6 = LOAD(6), w7 = LOAD(7);
  u32 w8 = LOAD(8), w9 = LOAD(9), w10 = LOAD(10), w11 = LOAD(11), w12 = LOAD(12), w13 = LOAD(13), w14 = LOAD(14), w15 = LOAD(15);
  u32 a = st[0], b = st[1], c = st[2], d = st[3], e = st[4], f = st[5], g = st[6], h = st[7];
  for (int i = 0; i < 64; i += 16) {
    if (i > 0) NEXT();
    EIGHT(i, w0, w1, w2, w3, w4, w5, w6, w7);
    EIGHT(i + 8, w8, w9, w10, w11, w12, w13, w14, w15);
  }
  st[0] += a;
  st[1] += b;
  st[2] += c;
  st[3] += d;
  st[4] += e;
  st[5] += f;
  st[6] += g;
  st[7] += h;
}

static u8 hmac_key_buf[64];
static u8 inner_digest[32];
static u32 outer_state[8];

EXPORT("hmac_key_ptr") u8 *hmac_key_ptr(void) { return hmac_key_buf; }
EXPORT("inner_digest_ptr") u8 *inner_digest_ptr(void) { return inner_digest; }

/** Loads an HMAC-SHA256 key of `len` ≤ 64 bytes (from hmac_key_ptr): the ipad block before the
 * text, the state after the opad block. */
EXPORT("hmac_sha256_key") int hmac_sha256_key(int len) {
  if (len < 0 || len > 64) return -1;
  u8 opad[64];
  for (int i = 0; i < 64; i++) {
    u8 k = i < len ? hmac_key_buf[i] : 0;
    hmac_text[i] = k ^ 0x36;
    opad[i] = k ^ 0x5c;
  }
  for (int i = 0; i < 8; i++) outer_state[i] = H256[i];
  sha256_compress(outer_state, opad);
  return 0;
}

static const char B64URL[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/**
 * 1 when text[sig_from, sig_from + sig_len) equals base64url(no padding) of the HMAC whose inner
 * digest is in inner_digest: Django's constant_time_compare (only a length mismatch is fast).
 */
EXPORT("hmac_sha256_matches") int hmac_sha256_matches(int sig_from, int sig_len) {
  if (sig_from < 0 || sig_len < 0 || sig_from + sig_len > TEXT_CAP) return 0;
  u8 block[64];
  for (int i = 0; i < 32; i++) block[i] = inner_digest[i];
  block[32] = 0x80;
  for (int i = 33; i < 62; i++) block[i] = 0;
  // Message length: the opad block plus the digest, 96 bytes = 768 bits.
  block[62] = 0x03;
  block[63] = 0x00;
  u32 st[8];
  for (int i = 0; i < 8; i++) st[i] = outer_state[i];
  sha256_compress(st, block);
  u8 mac[33];
  for (int i = 0; i < 8; i++) {
    mac[4 * i] = (u8)(st[i] >> 24);
    mac[4 * i + 1] = (u8)(st[i] >> 16);
    mac[4 * i + 2] = (u8)(st[i] >> 8);
    mac[4 * i + 3] = (u8)st[i];
  }
  mac[32] = 0;
  char expected[44];
  int n = 0;
  for (int i = 0; i < 33; i += 3) {
    u32 v = ((u32)mac[i] << 16) | ((u32)(i + 1 < 33 ? mac[i + 1] : 0) << 8) | (u32)(i + 2 < 33 ? mac[i + 2] : 0);
    expected[n++] = B64URL[(v >> 18) & 63];
    expected[n++] = B64URL[(v >> 12) & 63];
    expected[n++] = B64URL[(v >> 6) & 63];
    expected[n++] = B64URL[v & 63];
  }
  // 32 bytes are 43 base64url characters (the 44th above encodes padding and is not used).
  u32 diff = (u32)(sig_len ^ 43);
  const u8 *sig = text_buf + sig_from;
  for (int i = 0; i < sig_len; i++) diff |= (u32)sig[i] ^ (u32)(u8)(i < 43 ? expected[i] : 0);
  return diff == 0;
}
