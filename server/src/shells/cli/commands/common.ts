// Helpers shared by the commands: the project root argument and the tool's identity.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError } from '../errors';
import type { CliIo } from '../io';
import { version } from '../../../../../package.json';

/** The single optional PATH argument, resolved and required to be a directory. */
export function projectRoot(io: CliIo, positionals: string[], command: string): string {
  if (positionals.length > 1) throw new CliError(`${command}: expected at most one PATH, got ${positionals.length}`);
  const root = resolve(io.cwd, positionals[0] ?? '.');
  const stat = statSync(root, { throwIfNoEntry: false });
  if (!stat) throw new CliError(`${command}: ${positionals[0] ?? '.'} does not exist`);
  if (!stat.isDirectory()) throw new CliError(`${command}: ${positionals[0]} is not a directory`);
  return root;
}

export function toolInfo() {
  return { name: 'django-sessions', version };
}
