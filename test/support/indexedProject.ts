// A temporary project on disk (a manage.py and the given files) indexed with the real extractor;
// removed when the test file ends.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';
import { djangoExtractor } from '../../server/src/index/djangoExtractor';
import { type IndexOptions, WorkspaceIndex } from '../../server/src/index/workspaceIndex';

const roots: string[] = [];
after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

export interface IndexedProject {
  index: WorkspaceIndex;
  root: string;
  /** Writes a file of the project on disk (the index is not told). */
  write: (file: string, text: string) => void;
}

export async function indexedProject(files: Record<string, string>, options: Partial<IndexOptions> = {}): Promise<IndexedProject> {
  const root = mkdtempSync(join(tmpdir(), 'ds-project-'));
  roots.push(root);
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  };
  write('manage.py', '');
  for (const [file, text] of Object.entries(files)) write(file, text);
  const index = new WorkspaceIndex({ root, extractor: djangoExtractor(), ...options });
  await index.build();
  return { index, root, write };
}
