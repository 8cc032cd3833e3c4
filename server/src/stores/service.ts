// The live-session service both shells use: a registry of stores (detected from settings and
// configured), adapters opened on demand and cached, and a guard on every write. Nothing escapes
// as an exception: failures come back as messages without secrets, passwords or raw keys.
import { createHash } from 'node:crypto';
import { decodeSessionData, decodeSignedCookie } from '../codec';
import type { DecodedSession } from '../codec/types';
import type { AdapterContext } from './context';
import { DEFAULT_TIMEOUT_MS, safeMessage, withTimeout } from './errors';
import { createAdapter } from './factory';
import { undecodable } from './live';
import { maskSessionKey } from './mask';
import { parseStoreUrl } from './url';
import type { LiveSession, Page, PageRequest, SessionStoreAdapter, StoreConfig } from './types';

export { maskSessionKey } from './mask';

export interface StoreEntry {
  config: StoreConfig;
  source: 'detected' | 'configured';
  /** Where a detected store came from, e.g. `shop/settings.py`. */
  detectedFrom?: string;
}

export interface SessionsOutcome extends Page {
  total?: number;
  /** Set when the page could not be read at all (server down, no permission, ...). */
  error?: string;
}

export interface WriteOutcome {
  ok: boolean;
  deleted?: number;
  message?: string;
}

export interface WriteGuard {
  /** The user confirmed this very operation. */
  confirmed: boolean;
  /** `djangoSessions.readOnly` (default true): refuses every write. */
  readOnly: boolean;
  password?: string;
  secrets?: string[];
}

export interface ConfiguredStoreInput {
  engine?: StoreConfig['engine'];
  url: string;
  table?: string;
  keyPrefix?: string;
  label?: string;
}

interface OpenAdapter {
  adapter: SessionStoreAdapter;
  ctx: AdapterContext;
  passwordKey: string;
}

export class LiveSessionService {
  private readonly stores = new Map<string, StoreEntry>();
  private readonly open = new Map<string, OpenAdapter>();
  private readonly timeoutMs: number;
  private readonly now: () => Date;

  constructor(options: { timeoutMs?: number; now?: () => Date } = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.now = options.now ?? (() => new Date());
  }

  /** Replaces the detected stores (settings changed). */
  setDetected(configs: StoreConfig[], detectedFrom?: string): void {
    this.replace('detected', configs.map((config) => ({ config, source: 'detected', detectedFrom })));
  }

  /** Replaces the configured stores; returns one message per entry that could not be parsed. */
  setConfigured(configured: readonly unknown[], root?: string): string[] {
    const problems: string[] = [];
    const entries: StoreEntry[] = [];
    for (const raw of configured) {
      const c = raw as ConfiguredStoreInput;
      if (!c || typeof c.url !== 'string') {
        problems.push('a configured store has no url');
        continue;
      }
      try {
        entries.push({ config: parseStoreUrl(c.url, { root, engine: c.engine, table: c.table, keyPrefix: c.keyPrefix, label: c.label }), source: 'configured' });
      } catch (error) {
        problems.push(safeMessage(error));
      }
    }
    this.replace('configured', entries);
    return problems;
  }

  /** Adds one store (the CLI's --store); returns its id. */
  register(config: StoreConfig, source: StoreEntry['source'] = 'configured'): string {
    this.stores.set(config.id, { config, source });
    return config.id;
  }

  listStores(): { id: string; label: string; engine: string; backend: string; detectedFrom?: string }[] {
    return [...this.stores.values()].map(({ config, detectedFrom }) => ({
      id: config.id, label: config.label, engine: config.engine, backend: config.backend, ...(detectedFrom ? { detectedFrom } : {}),
    }));
  }

  store(storeId: string): StoreEntry | undefined {
    return this.stores.get(storeId);
  }

  async listSessions(storeId: string, page: PageRequest, secrets: string[], password?: string): Promise<SessionsOutcome> {
    return this.attempt(storeId, secrets, password, async (adapter) => {
      const result: SessionsOutcome = await adapter.list(page);
      // The total is a nicety: a cache with millions of keys must not hold the first page up.
      if (!page.cursor) result.total = await withTimeout(adapter.count(), this.timeoutMs, 'count').catch(() => undefined);
      return result;
    }, (message) => ({ sessions: [], errors: [], error: message }));
  }

  async getSession(storeId: string, key: string, secrets: string[], password?: string): Promise<{ session: LiveSession | null; error?: string }> {
    return this.attempt(storeId, secrets, password, async (adapter) => ({ session: await adapter.get(key) }), (error) => ({ session: null, error }));
  }

  async deleteSession(storeId: string, key: string, guard: WriteGuard): Promise<WriteOutcome> {
    const refused = this.refuse(guard, `delete session ${maskSessionKey(key)}`);
    if (refused) return refused;
    return this.attempt<WriteOutcome>(storeId, guard.secrets ?? [], guard.password, async (adapter) => {
      const existed = await adapter.delete(key);
      return { ok: true, deleted: existed ? 1 : 0, message: existed ? `deleted ${maskSessionKey(key)}` : `${maskSessionKey(key)} was not in the store` };
    }, (message) => ({ ok: false, message }));
  }

  async clearExpired(storeId: string, guard: WriteGuard): Promise<WriteOutcome> {
    const refused = this.refuse(guard, 'clear expired sessions');
    if (refused) return refused;
    return this.attempt<WriteOutcome>(storeId, guard.secrets ?? [], guard.password, async (adapter) => {
      const { deleted } = await adapter.clearExpired();
      return { ok: true, deleted, message: `deleted ${deleted} expired session${deleted === 1 ? '' : 's'}` };
    }, (message) => ({ ok: false, message }));
  }

  /** A pasted value: session_data (db/file/cached_db salt) or a signed_cookies cookie. */
  decode(value: string, secrets: string[], options: { salt?: string; maxAge?: number } = {}): DecodedSession {
    const text = value.trim();
    try {
      const asData = decodeSessionData(text, { secrets, salt: options.salt, now: this.now() });
      if (asData.status !== 'bad-signature' || options.salt) return asData;
      const asCookie = decodeSignedCookie(text, { secrets, maxAge: options.maxAge, now: this.now() });
      return asCookie.status === 'bad-signature' || asCookie.status === 'undecodable' ? asData : asCookie;
    } catch (error) {
      return undecodable(safeMessage(error, secrets));
    }
  }

  async dispose(): Promise<void> {
    const open = [...this.open.values()];
    this.open.clear();
    await Promise.allSettled(open.map((o) => o.adapter.close()));
  }

  private refuse(guard: WriteGuard, what: string): WriteOutcome | undefined {
    if (guard.readOnly) return { ok: false, message: `refused to ${what}: the store is read-only (djangoSessions.readOnly)` };
    if (!guard.confirmed) return { ok: false, message: `refused to ${what}: not confirmed` };
    return undefined;
  }

  private replace(source: StoreEntry['source'], entries: StoreEntry[]): void {
    for (const [id, entry] of this.stores) if (entry.source === source) this.stores.delete(id);
    for (const entry of entries) if (!this.stores.has(entry.config.id) || source === 'configured') this.stores.set(entry.config.id, entry);
    for (const [id, open] of this.open) {
      if (!this.stores.has(id)) {
        this.open.delete(id);
        void open.adapter.close().catch(() => undefined);
      }
    }
  }

  private async attempt<T>(storeId: string, secrets: string[], password: string | undefined, work: (adapter: SessionStoreAdapter) => Promise<T>, fail: (message: string) => T): Promise<T> {
    const entry = this.stores.get(storeId);
    if (!entry) return fail(`unknown store "${storeId}"`);
    try {
      const adapter = await this.adapter(entry.config, secrets, password);
      return await work(adapter);
    } catch (error) {
      return fail(safeMessage(error, [...secrets, ...(password ? [password] : [])]));
    }
  }

  /** One adapter per store, reopened when the password changes; secrets are updated in place. */
  private async adapter(config: StoreConfig, secrets: string[], password: string | undefined): Promise<SessionStoreAdapter> {
    const passwordKey = password === undefined ? '' : createHash('sha256').update(password).digest('hex');
    const current = this.open.get(config.id);
    if (current && current.passwordKey === passwordKey) {
      current.ctx.secrets = secrets;
      return current.adapter;
    }
    if (current) await current.adapter.close().catch(() => undefined);
    const ctx: AdapterContext = { secrets, password, timeoutMs: this.timeoutMs, now: this.now };
    const adapter = createAdapter(config, ctx);
    this.open.set(config.id, { adapter, ctx, passwordKey });
    return adapter;
  }
}
