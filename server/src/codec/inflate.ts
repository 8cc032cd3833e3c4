// A small zlib (RFC 1950/1951) inflater for session-sized blobs. Node's inflateSync builds a
// native stream per call, which costs more than decoding a few hundred bytes; this one decodes
// into a reused scratch buffer with its hot loop on local variables. Bounded: output capped,
// every read checked, invalid codes rejected, Adler-32 verified (as CPython's zlib.decompress does).
import { CodecError } from './errors';

/** Codes up to this many bits decode with one table lookup; longer ones bit by bit. */
const FAST_BITS = 9;
/** Dynamic literal/length trees are rebuilt per block: a smaller table costs less to fill than the
 * few longer codes of a session-sized block cost to look up past it. */
const LIT_BITS = 8;

interface Tree {
  /** counts[len] = number of codes of that bit length. */
  counts: Uint16Array;
  /** Symbols ordered by code. */
  symbols: Uint16Array;
  /** Indexed by the next `bits` input bits: symbol << 4 | code length, 0 when longer. */
  fast: Int32Array;
  /** The table's capacity in bits, and the width the current code uses (≤ maxBits). */
  maxBits: number;
  bits: number;
  mask: number;
  /** Longer codes, left-justified to 15 bits: codes of length `len` are below limit[len]. */
  limit: Int32Array;
  /** symbols[base[len] + code] for a code of length `len`. */
  base: Int32Array;
}

/** Small alphabets get small tables: filling the table is most of the cost of a tree. */
function newTree(size: number, bits: number): Tree {
  return { counts: new Uint16Array(16), symbols: new Uint16Array(size), fast: new Int32Array(1 << bits), maxBits: bits, bits, mask: (1 << bits) - 1, limit: new Int32Array(16), base: new Int32Array(16) };
}

const STARTS = new Uint16Array(16);
/** REVERSED8[b] = b with its 8 bits in reverse order. */
const REVERSED8 = Uint8Array.from({ length: 256 }, (_, c) => {
  let r = 0;
  for (let b = 0; b < 8; b++) r |= ((c >> b) & 1) << (7 - b);
  return r;
});
/** REVERSED[c] = c with its FAST_BITS bits in reverse order. */
const REVERSED = Uint16Array.from({ length: 1 << FAST_BITS }, (_, c) => {
  let r = 0;
  for (let b = 0; b < FAST_BITS; b++) r |= ((c >> b) & 1) << (FAST_BITS - 1 - b);
  return r;
});

/** What a tree codes, for zlib's rules on incomplete codes. */
const enum Kind {
  CodeLengths,
  Literals,
  Distances,
}

const NEXT = new Uint16Array(16);

/**
 * Canonical Huffman tables from code lengths, with zlib's verdicts: an over-subscribed set is
 * refused, and so is an incomplete one unless it has a single 1-bit code or (distances) no code.
 * `tree.counts` must already hold the count of each length (dynamic() counts as it reads them).
 * One pass over the symbols fills the fast table and the code-ordered symbol list.
 */
function build(tree: Tree, lengths: Uint8Array, offset: number, count: number, kind: Kind): Tree {
  const counts = tree.counts;
  const starts = STARTS;
  const next = NEXT;
  const limit = tree.limit;
  const base = tree.base;
  counts[0] = 0;
  let max = 15;
  while (max > 0 && counts[max] === 0) max--;
  let left = 1;
  let first = 0;
  starts[1] = 0;
  for (let len = 1; len < 16; len++) {
    left = (left << 1) - counts[len];
    if (left < 0) throw new CodecError('bad zlib data (over-subscribed Huffman code)');
    if (len < 15) starts[len + 1] = starts[len] + counts[len];
    // Canonical: the first code of this length follows the last one of the previous length.
    first = (first + counts[len - 1]) << 1;
    next[len] = first;
    limit[len] = (first + counts[len]) << (15 - len);
    base[len] = starts[len] - first;
  }
  if (max !== 0 && left > 0 && (kind === Kind.CodeLengths || max !== 1)) throw new CodecError('bad zlib data (incomplete Huffman code)');
  const symbols = tree.symbols;
  const fast = tree.fast;
  // The table is only as wide as the longest code (up to its capacity): filling it is most of
  // the cost of a small block's tree.
  const bits = Math.max(1, Math.min(max, tree.maxBits));
  const size = 1 << bits;
  tree.bits = bits;
  tree.mask = size - 1;
  // Entries no code of at most `bits` bits reaches must read 0 (the slow path, or no code).
  if (max > bits || left > 0) fast.fill(0, 0, size);
  for (let i = 0; i < count; i++) {
    const len = lengths[offset + i];
    if (len === 0) continue;
    symbols[starts[len]++] = i;
    if (len > bits) continue;
    // Deflate sends codes most significant bit first: index the table by the reversed code.
    const entry = (i << 4) | len;
    const step = 1 << len;
    for (let j = REVERSED[next[len]++] >> (FAST_BITS - len); j < size; j += step) fast[j] = entry;
  }
  return tree;
}

/** A tree from fixed lengths (counted here). */
function buildFixed(tree: Tree, lengths: Uint8Array): Tree {
  tree.counts.fill(0);
  for (const len of lengths) tree.counts[len]++;
  return build(tree, lengths, 0, lengths.length, Kind.Literals);
}

// Scratch trees for dynamic blocks, rebuilt per block: decoding is synchronous, never re-entered.
const CODE_TREE = newTree(19, 7);
const LIT_TREE = newTree(288, LIT_BITS);
const DIST_TREE = newTree(30, 6);
const CODE_LENGTHS = new Uint8Array(19);
const LENGTHS = new Uint8Array(286 + 30);

const LENGTH_BASE = Uint16Array.from([3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]);
const LENGTH_EXTRA = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]);
const DIST_BASE = Uint16Array.from([1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]);
const DIST_EXTRA = Uint8Array.from([0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]);
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

const FIXED_LIT = (() => {
  const lengths = new Uint8Array(288);
  lengths.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
  return buildFixed(newTree(288, FAST_BITS), lengths);
})();
// 30 codes of 5 bits (2 of them unused): incomplete, which zlib's fixed tables also are.
const FIXED_DIST = buildFixedDistances();

function buildFixedDistances(): Tree {
  const tree = newTree(32, 5);
  const lengths = new Uint8Array(32).fill(5);
  tree.counts[5] = 32;
  return build(tree, lengths, 0, 32, Kind.Distances);
}

/** Output scratch, reused across calls; an oversized one is dropped after the call. */
const SCRATCH_KEEP = 256 * 1024;
let scratch: Uint8Array = new Uint8Array(16 * 1024);

// Decoder state, shared by the helpers below (the hot loop in `codes` keeps it in locals).
let src: Uint8Array = scratch as Uint8Array;
let pos = 0;
let bitBuf = 0;
let bitCount = 0;
let out: Uint8Array = scratch;
let size = 0;
let cap = 0;

function truncated(): never {
  throw new CodecError('bad zlib data (incomplete or truncated stream)');
}

function take(n: number): number {
  while (bitCount < n) {
    if (pos >= src.length) truncated();
    bitBuf |= src[pos++] << bitCount;
    bitCount += 8;
  }
  const value = bitBuf & ((1 << n) - 1);
  bitBuf >>>= n;
  bitCount -= n;
  return value;
}

/** A code the fast table does not hold: up to 15 bits, MSB first, against the per-length limits. */
function decodeSlow(tree: Tree): number {
  while (bitCount < 15 && pos < src.length) {
    bitBuf |= src[pos++] << bitCount;
    bitCount += 8;
  }
  const x = bitBuf & 0x7fff;
  const peek = (REVERSED8[x & 0xff] << 7) | (REVERSED8[x >> 8] >> 1);
  const limit = tree.limit;
  for (let len = 1; len < 16; len++) {
    if (peek < limit[len]) {
      if (len > bitCount) truncated();
      bitBuf >>>= len;
      bitCount -= len;
      return tree.symbols[tree.base[len] + (peek >> (15 - len))];
    }
  }
  if (bitCount < 15) truncated();
  throw new CodecError('bad zlib data (invalid Huffman code)');
}

/** Room for `n` more output bytes, within the cap. */
function room(n: number): void {
  const needed = size + n;
  if (needed <= out.length) return;
  if (needed > cap) throw new CodecError(`inflated size over the cap of ${cap} bytes`);
  const grown = new Uint8Array(Math.min(cap, Math.max(needed, out.length * 2)));
  grown.set(out.subarray(0, size));
  out = grown;
}

function stored(): void {
  bitBuf = 0;
  pos -= bitCount >> 3;
  bitCount = 0;
  if (pos + 4 > src.length) truncated();
  const len = src[pos] | (src[pos + 1] << 8);
  const nlen = src[pos + 2] | (src[pos + 3] << 8);
  if (len !== (~nlen & 0xffff)) throw new CodecError('bad zlib data (invalid stored block lengths)');
  pos += 4;
  if (pos + len > src.length) truncated();
  room(len);
  out.set(src.subarray(pos, pos + len), size);
  size += len;
  pos += len;
}

/** A dynamic block's header (the code lengths, themselves Huffman-coded), then its codes. The
 * header is most of a session-sized block's work: read on locals, no call per symbol. */
function dynamic(): void {
  const s = src;
  const end = s.length;
  let p = pos;
  let b = bitBuf;
  let c = bitCount;
  while (c < 14) {
    if (p >= end) truncated();
    b |= s[p++] << c;
    c += 8;
  }
  const hlit = (b & 31) + 257;
  const hdist = ((b >>> 5) & 31) + 1;
  const hclen = ((b >>> 10) & 15) + 4;
  b >>>= 14;
  c -= 14;
  if (hlit > 286 || hdist > 30) throw new CodecError('bad zlib data (too many length or distance symbols)');
  const codeLengths = CODE_LENGTHS;
  const codeCounts = CODE_TREE.counts;
  codeLengths.fill(0);
  codeCounts.fill(0);
  for (let i = 0; i < hclen; i++) {
    if (c < 3) {
      if (p >= end) truncated();
      b |= s[p++] << c;
      c += 8;
    }
    const len = b & 7;
    codeLengths[CODE_LENGTH_ORDER[i]] = len;
    codeCounts[len]++;
    b >>>= 3;
    c -= 3;
  }
  const codeTree = build(CODE_TREE, codeLengths, 0, 19, Kind.CodeLengths);
  const codeFast = codeTree.fast;
  const codeMask = codeTree.mask;
  const lengths = LENGTHS;
  const total = hlit + hdist;
  // Count the lengths of each tree as they are read (build then skips its counting pass).
  const litCounts = LIT_TREE.counts;
  const distCounts = DIST_TREE.counts;
  litCounts.fill(0);
  distCounts.fill(0);
  for (let i = 0; i < total; ) {
    // A code-length code (≤ 7 bits) and its repeat bits (≤ 7) need no refill in between.
    while (c < 14 && p < end) {
      b |= s[p++] << c;
      c += 8;
    }
    const entry = codeFast[b & codeMask];
    const len = entry & 15;
    if (len > c) truncated();
    // A complete code-length code fills every entry; an empty one (no code at all) fills none.
    if (entry === 0) throw new CodecError('bad zlib data (invalid code lengths set)');
    b >>>= len;
    c -= len;
    const sym = entry >> 4;
    if (sym < 16) {
      if (i < hlit) litCounts[sym]++;
      else distCounts[sym]++;
      lengths[i++] = sym;
      continue;
    }
    let repeat: number;
    let value = 0;
    if (sym === 16) {
      if (i === 0) throw new CodecError('bad zlib data (invalid bit length repeat)');
      value = lengths[i - 1];
      if (c < 2) truncated();
      repeat = 3 + (b & 3);
      b >>>= 2;
      c -= 2;
    } else if (sym === 17) {
      if (c < 3) truncated();
      repeat = 3 + (b & 7);
      b >>>= 3;
      c -= 3;
    } else {
      if (c < 7) truncated();
      repeat = 11 + (b & 127);
      b >>>= 7;
      c -= 7;
    }
    if (i + repeat > total) throw new CodecError('bad zlib data (invalid bit length repeat)');
    for (const stop = i + repeat; i < stop; i++) {
      if (i < hlit) litCounts[value]++;
      else distCounts[value]++;
      lengths[i] = value;
    }
  }
  pos = p;
  bitBuf = b;
  bitCount = c;
  if (lengths[256] === 0) throw new CodecError('bad zlib data (missing end-of-block code)');
  codes(build(LIT_TREE, lengths, 0, hlit, Kind.Literals), build(DIST_TREE, lengths, hlit, hdist, Kind.Distances));
}

/** One block's literals and matches: the hot loop, on locals, synced with the shared state around the rare calls. */
function codes(lit: Tree, dist: Tree): void {
  const s = src;
  const end = s.length;
  const litFast = lit.fast;
  const litMask = lit.mask;
  const distFast = dist.fast;
  const distMask = dist.mask;
  let p = pos;
  let b = bitBuf;
  let c = bitCount;
  let o = out;
  let n = size;
  for (;;) {
    // Up to 25+ bits: a literal/length code (≤15) and its extra bits (≤5) need no refill.
    while (c <= 24 && p < end) {
      b |= s[p++] << c;
      c += 8;
    }
    let sym: number;
    let entry = litFast[b & litMask];
    let len = entry & 15;
    if (entry !== 0 && len <= c) {
      b >>>= len;
      c -= len;
      sym = entry >> 4;
    } else {
      pos = p;
      bitBuf = b;
      bitCount = c;
      sym = decodeSlow(lit);
      p = pos;
      b = bitBuf;
      c = bitCount;
    }
    if (sym < 256) {
      if (n === o.length) {
        size = n;
        room(1);
        o = out;
      }
      o[n++] = sym;
      continue;
    }
    if (sym === 256) break;
    const li = sym - 257;
    if (li >= 29) throw new CodecError('bad zlib data (invalid literal/length code)');
    let extra = LENGTH_EXTRA[li];
    if (c < extra) truncated();
    const length = LENGTH_BASE[li] + (b & ((1 << extra) - 1));
    b >>>= extra;
    c -= extra;
    while (c <= 24 && p < end) {
      b |= s[p++] << c;
      c += 8;
    }
    let di: number;
    entry = distFast[b & distMask];
    len = entry & 15;
    if (entry !== 0 && len <= c) {
      b >>>= len;
      c -= len;
      di = entry >> 4;
    } else {
      pos = p;
      bitBuf = b;
      bitCount = c;
      di = decodeSlow(dist);
      p = pos;
      b = bitBuf;
      c = bitCount;
    }
    if (di >= 30) throw new CodecError('bad zlib data (invalid distance code)');
    extra = DIST_EXTRA[di];
    while (c < extra) {
      if (p >= end) truncated();
      b |= s[p++] << c;
      c += 8;
    }
    const distance = DIST_BASE[di] + (b & ((1 << extra) - 1));
    b >>>= extra;
    c -= extra;
    if (distance > n) throw new CodecError('bad zlib data (invalid distance too far back)');
    if (n + length > o.length) {
      size = n;
      room(length);
      o = out;
    }
    let from = n - distance;
    const stop = n + length;
    while (n < stop) o[n++] = o[from++];
  }
  pos = p;
  bitBuf = b;
  bitCount = c;
  size = n;
}

function run(): void {
  let final = 0;
  while (!final) {
    final = take(1);
    const type = take(2);
    if (type === 0) stored();
    else if (type === 1) codes(FIXED_LIT, FIXED_DIST);
    else if (type === 2) dynamic();
    else throw new CodecError('bad zlib data (invalid block type)');
  }
  // Unused bits of the last byte are dropped; whole bytes read ahead are given back.
  pos -= bitCount >> 3;
  bitBuf = 0;
  bitCount = 0;
}

function adler32(data: Uint8Array, length: number): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < length; ) {
    const stop = Math.min(length, i + 3800);
    for (; i < stop; i++) {
      a += data[i];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/**
 * `zlib.decompress(data)` into the shared scratch buffer: the view is valid only until the next
 * call (read it or copy it at once). Header checked, Adler-32 verified, trailing bytes ignored.
 */
export function zlibInflateScratch(data: Uint8Array, maxBytes: number): Uint8Array {
  if (data.length < 2) truncated();
  const cmf = data[0];
  const flg = data[1];
  if ((cmf & 0x0f) !== 8 || cmf >> 4 > 7 || ((cmf << 8) | flg) % 31 !== 0) throw new CodecError('bad zlib data (incorrect header check)');
  if (flg & 0x20) throw new CodecError('bad zlib data (needs a preset dictionary)');
  src = data;
  pos = 2;
  bitBuf = 0;
  bitCount = 0;
  cap = maxBytes;
  size = 0;
  out = scratch.length <= cap ? scratch : new Uint8Array(cap);
  let buffer: Uint8Array;
  try {
    run();
  } finally {
    // Keep a grown buffer for the next call unless it is large; never keep the input alive.
    buffer = out;
    if (out.length <= SCRATCH_KEEP && out.length > scratch.length) scratch = out;
    src = scratch;
    out = scratch;
  }
  const at = pos;
  if (at + 4 > data.length) truncated();
  const expected = ((data[at] << 24) | (data[at + 1] << 16) | (data[at + 2] << 8) | data[at + 3]) >>> 0;
  if (adler32(buffer, size) !== expected) throw new CodecError('bad zlib data (incorrect data check)');
  return buffer.subarray(0, size);
}

/** `zlib.decompress(data)`: header checked, Adler-32 verified, trailing bytes ignored. */
export function zlibInflate(data: Uint8Array, maxBytes: number): Uint8Array {
  return zlibInflateScratch(data, maxBytes).slice();
}
