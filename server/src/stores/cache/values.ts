// Reads the bytes a Django cache stored for a session dict, per client flavour:
//  - Django's RedisCache (4.0+): an exact int as decimal text, anything else pickle;
//  - django-redis: int raw, else compressor(serializer(value)); like django-redis, a value that
//    does not decompress is read as uncompressed (it skips compression below min_length);
//  - pymemcache (PyMemcacheCache): memcached flags say pickle (1), text (16), int (2), bytes (0).
import { decode as msgpackDecode } from '@msgpack/msgpack';
import { decodePickledSession, parsePythonJson } from '../../codec';
import { inflateCapped } from '../../codec/zlib';
import type { DecodedSession, PyJson } from '../../codec/types';
import { undecodable, unsignedSession } from '../live';
import { decompress, UnsupportedCompressor, type Compressor } from './compressors';

export interface ValueFlavour {
  client: 'django' | 'django-redis' | 'pymemcache';
  serializer: 'pickle' | 'json' | 'msgpack';
  compressor: Compressor;
  maxBytes: number;
}

const INT = /^-?\d+$/;

export async function decodeCacheValue(value: Buffer, flavour: ValueFlavour, now: Date, flags?: number): Promise<DecodedSession> {
  try {
    if (flavour.client === 'pymemcache') return decodeMemcached(value, flags ?? 0, flavour.maxBytes, now);
    if (INT.test(value.toString('latin1'))) return undecodable('an integer, not a session dict');
    if (flavour.client === 'django') return decodePickledSession(value, { now });
    let raw = value;
    try {
      raw = await decompress(flavour.compressor, value, flavour.maxBytes);
    } catch (error) {
      if (error instanceof UnsupportedCompressor) return undecodable(error.message);
    }
    return deserialize(raw, flavour.serializer, now);
  } catch (error) {
    return undecodable((error as Error).message);
  }
}

function deserialize(raw: Buffer, serializer: ValueFlavour['serializer'], now: Date): DecodedSession {
  if (serializer === 'pickle') return decodePickledSession(raw, { now });
  if (serializer === 'json') return unsignedSession(parsePythonJson(raw.toString('utf8')), 'json', now);
  return unsignedSession(pyJsonOf(msgpackDecode(raw)), 'json', now);
}

// pymemcache serde flags.
const FLAG_BYTES = 0, FLAG_PICKLE = 1, FLAG_INTEGER = 2, FLAG_LONG = 4, FLAG_COMPRESSED = 8, FLAG_TEXT = 16;

function decodeMemcached(value: Buffer, flags: number, maxBytes: number, now: Date): DecodedSession {
  let raw = value;
  if (flags & FLAG_COMPRESSED) {
    // pymemcache CompressedSerde: zlib over the serialized value.
    raw = Buffer.from(inflateCapped(value, maxBytes));
  }
  const kind = flags & ~FLAG_COMPRESSED;
  if (kind === FLAG_PICKLE) return decodePickledSession(raw, { now });
  if (kind === FLAG_TEXT) return undecodable('a text value, not a session dict');
  if (kind === FLAG_INTEGER || kind === FLAG_LONG) return undecodable('an integer, not a session dict');
  if (kind === FLAG_BYTES) return undecodable('raw bytes, not a session dict');
  return undecodable(`unknown memcached flags ${flags}`);
}

/** msgpack gives Uint8Array for bin values and Map for non-string keys; map them to PyJson tags. */
function pyJsonOf(value: unknown): PyJson {
  if (value instanceof Uint8Array) return { $type: 'bytes', value: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(pyJsonOf);
  if (value instanceof Map) return { $type: 'dict', items: [...value].map(([k, v]) => [pyJsonOf(k), pyJsonOf(v)]) };
  if (typeof value === 'bigint') return { $type: 'int', value: value.toString() };
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pyJsonOf(v)]));
  }
  return (value ?? null) as PyJson;
}
