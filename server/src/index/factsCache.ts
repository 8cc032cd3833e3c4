// The initial index's per-file outcomes kept on disk, so that reopening a workspace reads and parses
// only the files changed since: a file whose size, mtime and inode are those recorded (and whose
// module name is the same) takes its recorded outcome, "no session here" included. The whole cache
// is void when the engine changes (`stamp`: a hash of the running bundle) or cannot be read; it is
// written once the initial index is built, atomically, readable by the user only.
// Secrets: a file defining a constant that may hold one (SECRET_KEY, *_PASSWORD, a *_TOKEN whose
// value is not a plain word...) is never cached, so no such value is copied out of the workspace.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { FileFacts } from '../facts/types';
import type { FileOutcome } from './factsPool';

export interface FileStamp {
  size: number;
  mtimeMs: number;
  ino: number;
}

interface Entry extends FileStamp {
  module: string | null;
  outcome: FileOutcome;
}

const FORMAT = 1;
const MAX_CACHE_BYTES = 512 * 1024 * 1024;
const PREFIX = 'facts-';
/** Names whose value is a secret whatever it looks like. */
const SECRET_NAMES = /SECRET|PASSW|PRIVATE|CREDENTIAL/i;
/** Names that hold a secret unless the value is a plain word, as session keys are (`OAUTH_TOKEN_KEY = 'oauth_token'`). */
const TOKEN_NAMES = /TOKEN|API_?KEY|ACCESS_KEY/i;
const PLAIN_WORD = /^_{0,2}[a-z][a-z_-]{0,39}$/;

export class FactsCache {
  private readonly next = new Map<string, Entry>();
  /** Something was recorded that the file on disk does not hold yet. */
  private changed = false;

  private constructor(private readonly file: string, private readonly stamp: string, private readonly previous: Map<string, Entry>,
    private readonly log: (message: string) => void) {}

  /** The cache of `root` in `dir` for this engine (`stamp`); empty when there is none yet or it cannot be used. */
  static open(dir: string, root: string, stamp: string, log: (message: string) => void): FactsCache {
    const name = createHash('sha256').update(`${root}\0${stamp}`).digest('hex').slice(0, 24);
    const file = join(dir, `${PREFIX}${name}.bin`);
    let previous = new Map<string, Entry>();
    try {
      // Far above what a big tree writes (17 MB for 50,000 files): something else is in the way.
      if (statSync(file).size > MAX_CACHE_BYTES) throw Object.assign(new Error('too large'), { code: 'E2BIG' });
      const data = deserialize(readFileSync(file)) as { format?: number; stamp?: string; root?: string; files?: unknown };
      if (data?.format === FORMAT && data.stamp === stamp && data.root === root && data.files instanceof Map) previous = data.files as Map<string, Entry>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log('facts cache unreadable: indexing without it');
    }
    return new FactsCache(file, stamp, previous, log);
  }

  /** The recorded outcome of a file whose stamp and module are unchanged (kept for the next save); undefined otherwise. */
  hit(path: string, stamp: FileStamp, module: string | null): FileOutcome | undefined {
    const entry = this.previous.get(path);
    if (!entry || entry.size !== stamp.size || entry.mtimeMs !== stamp.mtimeMs || entry.ino !== stamp.ino || entry.module !== module) return undefined;
    this.next.set(path, entry);
    return entry.outcome;
  }

  /** Records what reading the file gave; unreadable files, failures and files holding secrets are not kept. */
  record(path: string, stamp: FileStamp | null, module: string | null, outcome: FileOutcome): void {
    if (stamp === null) return;
    if (outcome !== null && ('failed' in outcome || ('source' in outcome && 'unreadable' in outcome.source))) return;
    if (outcome !== null && 'facts' in outcome && holdsSecrets(outcome.facts)) return;
    this.next.set(path, { ...stamp, module, outcome });
    this.changed = true;
  }

  /** Writes what this run found (atomically) and removes caches of other engines; nothing when nothing changed. Never throws. */
  save(root: string): void {
    if (!this.changed && this.next.size === this.previous.size) return;
    const temporary = `${this.file}.${process.pid}.tmp`;
    try {
      const dir = join(this.file, '..');
      mkdirSync(dir, { recursive: true });
      writeFileSync(temporary, serialize({ format: FORMAT, stamp: this.stamp, root, files: this.next }), { mode: 0o600 });
      renameSync(temporary, this.file);
      removeStale(dir, this.file);
    } catch (error) {
      this.log(`facts cache not written: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
      try { unlinkSync(temporary); } catch { /* not there */ }
    }
  }
}

/** size, mtime and inode of a file, or null when it cannot be stat'ed. */
export function fileStamp(absolutePath: string): FileStamp | null {
  try {
    const stat = statSync(absolutePath);
    return { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino };
  } catch {
    return null;
  }
}

/** The engine's identity for caches: a hash of the running bundle (any rebuild voids them). */
export function engineStamp(entry: string | undefined = process.argv[1]): string {
  try {
    return createHash('sha256').update(readFileSync(entry ?? '')).digest('hex').slice(0, 24);
  } catch {
    return 'unknown-engine';
  }
}

/**
 * A constant that may hold a secret: a secret-like name with a value (`SECRET_KEY = ''` in a
 * defaults module holds nothing); for token-like names, a value other than a plain lowercase word
 * (real tokens have digits or capitals; `BASKET_TOKEN_KEY = 'basket_token'` and Django's
 * `INTERNAL_RESET_SESSION_TOKEN = '_password_reset_token'` are session keys,
 * `reset_url_token = 'set-password'` a URL part).
 */
function holdsSecrets(facts: FileFacts): boolean {
  return facts.constants.some((c) => mayBeSecret(c.name, c.value) ||
    // `KEY = getattr(settings, 'STRIPE_SECRET_KEY', 'sk_live_...')`: the default is a value too.
    (c.fromSetting !== undefined && (mayBeSecret(c.fromSetting, c.settingDefault) || mayBeSecret(c.name, c.settingDefault))));
}

function mayBeSecret(qualified: string, value: string | null | undefined): boolean {
  if (!value) return false;
  // The constant's own name: `PasswordResetView.template_name` holds no password; an element
  // (`CREDENTIALS['password']`) is judged by its member.
  const name = qualified.slice(qualified.lastIndexOf('.') + 1);
  return SECRET_NAMES.test(name) || (TOKEN_NAMES.test(name) && !PLAIN_WORD.test(value));
}

/** Other engines' caches left in the folder a day or more ago (a newer one may be another shell's, in use). */
function removeStale(dir: string, keep: string): void {
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (!name.startsWith(PREFIX) || path === keep) continue;
    try {
      if (statSync(path).mtimeMs < dayAgo) unlinkSync(path);
    } catch { /* gone already */ }
  }
}
