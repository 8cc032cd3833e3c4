// The index's public face for shells (LSP, CLI): build an index of a workspace folder with the real extractor.
import { djangoExtractor } from './djangoExtractor';
import { WorkspaceIndex, type BuildOptions, type BuildStats } from './workspaceIndex';

export { WorkspaceIndex } from './workspaceIndex';
export type { BuildOptions, BuildStats, IndexedAccess } from './workspaceIndex';

export interface OpenOptions extends BuildOptions {
  exclude?: readonly string[];
  log?: (message: string) => void;
  /** A facts cache folder (factsCache.ts): unchanged files are not read again. */
  cacheDir?: string;
}

/** `DJANGO_SESSIONS_CACHE_DIR`: where the shells keep the facts cache when their user asks for one. */
export function cacheDirFromEnv(env: Record<string, string | undefined> = process.env): string | undefined {
  const dir = env.DJANGO_SESSIONS_CACHE_DIR?.trim();
  return dir ? dir : undefined;
}

/** Walks and indexes `root` (absolute path); resolves once the initial index is built or cancelled. */
export async function indexWorkspace(root: string, options: OpenOptions = {}): Promise<{ index: WorkspaceIndex; stats: BuildStats }> {
  const index = new WorkspaceIndex({ root, extractor: djangoExtractor(), exclude: options.exclude, log: options.log,
    ...(options.cacheDir ? { cache: { dir: options.cacheDir } } : {}) });
  const stats = await index.build(options);
  return { index, stats };
}
