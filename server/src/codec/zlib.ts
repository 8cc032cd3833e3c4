// zlib as Django uses it. Inflate is capped (a small blob can inflate to gigabytes). Deflate uses
// pako because Node's bundled zlib (Chromium's fork) emits different bytes than CPython's zlib
// at the same level, and encoders must reproduce Django byte for byte.
import { inflateSync } from 'node:zlib';
import { deflate } from 'pako';
import { CodecError } from './errors';
import { zlibInflate, zlibInflateScratch } from './inflate';
import { wasmAvailable, wasmInflate, wasmOutput } from './wasm/blob';

export const DEFAULT_MAX_INFLATED_BYTES = 16 * 1024 * 1024;

/** Above this, Node's native inflate wins over the per-call cost it pays to set up a stream. */
const JS_INFLATE_MAX_INPUT = 64 * 1024;

// Small blobs inflate in WebAssembly (wasm/inflate.c) when the runtime has it, else in JS
// (inflate.ts); what the module's regions cannot hold goes to Node's zlib.
export function inflateCapped(data: Uint8Array, maxBytes = DEFAULT_MAX_INFLATED_BYTES): Uint8Array {
  const n = wasmInflate(data, maxBytes);
  if (n >= 0) return new Uint8Array(wasmOutput().subarray(0, n));
  if (data.length <= JS_INFLATE_MAX_INPUT && !wasmAvailable()) return zlibInflate(data, Math.max(1, maxBytes));
  return inflateNative(data, maxBytes);
}

/** As `inflateCapped`, but small blobs come back as a view of a shared scratch buffer, valid only
 * until the next inflate: for callers that read the bytes at once (the decode path). */
export function inflateCappedTransient(data: Uint8Array, maxBytes = DEFAULT_MAX_INFLATED_BYTES): Uint8Array {
  const n = wasmInflate(data, maxBytes);
  if (n >= 0) return wasmOutput().subarray(0, n);
  if (data.length <= JS_INFLATE_MAX_INPUT && !wasmAvailable()) return zlibInflateScratch(data, Math.max(1, maxBytes));
  return inflateNative(data, maxBytes);
}

function inflateNative(data: Uint8Array, maxBytes: number): Uint8Array {
  try {
    return inflateSync(data, { maxOutputLength: Math.max(1, maxBytes) });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw new CodecError(`inflated size over the cap of ${maxBytes} bytes`);
    }
    throw new CodecError(`bad zlib data (${(error as Error).message})`);
  }
}

/** `zlib.compress(data)` at CPython's default level, byte-identical. */
export function deflatePython(data: Uint8Array): Uint8Array {
  return deflate(data);
}
