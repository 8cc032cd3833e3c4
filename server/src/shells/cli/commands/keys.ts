// `django-sessions keys [PATH]`: every session key in the code with its accesses.
import { collectKeys } from '../engine/analysis';
import { EXIT_CLEAN } from '../errors';
import { keysJson, keysText } from '../format/keys';
import type { CliIo } from '../io';
import { oneOf, parseCommandArgs } from '../options';
import { progressOn } from '../progress';
import { projectRoot } from './common';

export const keysUsage = `Usage: django-sessions keys [PATH] [options]

Lists every session key the code under PATH (default: the current directory)
reads or writes, with each access (file:line:column, read/write/delete/contains).

Options:
  --format text|json   output format (default: text)
  -h, --help           show this help
`;

export async function keysCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('keys', argv, { format: { type: 'string' } });
  if (values.help) return io.out(keysUsage), EXIT_CLEAN;
  const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
  const root = projectRoot(io, positionals, 'keys');
  const progress = progressOn(io);
  const keys = await collectKeys(root, { progress, env: io.env }).finally(() => progress.done());
  io.out(format === 'json' ? keysJson(keys) : keysText(keys));
  return EXIT_CLEAN;
}
