// Secrets come from environment variables named on the command line, never from flags themselves.
import { CliError } from './errors';
import type { CliIo } from './io';

const envName = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const DEFAULT_SECRET_ENV = 'DJANGO_SECRET_KEY';

/**
 * The value of the variable named by `flag`. A value that is not a variable name is most likely the
 * secret pasted by mistake: the message then never repeats it.
 */
export function fromEnv(io: CliIo, flag: string, name: string): string {
  if (!envName.test(name) || name.length > 100) {
    throw new CliError(`--${flag} takes the NAME of an environment variable (e.g. ${DEFAULT_SECRET_ENV}), not the secret itself`);
  }
  const value = io.env[name];
  if (value === undefined || value === '') throw new CliError(`--${flag}: the environment variable ${name} is not set`);
  return value;
}

/**
 * SECRET_KEY from `--secret-key-env VAR`, else DJANGO_SECRET_KEY when set, else none (no verification),
 * then the SECRET_KEY_FALLBACKS named by `--fallback-key-env VAR` (repeatable), in order.
 */
export function secretKeys(io: CliIo, flagValue: string | undefined, fallbackNames: readonly string[] = []): string[] {
  const fallbacks = fallbackNames.map((name) => fromEnv(io, 'fallback-key-env', name));
  if (flagValue !== undefined) return [fromEnv(io, 'secret-key-env', flagValue), ...fallbacks];
  const current = io.env[DEFAULT_SECRET_ENV];
  if (!current && fallbacks.length) throw new CliError('--fallback-key-env needs the current SECRET_KEY too (--secret-key-env VAR or DJANGO_SECRET_KEY)');
  return current ? [current, ...fallbacks] : [];
}

export function password(io: CliIo, flagValue: string | undefined): string | undefined {
  return flagValue === undefined ? undefined : fromEnv(io, 'password-env', flagValue);
}

export const noSecretNotice = `note: no SECRET_KEY given, signatures are not verified (set ${DEFAULT_SECRET_ENV} or pass --secret-key-env VAR)\n`;
