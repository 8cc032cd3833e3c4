// Throwaway workspaces on disk and a seeded random source, for tests that build trees or replay
// random edits (the same seed fails the same way twice).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';

const roots: string[] = [];
let cleanup = false;

/** A temp folder holding `files` (workspace-relative paths); removed when the test file ends. */
export function scratchWorkspace(files: Record<string, string | Buffer>, prefix = 'ds-ws-'): string {
  if (!cleanup) {
    cleanup = true;
    after(() => roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })));
  }
  const root = mkdtempSync(join(tmpdir(), prefix));
  roots.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** A deterministic generator of integers in [0, n). */
export function seededRandom(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor((state / 2147483648) * n);
  };
}
