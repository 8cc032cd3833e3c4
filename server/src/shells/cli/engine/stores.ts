// The CLI's calls into the stores layer: choose a store (from settings or a URL), open its adapter.
import type { SessionStoreAdapter } from '../../../stores/types';
import { notAvailable } from '../errors';

export interface StoreSelection {
  /** Project directory or settings file to detect the store from, as the extension does. */
  settingsPath?: string;
  /** `sqlite:PATH`, `postgres://user@host:port/db`, ... */
  storeUrl?: string;
  table?: string;
  secrets: string[];
  password?: string;
  cwd: string;
}

export async function openStore(_selection: StoreSelection): Promise<SessionStoreAdapter> {
  throw notAvailable('live session stores (server/src/stores)');
}

export function maskKey(_key: string): string {
  throw notAvailable('live session stores (server/src/stores)');
}
