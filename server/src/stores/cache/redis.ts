// Redis through ioredis (pure JS): standalone, rediss:// (TLS), Cluster and Sentinel through
// ioredis's own support. Enumeration is SCAN MATCH <glob-escaped prefix>* COUNT n on every master,
// never KEYS; values and PTTL come in one pipeline. No reconnect loop: a dead server fails fast.
import type { Cluster, Redis, RedisOptions } from 'ioredis';
import { decodeCursor, encodeCursor } from '../cursor';
import { StoreError, unreachable, withTimeout } from '../errors';
import type { CacheBackend, CacheEntry, ScanResult } from './backend';
import { scanPattern, type CacheKeying } from './keys';

export interface RedisTarget {
  mode: 'single' | 'cluster' | 'sentinel';
  host: string;
  port: number;
  nodes: { host: string; port: number }[];
  sentinelMaster?: string;
  db: number;
  username?: string;
  password?: string;
  tls: boolean;
  timeoutMs: number;
}

interface ScanCursor { n: number; c: string; s?: number }
const isScanCursor = (v: unknown): v is ScanCursor =>
  !!v && typeof (v as ScanCursor).n === 'number' && typeof (v as ScanCursor).c === 'string';

/** SCAN calls per page at most (a sparse prefix in a huge keyspace must not hold a page forever). */
const MAX_SCAN_CALLS = 200;

export class RedisBackend implements CacheBackend {
  readonly where: string;
  private client: Promise<Redis | Cluster> | undefined;

  constructor(private readonly target: RedisTarget) {
    const t = target;
    const nodes = t.nodes.map((n) => `${n.host}:${n.port}`).join(',');
    this.where = t.mode === 'single' ? `Redis ${t.host}:${t.port}/${t.db}`
      : t.mode === 'sentinel' ? `Redis sentinel ${nodes} (master ${t.sentinelMaster}, db ${t.db})` : `Redis cluster ${nodes}`;
  }

  /**
   * SCAN batches are cut to `want` keys: the cursor then remembers the batch's SCAN cursor and how
   * many of its keys were already shown (re-running SCAN at a cursor returns the same batch while
   * the keyspace is unchanged; otherwise SCAN's own "may repeat" guarantee applies).
   */
  async scan(keying: CacheKeying, cursor: string | undefined, want: number): Promise<ScanResult> {
    return this.guard(async (client) => {
      const nodes = masters(client, this.where);
      let state = cursor ? decodeCursor(cursor, isScanCursor) : { n: 0, c: '0', s: 0 };
      const keys: string[] = [];
      const pattern = scanPattern(keying);
      for (let calls = 0; calls < MAX_SCAN_CALLS && state.n < nodes.length && keys.length < want; calls++) {
        const [next, found] = await nodes[state.n]!.scan(state.c, 'MATCH', pattern, 'COUNT', Math.max(want, 100));
        const fresh = found.slice(state.s ?? 0);
        const taken = fresh.slice(0, want - keys.length);
        keys.push(...taken);
        if (taken.length < fresh.length) state = { ...state, s: (state.s ?? 0) + taken.length };
        else state = next === '0' ? { n: state.n + 1, c: '0', s: 0 } : { n: state.n, c: next, s: 0 };
      }
      return { keys, cursor: state.n < nodes.length ? encodeCursor(state) : undefined };
    });
  }

  async fetch(keys: string[]): Promise<CacheEntry[]> {
    if (keys.length === 0) return [];
    return this.guard(async (client) => {
      // One round trip per page; a Cluster pipeline must stay within one slot, so there each
      // key gets its own (keys of a page may live on different slots).
      const batches = this.target.mode === 'cluster' ? keys.map((key) => [key]) : [keys];
      const entries = await Promise.all(batches.map(async (batch) => {
        const pipeline = client.pipeline();
        for (const key of batch) pipeline.getBuffer(key).pttl(key);
        const replies = (await pipeline.exec()) ?? [];
        return batch.map((key, i): CacheEntry => {
          const [valueReply, ttlReply] = [replies[2 * i], replies[2 * i + 1]];
          if (valueReply?.[0]) throw valueReply[0];
          const pttl = Number(ttlReply?.[1] ?? -2);
          const value = (valueReply?.[1] as Buffer | null) ?? null;
          return { key, value, ttl: pttl >= 0 ? pttl / 1000 : pttl === -1 ? null : undefined };
        });
      }));
      return entries.flat();
    });
  }

  async countKeys(keying: CacheKeying): Promise<number> {
    return this.guard(async (client) => {
      let total = 0;
      for (const node of masters(client, this.where)) {
        let cursor = '0';
        do {
          const [next, found] = await node.scan(cursor, 'MATCH', scanPattern(keying), 'COUNT', 1000);
          total += found.length;
          cursor = next;
        } while (cursor !== '0');
      }
      return total;
    }, 'count');
  }

  async remove(keys: string[]): Promise<number> {
    if (keys.length === 0) return 0;
    return this.guard(async (client) => {
      let removed = 0;
      for (const key of keys) removed += await client.del(key);
      return removed;
    });
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await client.then((c) => c.disconnect()).catch(() => undefined);
  }

  /** Runs one operation with a connected client; any failure becomes a clear StoreError. */
  private async guard<T>(work: (client: Redis | Cluster) => Promise<T>, kind: 'op' | 'count' = 'op'): Promise<T> {
    try {
      const client = await this.connect();
      // count() scans everything: allow it longer than one command.
      return await withTimeout(work(client), this.target.timeoutMs * (kind === 'count' ? 12 : 3), this.where);
    } catch (error) {
      if (!(error instanceof StoreError) || error.code === 'timeout') await this.close();
      throw this.translate(error);
    }
  }

  private connect(): Promise<Redis | Cluster> {
    if (!this.client) {
      this.client = this.open();
      this.client.catch(() => (this.client = undefined));
    }
    return this.client;
  }

  private async open(): Promise<Redis | Cluster> {
    const ioredis = await import('ioredis');
    const t = this.target;
    const common: RedisOptions = {
      db: t.db, username: t.username, password: t.password,
      tls: t.tls ? {} : undefined,
      connectTimeout: t.timeoutMs, commandTimeout: t.timeoutMs,
      maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: true, lazyConnect: true,
    };
    let client: Redis | Cluster;
    if (t.mode === 'cluster') {
      client = new ioredis.Cluster(t.nodes, { redisOptions: common, clusterRetryStrategy: () => null, lazyConnect: true });
    } else if (t.mode === 'sentinel') {
      client = new ioredis.Redis({ ...common, sentinels: t.nodes, name: t.sentinelMaster, sentinelRetryStrategy: () => null });
    } else {
      client = new ioredis.Redis({ ...common, host: t.host, port: t.port });
    }
    // ioredis emits 'error' events on connection problems; unhandled they would kill the process.
    client.on('error', () => undefined);
    try {
      await withTimeout(client.connect(), t.timeoutMs, this.where);
    } catch (error) {
      client.disconnect();
      throw error;
    }
    return client;
  }

  private translate(error: unknown): StoreError {
    if (error instanceof StoreError) return error;
    const net = unreachable(error, this.where);
    if (net) return net;
    const message = (error as Error)?.message ?? String(error);
    if (/timed out|timeout/i.test(message)) return new StoreError('timeout', `${this.where} did not answer within ${this.target.timeoutMs / 1000} s`);
    if (/NOAUTH|WRONGPASS|invalid password|invalid username/i.test(message)) {
      return new StoreError('auth', `${this.where}: authentication failed (set the password in the store's password variable or SecretStorage)`);
    }
    // ioredis words it "All sentinels are unreachable ... Last error: ERR No such master with that name".
    if (/No such master with that name/i.test(message)) {
      return new StoreError('bad-config', `${this.where}: the Sentinel knows no master named "${this.target.sentinelMaster}" (check the master name in the store URL)`);
    }
    if (/NOPERM/i.test(message)) return new StoreError('permission', `${this.where}: ${message}`);
    if (/Connection is closed|connect ECONNREFUSED|Stream isn't writeable/i.test(message)) {
      return new StoreError('unreachable', `${this.where}: connection refused or closed (is the server running?)`);
    }
    return new StoreError('driver', `${this.where}: ${message}`);
  }
}

/**
 * The connection to each master. For a Cluster: every node that owns slots, in a fixed order (a
 * cursor's node index must name the same node on the next page, even after a reconnect); a master
 * that has left ioredis's pool (its connection ended: the node is down) is an error, not a
 * listing that silently lacks its keys.
 */
function masters(client: Redis | Cluster, where: string): Redis[] {
  if (!('isCluster' in client && client.isCluster)) return [client as Redis];
  const cluster = client as Cluster;
  const connected = new Map(cluster.nodes('master').map((node) => [`${node.options.host}:${node.options.port}`, node]));
  const owners = [...new Set(cluster.slots.map((keys) => keys?.[0]).filter((key): key is string => !!key))].sort();
  return owners.map((key) => {
    const node = connected.get(key);
    if (!node) throw new StoreError('unreachable', `${where}: cluster master ${key} is down or unreachable (its sessions cannot be read)`);
    return node;
  });
}
