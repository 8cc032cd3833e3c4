// A small zlib (RFC 1950/1951) inflater for session-sized blobs. Node's inflateSync builds a
// native stream per call, which costs more than decoding a few hundred bytes; this one allocates
// only the output. Bounded: output capped, every read checked, invalid codes rejected, Adler-32
// verified (as CPython's zlib.decompress does).
import { CodecError } from './errors';

/** Codes up to this many bits decode with one table lookup; longer ones bit by bit. */
const FAST_BITS = 9;

class Huffman {
  /** counts[len] = number of codes of that bit length. */
  readonly counts = new Uint16Array(16);
  /** Indexed by the next `fastBits` input bits: symbol << 4 | code length, 0 when longer. */
  readonly fast: Int32Array;
  readonly fastMask: number;
  /** Symbols ordered by code. */
  readonly symbols: Uint16Array;
  /** Small alphabets get small tables: filling the table is most of the cost of a tree. */
  constructor(size: number, readonly fastBits: number) {
    this.symbols = new Uint16Array(size);
    this.fast = new Int32Array(1 << fastBits);
    this.fastMask = (1 << fastBits) - 1;
  }

  build(lengths: Uint8Array, offset: number, count: number): this {
    const counts = this.counts;
    counts.fill(0);
    for (let i = 0; i < count; i++) counts[lengths[offset + i]]++;
    counts[0] = 0;
    const starts = STARTS;
    let left = 1;
    for (let len = 1; len < 16; len++) {
      left = (left << 1) - counts[len];
      if (left < 0) throw new CodecError('bad zlib data (over-subscribed Huffman code)');
      starts[len] = len === 1 ? 0 : starts[len - 1] + counts[len - 1];
    }
    for (let i = 0; i < count; i++) {
      const len = lengths[offset + i];
      if (len) this.symbols[starts[len]++] = i;
    }
    this.fillFastTable();
    return this;
  }

  /** Canonical codes, bit-reversed because deflate sends Huffman codes most significant bit first. */
  private fillFastTable(): void {
    this.fast.fill(0);
    let code = 0;
    let k = 0;
    const bits = this.fastBits;
    for (let len = 1; len <= bits; len++) {
      for (let c = 0; c < this.counts[len]; c++, k++, code++) {
        const reversed = REVERSED[code] >> (FAST_BITS - len);
        const entry = (this.symbols[k] << 4) | len;
        for (let j = reversed; j <= this.fastMask; j += 1 << len) this.fast[j] = entry;
      }
      code <<= 1;
    }
  }
}

const STARTS = new Uint16Array(16);
/** REVERSED[c] = c with its FAST_BITS bits in reverse order. */
const REVERSED = Uint16Array.from({ length: 1 << FAST_BITS }, (_, c) => {
  let r = 0;
  for (let b = 0; b < FAST_BITS; b++) r |= ((c >> b) & 1) << (FAST_BITS - 1 - b);
  return r;
});

// Scratch trees for dynamic blocks, rebuilt per block: decoding is synchronous, never re-entered.
const CODE_TREE = new Huffman(19, 7);
const LIT_TREE = new Huffman(288, FAST_BITS);
const DIST_TREE = new Huffman(30, 6);
const CODE_LENGTHS = new Uint8Array(19);
const LENGTHS = new Uint8Array(286 + 30);

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

const FIXED_LIT = (() => {
  const lengths = new Uint8Array(288);
  lengths.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
  return new Huffman(288, FAST_BITS).build(lengths, 0, 288);
})();
const FIXED_DIST = new Huffman(30, 5).build(new Uint8Array(30).fill(5), 0, 30);

class Inflater {
  private pos: number;
  private bits = 0;
  private bitCount = 0;
  out: Uint8Array;
  size = 0;

  constructor(private readonly src: Uint8Array, start: number, private readonly cap: number) {
    this.pos = start;
    this.out = new Uint8Array(Math.min(cap, Math.max(256, src.length * 4)));
  }

  /** Offset of the first byte after the deflate stream (its last partial byte included). */
  get end(): number {
    return this.pos;
  }

  private need(n: number): void {
    while (this.bitCount < n) {
      if (this.pos >= this.src.length) throw new CodecError('bad zlib data (incomplete or truncated stream)');
      this.bits |= this.src[this.pos++] << this.bitCount;
      this.bitCount += 8;
    }
  }

  private take(n: number): number {
    if (n === 0) return 0;
    this.need(n);
    const value = this.bits & ((1 << n) - 1);
    this.bits >>>= n;
    this.bitCount -= n;
    return value;
  }

  private decode(tree: Huffman): number {
    // Top up without failing: near the end fewer bits may remain than FAST_BITS.
    while (this.bitCount < tree.fastBits && this.pos < this.src.length) {
      this.bits |= this.src[this.pos++] << this.bitCount;
      this.bitCount += 8;
    }
    const entry = tree.fast[this.bits & tree.fastMask];
    const len = entry & 15;
    if (entry !== 0 && len <= this.bitCount) {
      this.bits >>>= len;
      this.bitCount -= len;
      return entry >> 4;
    }
    return this.decodeSlow(tree);
  }

  private decodeSlow(tree: Huffman): number {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len < 16; len++) {
      code |= this.take(1);
      const count = tree.counts[len];
      if (code - first < count) return tree.symbols[index + code - first];
      index += count;
      first = (first + count) << 1;
      code <<= 1;
    }
    throw new CodecError('bad zlib data (invalid Huffman code)');
  }

  private room(n: number): void {
    const needed = this.size + n;
    if (needed <= this.out.length) return;
    if (needed > this.cap) throw new CodecError(`inflated size over the cap of ${this.cap} bytes`);
    const grown = new Uint8Array(Math.min(this.cap, Math.max(needed, this.out.length * 2)));
    grown.set(this.out.subarray(0, this.size));
    this.out = grown;
  }

  run(): void {
    let final = 0;
    while (!final) {
      final = this.take(1);
      const type = this.take(2);
      if (type === 0) this.stored();
      else if (type === 1) this.codes(FIXED_LIT, FIXED_DIST);
      else if (type === 2) this.dynamic();
      else throw new CodecError('bad zlib data (invalid block type)');
    }
    // Unused bits of the last byte are dropped; whole bytes read ahead are given back.
    this.pos -= this.bitCount >> 3;
    this.bits = 0;
    this.bitCount = 0;
  }

  private stored(): void {
    this.bits = 0;
    this.pos -= this.bitCount >> 3;
    this.bitCount = 0;
    if (this.pos + 4 > this.src.length) throw new CodecError('bad zlib data (incomplete or truncated stream)');
    const len = this.src[this.pos] | (this.src[this.pos + 1] << 8);
    const nlen = this.src[this.pos + 2] | (this.src[this.pos + 3] << 8);
    if (len !== (~nlen & 0xffff)) throw new CodecError('bad zlib data (invalid stored block lengths)');
    this.pos += 4;
    if (this.pos + len > this.src.length) throw new CodecError('bad zlib data (incomplete or truncated stream)');
    this.room(len);
    this.out.set(this.src.subarray(this.pos, this.pos + len), this.size);
    this.size += len;
    this.pos += len;
  }

  private dynamic(): void {
    const hlit = this.take(5) + 257;
    const hdist = this.take(5) + 1;
    const hclen = this.take(4) + 4;
    if (hlit > 286 || hdist > 30) throw new CodecError('bad zlib data (too many length or distance symbols)');
    const codeLengths = CODE_LENGTHS.fill(0);
    for (let i = 0; i < hclen; i++) codeLengths[CODE_LENGTH_ORDER[i]] = this.take(3);
    const codeTree = CODE_TREE.build(codeLengths, 0, 19);
    const lengths = LENGTHS;
    for (let i = 0; i < hlit + hdist; ) {
      const sym = this.decode(codeTree);
      if (sym < 16) {
        lengths[i++] = sym;
        continue;
      }
      let repeat: number;
      let value = 0;
      if (sym === 16) {
        if (i === 0) throw new CodecError('bad zlib data (invalid bit length repeat)');
        value = lengths[i - 1];
        repeat = 3 + this.take(2);
      } else if (sym === 17) repeat = 3 + this.take(3);
      else repeat = 11 + this.take(7);
      if (i + repeat > hlit + hdist) throw new CodecError('bad zlib data (invalid bit length repeat)');
      lengths.fill(value, i, i + repeat);
      i += repeat;
    }
    if (lengths[256] === 0) throw new CodecError('bad zlib data (missing end-of-block code)');
    this.codes(LIT_TREE.build(lengths, 0, hlit), DIST_TREE.build(lengths, hlit, hdist));
  }

  private codes(lit: Huffman, dist: Huffman): void {
    for (;;) {
      const sym = this.decode(lit);
      if (sym < 256) {
        if (this.size === this.out.length) this.room(1);
        this.out[this.size++] = sym;
        continue;
      }
      if (sym === 256) return;
      const li = sym - 257;
      if (li >= 29) throw new CodecError('bad zlib data (invalid literal/length code)');
      const length = LENGTH_BASE[li] + this.take(LENGTH_EXTRA[li]);
      const di = this.decode(dist);
      if (di >= 30) throw new CodecError('bad zlib data (invalid distance code)');
      const distance = DIST_BASE[di] + this.take(DIST_EXTRA[di]);
      if (distance > this.size) throw new CodecError('bad zlib data (invalid distance too far back)');
      this.room(length);
      const out = this.out;
      let from = this.size - distance;
      for (let k = 0; k < length; k++) out[this.size++] = out[from++];
    }
  }
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

/** `zlib.decompress(data)`: header checked, Adler-32 verified, trailing bytes ignored. */
export function zlibInflate(data: Uint8Array, cap: number): Uint8Array {
  if (data.length < 2) throw new CodecError('bad zlib data (incomplete or truncated stream)');
  const cmf = data[0];
  const flg = data[1];
  if ((cmf & 0x0f) !== 8 || cmf >> 4 > 7 || ((cmf << 8) | flg) % 31 !== 0) throw new CodecError('bad zlib data (incorrect header check)');
  if (flg & 0x20) throw new CodecError('bad zlib data (needs a preset dictionary)');
  const inflater = new Inflater(data, 2, cap);
  inflater.run();
  const at = inflater.end;
  if (at + 4 > data.length) throw new CodecError('bad zlib data (incomplete or truncated stream)');
  const expected = ((data[at] << 24) | (data[at + 1] << 16) | (data[at + 2] << 8) | data[at + 3]) >>> 0;
  if (adler32(inflater.out, inflater.size) !== expected) throw new CodecError('bad zlib data (incorrect data check)');
  return inflater.out.subarray(0, inflater.size);
}
