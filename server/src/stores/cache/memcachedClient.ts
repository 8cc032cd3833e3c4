// A minimal Memcached text-protocol client over node:net. Written here rather than taken from npm
// because sessions need what clients hide: the raw flags (pymemcache's serializer marker), the TTL
// (meta get `t`) and `lru_crawler metadump`, which must be sent alone on its connection.
// Requests run one at a time; each has a deadline after which the connection is dropped.
import { Socket, connect } from 'node:net';
import { StoreError, unreachable } from '../errors';

/** The crawler runs one job at a time (another dump, or its own background pass): retry. */
export class CrawlerBusy extends StoreError {}

export interface MetaValue {
  value: Buffer;
  flags: number;
  /** Seconds left, or null for no expiry. */
  ttl: number | null;
}

export interface DumpedKey {
  key: string;
  /** Absolute Unix time, or -1 for no expiry. */
  exp: number;
  size: number;
}

/** Memcached refuses keys over 250 bytes or with whitespace/control characters. */
export function validMemcachedKey(key: string): boolean {
  return Buffer.byteLength(key) <= 250 && ![...key].some((c) => c.charCodeAt(0) <= 0x20 || c.charCodeAt(0) === 0x7f || /\s/.test(c));
}

export class MemcachedClient {
  private socket: Socket | undefined;
  private buffer = Buffer.alloc(0);
  private wake: (() => void) | undefined;
  private failure: Error | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private activity: (() => void) | undefined;

  constructor(readonly host: string, readonly port: number, private readonly timeoutMs: number, readonly where: string) {}

  /** `mg <key> v f t`: the value with its flags and TTL, or null when absent. */
  metaGet(key: string): Promise<MetaValue | null> {
    return this.request(`mg ${key} v f t\r\n`, async () => {
      const header = await this.readLine();
      if (header === 'EN') return null;
      const m = /^VA (\d+)((?: \S+)*)$/.exec(header);
      if (!m) throw this.protocolError(header);
      const value = await this.readBytes(Number(m[1]));
      let flags = 0;
      let ttl: number | null = null;
      for (const token of m[2]!.trim().split(' ')) {
        if (token.startsWith('f')) flags = Number(token.slice(1));
        if (token.startsWith('t')) ttl = Number(token.slice(1)) < 0 ? null : Number(token.slice(1));
      }
      return { value, flags, ttl };
    });
  }

  delete(key: string): Promise<boolean> {
    return this.request(`delete ${key}\r\n`, async () => {
      const line = await this.readLine();
      if (line === 'DELETED') return true;
      if (line === 'NOT_FOUND') return false;
      throw this.protocolError(line);
    });
  }

  /**
   * Every key (URL-decoded; `keep` filters early). `hash` walks the hash table (1.6.12+) and sees
   * every item; `all` walks the LRUs and can miss items that move between LRU segments meanwhile.
   */
  metadump(keep: (key: string) => boolean, deadlineMs: number, walk: 'hash' | 'all' = 'hash'): Promise<DumpedKey[]> {
    return this.request(`lru_crawler metadump ${walk}\r\n`, async () => {
      const keys: DumpedKey[] = [];
      for (;;) {
        const line = await this.readLine();
        if (line === 'END') return keys;
        if (line.startsWith('BUSY')) throw new CrawlerBusy('driver', `${this.where}: the LRU crawler stayed busy (${line}); try again`);
        if (/^(ERROR|CLIENT_ERROR|SERVER_ERROR)/.test(line)) {
          throw new StoreError('unsupported', `${this.where} does not allow key listing (lru_crawler metadump: ${line}); look sessions up by key instead`);
        }
        const fields = Object.fromEntries(line.split(' ').map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
        if (fields.key === undefined) continue;
        let key: string;
        try {
          key = decodeURIComponent(fields.key);
        } catch {
          continue;
        }
        if (keep(key)) keys.push({ key, exp: Number(fields.exp ?? -1), size: Number(fields.size ?? 0) });
      }
    }, deadlineMs);
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  /**
   * Sends one command and reads its reply. The timeout is an idle timeout (re-armed whenever bytes
   * arrive, so a long dump that keeps flowing is fine); `deadlineMs` bounds the whole reply.
   */
  private request<T>(command: string, read: () => Promise<T>, deadlineMs = this.timeoutMs): Promise<T> {
    const run = async () => {
      const socket = await this.connected();
      let idle: NodeJS.Timeout | undefined;
      let deadline: NodeJS.Timeout | undefined;
      const expired = new Promise<never>((_, reject) => {
        const fail = (ms: number) => () => {
          this.close();
          reject(new StoreError('timeout', `${this.where} did not answer within ${ms / 1000} s`));
        };
        this.activity = () => {
          clearTimeout(idle);
          idle = setTimeout(fail(this.timeoutMs), this.timeoutMs);
        };
        this.activity();
        deadline = setTimeout(fail(deadlineMs), deadlineMs);
      });
      try {
        socket.write(command);
        return await Promise.race([read(), expired]);
      } catch (error) {
        this.close();
        throw error;
      } finally {
        this.activity = undefined;
        clearTimeout(idle);
        clearTimeout(deadline);
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private connected(): Promise<Socket> {
    if (this.socket && !this.socket.destroyed && !this.socket.connecting) return Promise.resolve(this.socket);
    this.socket?.destroy();
    this.buffer = Buffer.alloc(0);
    this.failure = undefined;
    const socket = connect({ host: this.host, port: this.port });
    this.socket = socket;
    // Events of a socket that was replaced must not touch the current connection's state.
    const current = () => this.socket === socket;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new StoreError('timeout', `${this.where}: connection timed out after ${this.timeoutMs / 1000} s`));
      }, this.timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve(socket);
      });
      socket.on('data', (chunk) => {
        if (!current()) return;
        this.buffer = Buffer.concat([this.buffer, chunk]);
        this.activity?.();
        this.wake?.();
      });
      socket.on('error', (error) => {
        clearTimeout(timer);
        const failure = unreachable(error, this.where) ?? new StoreError('driver', `${this.where}: ${error.message}`);
        reject(failure);
        if (!current()) return;
        this.failure = failure;
        this.wake?.();
      });
      socket.on('close', () => {
        clearTimeout(timer);
        reject(new StoreError('unreachable', `${this.where}: connection closed`));
        if (!current()) return;
        this.failure ??= new StoreError('unreachable', `${this.where}: connection closed`);
        this.socket = undefined;
        this.wake?.();
      });
    });
  }

  private async waitFor(have: () => boolean): Promise<void> {
    while (!have()) {
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }

  /** One reply line; metadump ends its lines with a bare "\n", other replies with "\r\n". */
  private async readLine(): Promise<string> {
    let end = -1;
    await this.waitFor(() => (end = this.buffer.indexOf(0x0a)) >= 0);
    const line = this.buffer.subarray(0, end > 0 && this.buffer[end - 1] === 0x0d ? end - 1 : end).toString('latin1');
    this.buffer = this.buffer.subarray(end + 1);
    return line;
  }

  private async readBytes(length: number): Promise<Buffer> {
    await this.waitFor(() => this.buffer.length >= length + 2);
    const value = Buffer.from(this.buffer.subarray(0, length));
    this.buffer = this.buffer.subarray(length + 2);
    return value;
  }

  private protocolError(line: string): StoreError {
    return new StoreError('driver', `${this.where}: unexpected reply "${line.slice(0, 80)}"`);
  }
}
