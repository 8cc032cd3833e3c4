// signed_cookies: the session lives in the browser, so there is nothing to list or delete; a
// pasted cookie value is verified and decoded through the codec (get(value)).
import { decodeSignedCookie } from '../codec';
import type { AdapterContext } from './context';
import { StoreError } from './errors';
import { DEFAULT_COOKIE_AGE } from './file';
import { liveSession, undecodable } from './live';
import type { ClearResult, LiveSession, Page, SessionStoreAdapter, StoreConfig } from './types';

const NO_LISTING = 'signed_cookies sessions live in browsers: they cannot be listed or deleted here (paste a cookie value to decode it; rotate SECRET_KEY to invalidate all)';

export class SignedCookieAdapter implements SessionStoreAdapter {
  constructor(readonly config: StoreConfig, private readonly ctx: AdapterContext) {}

  async list(): Promise<Page> {
    throw new StoreError('unsupported', NO_LISTING);
  }

  async count(): Promise<number> {
    throw new StoreError('unsupported', NO_LISTING);
  }

  /** `key` is the cookie value itself. */
  async get(value: string): Promise<LiveSession | null> {
    const now = this.ctx.now();
    let decoded;
    try {
      decoded = decodeSignedCookie(value, { secrets: this.ctx.secrets, maxAge: this.config.sessionCookieAge ?? DEFAULT_COOKIE_AGE, now });
    } catch (error) {
      decoded = undecodable((error as Error).message);
    }
    return liveSession(value, decoded, { expires: null, size: Buffer.byteLength(value) }, now);
  }

  async delete(): Promise<boolean> {
    throw new StoreError('unsupported', NO_LISTING);
  }

  /** Django's signed_cookies clear_expired() is a no-op. */
  async clearExpired(): Promise<ClearResult> {
    return { deleted: 0 };
  }

  async close(): Promise<void> {}
}
