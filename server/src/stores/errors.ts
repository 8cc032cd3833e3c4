// Store failures become one error type with a user-facing message: no passwords, no raw keys.
import { redactUrl } from './mask';

export type StoreErrorCode =
  | 'timeout' | 'unreachable' | 'auth' | 'permission' | 'missing-table' | 'missing-path'
  | 'unsupported' | 'refused' | 'bad-config' | 'driver';

export class StoreError extends Error {
  constructor(readonly code: StoreErrorCode, message: string) {
    super(message);
    this.name = 'StoreError';
  }
}

/** Default connect and per-command timeout (ms): a dead or silent server must fail fast. */
export const DEFAULT_TIMEOUT_MS = 5000;

/** Rejects with a `timeout` StoreError when `work` takes longer than `ms`. */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreError('timeout', `${what} did not answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** The message of any thrown value, with credentials in URLs and `password=` pairs removed. */
export function safeMessage(error: unknown, secrets: readonly string[] = []): string {
  let text = error instanceof Error ? error.message : String(error);
  text = redactUrl(text).replace(/(password\s*[=:]\s*)("[^"]*"|'[^']*'|\S+)/gi, '$1***');
  for (const secret of secrets) if (secret && secret.length >= 4) text = text.split(secret).join('***');
  return text;
}

/** Network errors that mean "nothing is listening / cannot reach it". */
export function unreachable(error: unknown, where: string): StoreError | undefined {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'ECONNREFUSED') return new StoreError('unreachable', `${where}: connection refused (is the server running?)`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new StoreError('unreachable', `${where}: host not found`);
  if (code === 'ETIMEDOUT' || code === 'ECONNRESET' || code === 'EPIPE' || code === 'EHOSTUNREACH') {
    return new StoreError('unreachable', `${where}: ${code === 'ETIMEDOUT' ? 'connection timed out' : 'connection lost'}`);
  }
  return undefined;
}
