// The WebAssembly half of session decoding (inflate.c): base64url -> zlib inflate -> a JSON
// pre-check, in one call with no allocation. JS pays ~6 µs to inflate a session-sized blob (most of
// it building Huffman tables); the module does the same in well under 1 µs. Instantiated once,
// synchronously, on first use; where WebAssembly is unavailable the callers keep their JS paths.
import { CodecError } from '../errors';
import { INFLATE_WASM_BASE64 } from './inflate.wasm';

interface Exports {
  memory: { buffer: ArrayBuffer };
  text_ptr(): number;
  raw_ptr(): number;
  out_ptr(): number;
  text_cap(): number;
  raw_cap(): number;
  out_cap(): number;
  inflate(len: number, cap: number): number;
  b64_inflate(from: number, len: number, cap: number): number;
  b64_plain(from: number, len: number): number;
  needs_exact(len: number, depthLimit: number): number;
  ipad_ptr(): number;
  hmac_key_ptr(): number;
  inner_digest_ptr(): number;
  hmac_sha256_key(len: number): number;
  hmac_sha256_matches(sigFrom: number, sigLength: number): number;
}

/** Node's Buffer methods behind `write(.., 'utf8')` and `toString('latin1')`, called directly: their
 * argument handling cost ~4% of a session decode. Feature-tested at load (fallbacks below). */
interface DirectBuffer {
  utf8Write?(text: string, offset: number): number;
  latin1Slice?(start: number, end: number): string;
}

interface Blob {
  exports: Exports;
  /** The ipad block then the text: what node:crypto hashes for the inner HMAC. */
  hmacText: Buffer;
  hmacKey: Buffer;
  innerDigest: Buffer;
  text: Buffer;
  raw: Uint8Array;
  out: Buffer;
  /** `hmacText.subarray(0, n)` by n: node:crypto hashes a view of exactly the signed bytes. */
  hmacViews: Buffer[];
}

/** Views are kept for session-sized texts only (one per length). */
const MAX_CACHED_VIEW = 8192;
const E_BASE64 = -1;
const E_CAP = -16;
const E_REGION = -17;
const ZLIB_ERRORS: Record<number, string> = {
  [-2]: 'incomplete or truncated stream',
  [-3]: 'incorrect header check',
  [-4]: 'needs a preset dictionary',
  [-5]: 'invalid block type',
  [-6]: 'invalid stored block lengths',
  [-7]: 'too many length or distance symbols',
  [-8]: 'over-subscribed Huffman code',
  [-9]: 'incomplete Huffman code',
  [-10]: 'invalid bit length repeat',
  [-11]: 'missing end-of-block code',
  [-12]: 'invalid literal/length code',
  [-13]: 'invalid distance code',
  [-14]: 'invalid distance too far back',
  [-15]: 'incorrect data check',
  [-18]: 'invalid Huffman code',
  [-19]: 'invalid code lengths set',
};

/** The part of the WebAssembly API used here (the project's TS libs do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

let blob: Blob | null | undefined;

function load(): Blob | null {
  const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  if (wasm === undefined) return null;
  try {
    const exports = new wasm.Instance(new wasm.Module(Buffer.from(INFLATE_WASM_BASE64, 'base64')), {}).exports as Exports;
    // The memory never grows (fixed regions), so these views stay valid.
    const memory = exports.memory.buffer;
    return {
      exports,
      hmacText: Buffer.from(memory, exports.ipad_ptr(), 64 + exports.text_cap()),
      hmacKey: Buffer.from(memory, exports.hmac_key_ptr(), 64),
      innerDigest: Buffer.from(memory, exports.inner_digest_ptr(), 32),
      text: Buffer.from(memory, exports.text_ptr(), exports.text_cap()),
      raw: new Uint8Array(memory, exports.raw_ptr(), exports.raw_cap()),
      out: Buffer.from(memory, exports.out_ptr(), exports.out_cap()),
      hmacViews: [],
    };
  } catch {
    return null;
  }
}

/** The string whose bytes the text region holds from offset 0 (ASCII, so one byte per char). */
let loadedText: string | null = null;
/** The HMAC key whose ipad block and opad state are loaded. */
let loadedKey: Uint8Array | null = null;

function instance(): Blob | null {
  if (blob === undefined) blob = load();
  return blob;
}

export function wasmAvailable(): boolean {
  return instance() !== null;
}

/** Only for tests: run the JS fallbacks as if WebAssembly were unavailable (or back). */
export function setWasmEnabledForTests(enabled: boolean): void {
  blob = enabled ? undefined : null;
  loadedText = null;
  loadedKey = null;
}

/** Puts an ASCII `text` at the start of the text region (once per string): false when it cannot
 * (no WebAssembly, not ASCII, too long). */
export function wasmLoadText(text: string): boolean {
  if (loadedText === text) return true;
  const b = instance();
  if (b === null || text.length > b.text.length) return false;
  loadedText = null;
  // Written as UTF-8: one byte per char means the text is ASCII.
  const direct = b.text as DirectBuffer;
  const written = direct.utf8Write !== undefined ? direct.utf8Write(text, 0) : b.text.write(text, 0, 'utf8');
  if (written !== text.length) return false;
  loadedText = text;
  return true;
}

type InnerHash = (algorithm: string, data: Uint8Array, outputEncoding: 'latin1') => string;

/**
 * Django's `constant_time_compare(signature, Signer.signature(value))` for HMAC-SHA256 over the
 * loaded text (`wasmLoadText`): the inner hash of text[0, signedLength) by node:crypto (`hash`),
 * the outer hash, base64url and the comparison with text[signatureFrom, +43) in the module.
 */
export function wasmHmacSha256Matches(key: Uint8Array, hash: InnerHash, signedLength: number, signatureFrom: number): boolean {
  const b = instance() as Blob;
  if (loadedKey !== key) {
    b.hmacKey.set(key);
    b.exports.hmac_sha256_key(key.length);
    loadedKey = key;
  }
  const bytes = 64 + signedLength;
  const view = bytes <= MAX_CACHED_VIEW ? (b.hmacViews[bytes] ??= b.hmacText.subarray(0, bytes)) : b.hmacText.subarray(0, bytes);
  const digest = hash('sha256', view, 'latin1');
  // 32 char codes stored one by one: cheaper than Buffer#write's argument handling for so few bytes.
  const into = b.innerDigest;
  for (let i = 0; i < 32; i++) into[i] = digest.charCodeAt(i);
  return b.exports.hmac_sha256_matches(signatureFrom, 43) === 1;
}

/** A result code to a length, or the error it stands for; -1 means "not handled here". */
function settle(result: number, maxBytes: number): number {
  if (result >= 0) return result;
  if (result === E_BASE64 || result === E_REGION) return -1;
  if (result === E_CAP) throw new CodecError(`inflated size over the cap of ${maxBytes} bytes`);
  throw new CodecError(`bad zlib data (${ZLIB_ERRORS[result] ?? `error ${result}`})`);
}

/**
 * `signing.loads`' bytes of a payload (after the signature): "." then base64url means zlib. The
 * bytes land in the module's output region (read them with `wasmOutput` before the next call);
 * returns their length, or -1 when this path does not apply (no WebAssembly, not clean base64url,
 * larger than the regions): the caller then takes its JS path, which words Django's verdicts.
 */
export function wasmPayloadBytes(payload: string, maxBytes: number, prefixOf?: string): number {
  const b = instance();
  // Not written again when the caller knows the payload is a prefix of the text the signature
  // check loaded (the same string object: no comparison of contents). Else written as UTF-8: a
  // non-ASCII char, which a latin-1 write could turn into a base64 one, shows as a length mismatch.
  const inRegion = prefixOf !== undefined && loadedText === prefixOf;
  if (b === null || (!inRegion && !wasmLoadText(payload))) return -1;
  const compressed = payload.charCodeAt(0) === 0x2e;
  if (!compressed) return settle(b.exports.b64_plain(0, payload.length), maxBytes);
  return settle(b.exports.b64_inflate(1, payload.length - 1, Math.max(1, maxBytes)), maxBytes);
}

/** `zlib.decompress(data)` capped, into the output region: its length, or -1 when too large here. */
export function wasmInflate(data: Uint8Array, maxBytes: number): number {
  const b = instance();
  if (b === null || data.length > b.raw.length) return -1;
  b.raw.set(data);
  return settle(b.exports.inflate(data.length, Math.max(1, maxBytes)), maxBytes);
}

/** The first `length` output bytes as a latin-1 string (JSONSerializer's text). */
export function wasmOutputLatin1(length: number): string {
  const out = (instance() as Blob).out;
  const direct = out as DirectBuffer;
  return direct.latin1Slice !== undefined ? direct.latin1Slice(0, length) : out.toString('latin1', 0, length);
}

/** The output region (valid until the next call into the module). */
export function wasmOutput(): Buffer {
  return (instance() as Blob).out;
}

/** Whether the first `length` output bytes, as latin-1 JSON, need the exact (Python) parser. */
export function wasmNeedsExact(length: number, depthLimit: number): boolean {
  return (instance() as Blob).exports.needs_exact(length, depthLimit) !== 0;
}
