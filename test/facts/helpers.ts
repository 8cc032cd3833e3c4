// Shared helpers for fact tests: parse inline Python, find the span of a piece of source text.
import type { FileFacts, SessionAccess, Span } from '../../server/src/facts/types';
import { extractPythonFacts } from '../../server/src/facts/python';
import { initPythonParser, parsePython } from '../../server/src/syntax/python';

export async function pythonFacts(source: string, file = 'shop/app/views.py', module: string | null = 'app.views'): Promise<FileFacts> {
  const parser = await initPythonParser();
  const tree = parsePython(parser, source);
  try {
    return extractPythonFacts(tree, source, file, module);
  } finally {
    tree.delete();
  }
}

/** The span of the `occurrence`-th (0-based) appearance of `needle`, in UTF-16 columns. */
export function spanOfText(source: string, needle: string, occurrence = 0): Span {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) {
    index = source.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" #${occurrence} not in source`);
  }
  const before = source.slice(0, index);
  const startLine = before.split('\n').length - 1;
  const startColumn = index - (before.lastIndexOf('\n') + 1);
  const inside = needle.split('\n');
  const endLine = startLine + inside.length - 1;
  const endColumn = inside.length === 1 ? startColumn + needle.length : inside[inside.length - 1].length;
  return { startLine, startColumn, endLine, endColumn };
}

/** The accesses as compact `op key` strings, in order, for readable assertions. */
export function summary(facts: FileFacts): string[] {
  return facts.accesses.map((a: SessionAccess) => `${a.op} ${a.pattern ? 'pattern ' : ''}${a.key ?? '<null>'}`);
}

export function only(facts: FileFacts, op: SessionAccess['op'], key: string | null): SessionAccess {
  const found = facts.accesses.filter((a) => a.op === op && a.key === key);
  if (found.length !== 1) throw new Error(`expected one ${op} of ${key}, found ${found.length}: ${summary(facts).join(', ')}`);
  return found[0];
}
