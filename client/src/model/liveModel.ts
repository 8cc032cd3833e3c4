// State of the Live Sessions view: stores, pages of sessions, filter, errors. Pure (no vscode):
// the view renders it, tests drive it with a fake server.
import type { SessionsParams, SessionsResult, StoresParams, StoresResult, StoreSummary } from '../../../common/protocol';
import { byNewestExpiry, redact } from './format';

export type LiveSession = SessionsResult['sessions'][number] & { handle: string; storeId: string };

export interface StoreState {
  store: StoreSummary;
  sessions: LiveSession[];
  cursor?: string;
  hasMore: boolean;
  loading: boolean;
  /** Why the store could not be listed (already redacted). */
  error?: string;
  /** Per-session problems the server reported (already redacted). */
  warnings: string[];
  total?: number;
}

export type LiveState = 'idle' | 'untrusted' | 'loading' | 'empty' | 'error' | 'ready';

export interface LiveServer {
  canContactStores(): boolean;
  stores(params: StoresParams): Promise<StoresResult>;
  sessions(params: SessionsParams): Promise<SessionsResult>;
}

export interface LiveDeps {
  configuredStores(): unknown[];
  /** SECRET_KEY then fallbacks; empty when none is known. */
  secrets(): Promise<string[]>;
  password(storeId: string): Promise<string | undefined>;
  pageSize: number;
}

export class LiveModel {
  state: LiveState = 'idle';
  error?: string;
  stores: StoreState[] = [];
  filter?: string;
  private readonly listeners = new Set<() => void>();
  private readonly byHandle = new Map<string, LiveSession>();
  private nextHandle = 1;
  private generation = 0;
  /** Secrets seen in this model's requests, to mask them in any message shown. */
  private knownSecrets: string[] = [];

  constructor(private readonly server: LiveServer, private readonly deps: LiveDeps) {}

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  session(handle: string): LiveSession | undefined {
    return this.byHandle.get(handle);
  }

  /** Every data key of every loaded session (for "code keys never seen live"). */
  seenKeys(): Set<string> {
    const keys = new Set<string>();
    for (const s of this.stores) for (const session of s.sessions) {
      if (session.data && typeof session.data === 'object' && !Array.isArray(session.data)) {
        for (const k of Object.keys(session.data)) keys.add(k);
      }
    }
    return keys;
  }

  hasLoadedSessions(): boolean {
    return this.stores.some((s) => s.sessions.length > 0);
  }

  setFilter(filter: string | undefined): Promise<void> {
    this.filter = filter?.trim() || undefined;
    return this.refresh();
  }

  /** Lists the stores, then the first page of each. Never throws: failures become states. */
  async refresh(): Promise<void> {
    const generation = ++this.generation;
    this.byHandle.clear();
    if (!this.server.canContactStores()) {
      this.set('untrusted', []);
      return;
    }
    this.set('loading', this.stores);
    let summaries: StoreSummary[];
    try {
      summaries = (await this.server.stores({ configured: this.deps.configuredStores() })).stores;
    } catch (e) {
      if (generation === this.generation) {
        this.error = this.message(e);
        this.set('error', []);
      }
      return;
    }
    if (generation !== this.generation) return;
    const stores = summaries.map((store): StoreState => ({ store, sessions: [], hasMore: true, loading: true, warnings: [] }));
    this.set(stores.length ? 'ready' : 'empty', stores);
    await Promise.all(stores.map((s) => this.loadPage(s, generation)));
  }

  /** The next page of one store ("Load more"). */
  async loadMore(storeId: string): Promise<void> {
    const state = this.stores.find((s) => s.store.id === storeId);
    if (!state || state.loading || !state.hasMore) return;
    state.loading = true;
    this.emit();
    await this.loadPage(state, this.generation);
  }

  /** Drops a session after a delete, without reloading the store. */
  forget(handle: string): void {
    const session = this.byHandle.get(handle);
    if (!session) return;
    this.byHandle.delete(handle);
    const state = this.stores.find((s) => s.store.id === session.storeId);
    if (state) state.sessions = state.sessions.filter((s) => s.handle !== handle);
    this.emit();
  }

  private async loadPage(state: StoreState, generation: number): Promise<void> {
    try {
      const secrets = await this.deps.secrets();
      this.knownSecrets = [...new Set([...this.knownSecrets, ...secrets])];
      const page = await this.server.sessions({
        storeId: state.store.id,
        cursor: state.cursor,
        limit: this.deps.pageSize,
        filter: this.filter,
        secrets,
        password: await this.deps.password(state.store.id),
      });
      if (generation !== this.generation) return;
      if (page.error) throw new Error(page.error);
      const fresh = page.sessions.map((s): LiveSession => ({ ...s, handle: String(this.nextHandle++), storeId: state.store.id }));
      for (const s of fresh) this.byHandle.set(s.handle, s);
      state.sessions = [...state.sessions, ...fresh].sort(byNewestExpiry);
      state.cursor = page.cursor;
      state.hasMore = page.cursor !== undefined && page.cursor !== null && fresh.length > 0;
      state.total = page.total;
      state.warnings = [...state.warnings, ...(page.errors ?? []).map((m) => this.redact(m))];
      state.error = undefined;
    } catch (e) {
      if (generation !== this.generation) return;
      state.error = this.message(e);
      state.hasMore = false;
    }
    state.loading = false;
    this.emit();
  }

  private message(e: unknown): string {
    return this.redact(e instanceof Error ? e.message : String(e));
  }

  private redact(text: string): string {
    const keys = [...this.byHandle.values()].map((s) => s.key);
    return redact(text, [...this.knownSecrets, ...keys]);
  }

  private set(state: LiveState, stores: StoreState[]): void {
    this.state = state;
    this.stores = stores;
    if (state !== 'error') this.error = undefined;
    this.emit();
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
