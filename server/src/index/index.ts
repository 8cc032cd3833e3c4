// The index's public face for shells (LSP, CLI): build an index of a workspace folder with the real extractor.
import { djangoExtractor } from './djangoExtractor';
import { WorkspaceIndex, type BuildOptions, type BuildStats } from './workspaceIndex';

export { WorkspaceIndex } from './workspaceIndex';
export type { BuildOptions, BuildStats, IndexedAccess } from './workspaceIndex';

export interface OpenOptions extends BuildOptions {
  exclude?: readonly string[];
  log?: (message: string) => void;
}

/** Walks and indexes `root` (absolute path); resolves once the initial index is built or cancelled. */
export async function indexWorkspace(root: string, options: OpenOptions = {}): Promise<{ index: WorkspaceIndex; stats: BuildStats }> {
  const index = new WorkspaceIndex({ root, extractor: djangoExtractor(), exclude: options.exclude, log: options.log });
  const stats = await index.build(options);
  return { index, stats };
}
