// Direct Redis access for the store tests (db 5): set up, damage and clean up keys.
import { Redis } from 'ioredis';

export const LOCATION = 'redis://127.0.0.1:6379/5';

export async function withRedis<T>(work: (r: Redis) => Promise<T>): Promise<T> {
  const r = new Redis(LOCATION, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  r.on('error', () => undefined);
  await r.connect();
  try {
    return await work(r);
  } finally {
    r.disconnect();
  }
}

export async function dropPrefix(prefix: string): Promise<void> {
  await withRedis(async (r) => {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await r.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  });
}

/** Damages a stored value: truncation for plain pickles, flipped bits for compressed values. */
export function redisCorrupt(cacheKey: (key: string) => string, how: 'truncate' | 'flip') {
  return (key: string) => withRedis(async (r) => {
    const value = (await r.getBuffer(cacheKey(key)))!;
    const bad = how === 'truncate' ? value.subarray(0, Math.floor(value.length / 2)) : Buffer.from(value.map((b, i) => (i % 3 === 1 ? b ^ 0x5a : b)));
    await r.set(cacheKey(key), bad, 'KEEPTTL');
  });
}
