// From the base64 payload of a signed blob to the Python value: base64, optional zlib, serializer.
import { b64urlDecode } from './base64';
import { CodecError } from './errors';
import { tryUnpickle } from './pickle/index';
import { MAX_JSON_DEPTH, parseCheckedJson, parsePythonJson } from './pyjson/parse';
import type { PickleLimits, PyJson } from './types';
import { wasmNeedsExact, wasmOutput, wasmOutputLatin1, wasmPayloadBytes } from './wasm/blob';
import { DEFAULT_MAX_INFLATED_BYTES, inflateCapped, inflateCappedTransient } from './zlib';

export interface DeserializedPayload {
  value: PyJson;
  serializer: 'json' | 'pickle';
  skipped?: string[];
}

/** `signing.loads` after the signature: "." means zlib-compressed. */
export function payloadBytes(payload: string, maxInflatedBytes?: number): Uint8Array {
  const compressed = payload.startsWith('.');
  const raw = b64urlDecode(compressed ? payload.slice(1) : payload);
  return compressed ? inflateCapped(raw, maxInflatedBytes) : raw;
}

/** `payloadBytes` then `deserialize`, inflating into a scratch buffer that is read (or, for a
 * pickle, copied) at once. `whole`: a string `payload` is a prefix of (the signed value). */
export function deserializePayload(payload: string, maxInflatedBytes: number | undefined, serializer: 'json' | 'pickle' | 'auto' = 'auto',
  whole?: string): DeserializedPayload {
  // The common case in one WebAssembly call: clean base64url, inflated, JSON pre-checked.
  const length = wasmPayloadBytes(payload, maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES, whole);
  if (length >= 0) {
    const out = wasmOutput();
    if (serializer === 'pickle' || (serializer === 'auto' && length > 0 && out[0] === 0x80)) return deserialize(new Uint8Array(out.subarray(0, length)), 'pickle');
    return { value: parseCheckedJson(wasmOutputLatin1(length), wasmNeedsExact(length, MAX_JSON_DEPTH)), serializer: 'json' };
  }
  if (payload.charCodeAt(0) !== 0x2e /* . */) return deserialize(b64urlDecode(payload), serializer);
  const bytes = inflateCappedTransient(b64urlDecode(payload.slice(1)), maxInflatedBytes);
  const pickled = serializer === 'pickle' || (serializer === 'auto' && bytes[0] === 0x80);
  return deserialize(pickled ? bytes.slice() : bytes, serializer);
}

/** JSONSerializer (latin-1 text) or PickleSerializer (protocol 2+ pickles start with PROTO). */
export function deserialize(bytes: Uint8Array, serializer: 'json' | 'pickle' | 'auto' = 'auto', limits?: PickleLimits): DeserializedPayload {
  if (serializer === 'pickle' || (serializer === 'auto' && bytes[0] === 0x80)) {
    const result = tryUnpickle(bytes, limits);
    if (!result.ok) throw new CodecError(result.reason);
    return { value: result.value, serializer: 'pickle', skipped: result.skipped.length ? result.skipped : undefined };
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return { value: parsePythonJson(text), serializer: 'json' };
}
