// The CLI's calls into the stores layer: choose a store (a URL, or detected from the project's
// settings as the extension does) and use it through the LiveSessionService both shells share.
import { detectStores } from '../../../stores/detect';
import { maskSessionKey } from '../../../stores/mask';
import { LiveSessionService } from '../../../stores/service';
import type { LiveSession, StoreConfig } from '../../../stores/types';
import { parseStoreUrl } from '../../../stores/url';
import { CliError, messageOf } from '../errors';
import { projectSettings } from './settings';

export interface StoreSelection {
  /** Project directory or settings file to detect the store from. */
  settingsPath?: string;
  /** `sqlite:PATH`, `postgres://user@host:port/db`, ... */
  storeUrl?: string;
  table?: string;
  secrets: string[];
  /** From --password-env; else the variable the store config names, when set. */
  password?: string;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Notes for stderr (what detection could not derive). */
  note(message: string): void;
}

export interface CliStore {
  id: string;
  list(limit: number, filter: string | undefined): Promise<{ sessions: LiveSession[]; total: number | null; errors: string[] }>;
  get(key: string): Promise<LiveSession | null>;
  delete(key: string): Promise<boolean>;
  clearExpired(): Promise<number>;
  close(): Promise<void>;
}

export const maskKey = maskSessionKey;

export async function openStore(selection: StoreSelection): Promise<CliStore> {
  const config = await chooseStore(selection);
  const service = new LiveSessionService();
  const id = service.register(config);
  const password = selection.password ?? (config.passwordEnv ? selection.env[config.passwordEnv] || undefined : undefined);
  const { secrets } = selection;
  const guard = { confirmed: true, readOnly: false, secrets, password };
  const failed = (message: string | undefined) => new CliError(`${config.label}: ${message ?? 'failed'}`);
  return {
    id,
    async list(limit, filter) {
      const page = await service.listSessions(id, { limit, filter }, secrets, password);
      if (page.error) throw failed(page.error);
      return { sessions: page.sessions, total: page.total ?? null, errors: page.errors };
    },
    async get(key) {
      const { session, error } = await service.getSession(id, key, secrets, password);
      if (error) throw failed(error);
      return session;
    },
    async delete(key) {
      const outcome = await service.deleteSession(id, key, guard);
      if (!outcome.ok) throw failed(outcome.message);
      return (outcome.deleted ?? 0) > 0;
    },
    async clearExpired() {
      const outcome = await service.clearExpired(id, guard);
      if (!outcome.ok) throw failed(outcome.message);
      return outcome.deleted ?? 0;
    },
    close: () => service.dispose(),
  };
}

async function chooseStore(selection: StoreSelection): Promise<StoreConfig> {
  if (selection.storeUrl !== undefined) {
    try {
      return parseStoreUrl(selection.storeUrl, { root: selection.cwd, table: selection.table });
    } catch (error) {
      const hint = /password/i.test(messageOf(error)) ? ' (here: --password-env VAR)' : '';
      throw new CliError(`--store: ${messageOf(error)}${hint}`);
    }
  }
  const { resolve } = await import('node:path');
  const path = resolve(selection.cwd, selection.settingsPath ?? '.');
  const { workspace, model } = await projectSettings(path, selection.env);
  const detection = detectStores(model, workspace.root);
  for (const note of detection.notes) selection.note(`note: ${note}\n`);
  const store = detection.stores.find((s) => s.engine !== 'signed_cookies');
  if (!store) {
    throw new CliError(detection.stores.length
      ? `${model.module} keeps sessions in signed cookies: they live in browsers, not in a store (use \`decode\` on a cookie value)`
      : `no session store could be derived from ${model.module}; pass --store URL`);
  }
  return selection.table ? { ...store, table: selection.table } : store;
}
