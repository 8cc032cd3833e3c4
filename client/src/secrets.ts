// SECRET_KEY and store passwords: from SecretStorage (set through commands) or the environment.
// Never from settings, never logged.
import type * as vscode from 'vscode';

const secretKeyId = 'djangoSessions.secretKey';
const passwordId = (storeId: string) => `djangoSessions.password:${storeId}`;

export class Secrets {
  constructor(private readonly storage: vscode.SecretStorage, private readonly env: NodeJS.ProcessEnv = process.env) {}

  /** SECRET_KEY then SECRET_KEY_FALLBACKS: stored one first, then `DJANGO_SECRET_KEY`, then
   * `DJANGO_SECRET_KEY_FALLBACKS` (comma-separated). Duplicates removed; empty when none. */
  async secretKeys(): Promise<string[]> {
    const stored = await this.storage.get(secretKeyId);
    const fallbacks = (this.env.DJANGO_SECRET_KEY_FALLBACKS ?? '').split(',').map((s) => s.trim());
    const all = [stored, this.env.DJANGO_SECRET_KEY, ...fallbacks].filter((s): s is string => !!s);
    return [...new Set(all)];
  }

  setSecretKey(value: string): Thenable<void> {
    return this.storage.store(secretKeyId, value);
  }

  /** A store's password stored for this store id. (The server itself reads
   * `DJANGO_SESSIONS_DB_PASSWORD` / `DJANGO_SESSIONS_CACHE_PASSWORD` when none is sent.) */
  async password(storeId: string): Promise<string | undefined> {
    return (await this.storage.get(passwordId(storeId))) || undefined;
  }

  setPassword(storeId: string, value: string): Thenable<void> {
    return this.storage.store(passwordId(storeId), value);
  }

  async forget(storeIds: string[]): Promise<void> {
    await this.storage.delete(secretKeyId);
    for (const id of storeIds) await this.storage.delete(passwordId(id));
  }
}
