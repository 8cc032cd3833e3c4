// The file backend: SESSION_FILE_PATH/<SESSION_COOKIE_NAME><key>, content = SessionBase.encode().
// Expiry is computed as Django's file backend does (see fileExpiry), and clearExpired deletes
// exactly the files Django's `clearsessions` would.
import { readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeSessionData, sessionExpiry } from '../codec';
import { isPast } from '../codec/expiry';
import type { DecodedSession } from '../codec/types';
import type { AdapterContext } from './context';
import { decodeCursor, encodeCursor, pageLimit } from './cursor';
import { StoreError } from './errors';
import { liveSession, matchesFilter, undecodable } from './live';
import { maskSessionKey } from './mask';
import type { ClearResult, LiveSession, Page, PageRequest, SessionStoreAdapter, StoreConfig } from './types';

export const DEFAULT_COOKIE_AGE = 1209600;
/** Django's file backend accepts only these key characters (InvalidSessionKey otherwise). */
const FILE_KEY = /^[a-z0-9]+$/;
/** Larger files are not sessions Django wrote; they are reported, not read. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

interface AfterCursor { after: string }
const isAfter = (v: unknown): v is AfterCursor => !!v && typeof (v as AfterCursor).after === 'string';

/** Django: `_session_expiry or (mtime + SESSION_COOKIE_AGE)`, then `get_expiry_age(...) <= 0`. */
export function fileExpiry(decoded: DecodedSession, mtimeMs: number, cookieAge: number, now: Date): { expires: string | null; expired: boolean } {
  // A bad signature or unreadable file is `{}` to Django: the mtime rule applies.
  const trusted = decoded.status !== 'bad-signature' && decoded.status !== 'undecodable';
  const expiry = trusted ? sessionExpiry(decoded.data) : null;
  if (expiry?.kind === 'age' && expiry.seconds !== 0) {
    // Quirk: an int `_session_expiry` is returned as the age itself, so a positive one never expires.
    return { expires: expiry.seconds > 0 ? null : new Date(mtimeMs).toISOString(), expired: expiry.seconds < 0 };
  }
  if (expiry?.kind === 'at' && expiry.epochMs !== null) {
    return { expires: new Date(expiry.epochMs).toISOString(), expired: isPast(expiry, now) };
  }
  const at = mtimeMs + cookieAge * 1000;
  return { expires: new Date(at).toISOString(), expired: isPast({ kind: 'at', iso: '', epochMs: at, naive: false }, now) };
}

export class FileSessionAdapter implements SessionStoreAdapter {
  private readonly dir: string;
  private readonly prefix: string;

  constructor(readonly config: StoreConfig, private readonly ctx: AdapterContext) {
    if (!config.path) throw new StoreError('bad-config', 'file store: SESSION_FILE_PATH (directory) is not known');
    this.dir = config.path;
    this.prefix = config.cookieName ?? 'sessionid';
  }

  async list(request: PageRequest): Promise<Page> {
    const limit = pageLimit(request.limit);
    const after = request.cursor ? decodeCursor(request.cursor, isAfter).after : undefined;
    const keys = (await this.keys()).filter((k) => after === undefined || k > after);
    const sessions: LiveSession[] = [];
    const errors: string[] = [];
    for (const [i, key] of keys.entries()) {
      const session = await this.read(key, errors);
      if (session && matchesFilter(session, request.filter)) sessions.push(session);
      if (sessions.length === limit || i === 2000) {
        return { sessions, errors, cursor: i < keys.length - 1 ? encodeCursor({ after: key }) : undefined };
      }
    }
    return { sessions, errors };
  }

  async count(): Promise<number> {
    return (await this.keys()).length;
  }

  get(key: string): Promise<LiveSession | null> {
    return this.read(checkedKey(key), []);
  }

  async delete(key: string): Promise<boolean> {
    try {
      await unlink(this.fileOf(checkedKey(key)));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw this.translate(error);
    }
  }

  /** Django's clear_expired: load() every `<cookie name><key>` file and delete the expired ones. */
  async clearExpired(): Promise<ClearResult> {
    let deleted = 0;
    for (const key of await this.keys()) {
      const entry = await this.readEntry(key, []);
      // Django's load() skips the expiry check for an empty file (the placeholder of a new session).
      if (!entry || entry.session.size === 0) continue;
      if (entry.expired && (await this.delete(key))) deleted++;
    }
    return { deleted };
  }

  async close(): Promise<void> {}

  /** Sorted keys of the files Django would consider (prefix, `[a-z0-9]+`, length >= 8). */
  private async keys(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      throw this.translate(error);
    }
    return names
      .filter((n) => n.startsWith(this.prefix))
      .map((n) => n.slice(this.prefix.length))
      .filter((k) => FILE_KEY.test(k) && k.length >= 8)
      .sort();
  }

  private fileOf(key: string): string {
    return join(this.dir, this.prefix + key);
  }

  private async read(key: string, errors: string[]): Promise<LiveSession | null> {
    return (await this.readEntry(key, errors))?.session ?? null;
  }

  private async readEntry(key: string, errors: string[]): Promise<{ session: LiveSession; expired: boolean } | null> {
    const path = this.fileOf(key);
    let content: Buffer;
    let mtimeMs: number;
    try {
      const info = await stat(path);
      if (!info.isFile()) return null;
      mtimeMs = info.mtimeMs;
      content = info.size > MAX_FILE_BYTES ? Buffer.alloc(0) : await readFile(path);
      if (info.size > MAX_FILE_BYTES) errors.push(`${maskSessionKey(key)}: file larger than ${MAX_FILE_BYTES} bytes, not read`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      errors.push(`${maskSessionKey(key)}: ${this.translate(error).message}`);
      return null;
    }
    const decoded = content.length === 0 ? emptySession() : this.decode(content);
    if (decoded.status === 'undecodable') errors.push(`${maskSessionKey(key)}: ${decoded.reason ?? 'undecodable'}`);
    const now = this.ctx.now();
    const { expires, expired } = fileExpiry(decoded, mtimeMs, this.config.sessionCookieAge ?? DEFAULT_COOKIE_AGE, now);
    const session = liveSession(key, decoded, { expires: null, size: content.length }, now);
    session.expires = expires;
    if (expired && session.status === 'valid') session.status = 'expired';
    return { session, expired };
  }

  private decode(content: Buffer): DecodedSession {
    try {
      return decodeSessionData(content.toString('latin1'), { secrets: this.ctx.secrets, salt: this.config.salt, now: this.ctx.now() });
    } catch (error) {
      return undecodable((error as Error).message);
    }
  }

  private translate(error: unknown): StoreError {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return new StoreError('missing-path', `session directory not found: ${this.dir}`);
    if (code === 'EACCES' || code === 'EPERM') return new StoreError('permission', `no permission for ${this.dir}`);
    return new StoreError('driver', `file store ${this.dir}: ${(error as Error).message}`);
  }
}

/** An empty file (Django's placeholder while creating) reads as an empty session. */
function emptySession(): DecodedSession {
  return { status: 'valid', data: {}, user: null, expiry: null };
}

function checkedKey(key: string): string {
  if (!FILE_KEY.test(key)) throw new StoreError('bad-config', 'a file session key has only a-z and 0-9');
  return key;
}
