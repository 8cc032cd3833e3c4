// Copies an LSP fixture project to a temporary folder (tests may add files) and finds positions.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/lspClient';

export function copyFixture(name: string): { root: string; read: (file: string) => string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), `ds-lsp-${name}-`));
  cpSync(join(repoRoot, 'test', 'fixtures', 'lsp', name), root, { recursive: true });
  return { root, read: (file) => readFileSync(join(root, file), 'utf8'), remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** The position of `needle` (its `occurrence`-th appearance) in `text`, plus `shift` characters. */
export function positionOf(text: string, needle: string, shift = 0, occurrence = 0): { line: number; character: number } {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index === -1) throw new Error(`${needle} #${occurrence} not found`);
  }
  const offset = index + shift;
  const line = text.slice(0, offset).split('\n').length - 1;
  return { line, character: offset - (text.lastIndexOf('\n', offset - 1) + 1) };
}
