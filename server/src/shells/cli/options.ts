// Argument parsing over node's util.parseArgs: strict, with errors turned into usage errors.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './errors';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export const severities: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export function parseCommandArgs(command: string, argv: string[], options: OptionSpec): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Parsed['values'], positionals };
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new CliError(`${command}: ${why}\nRun \`django-sessions ${command} --help\` for usage.`);
  }
}

/** One of `allowed`, or a usage error naming them. */
export function oneOf<T extends string>(name: string, value: string | boolean | string[] | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new CliError(`--${name} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
}

export function positiveInt(name: string, value: string | boolean | string[] | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new CliError(`--${name} must be a positive integer (got ${JSON.stringify(value)})`);
  return n;
}

export function str(value: string | boolean | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The values of a `multiple: true` option. */
export function strings(value: string | boolean | string[] | undefined): string[] {
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}

/** The rank used by --fail-on: a finding fails the run when its rank is at least the threshold's. */
export function severityRank(severity: Severity): number {
  return severities.length - severities.indexOf(severity);
}
