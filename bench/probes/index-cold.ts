// Child process: a cold index of one tree, as the shells do it: walk + facts of every file that
// may mention sessions (Python and templates), then the settings module found and evaluated.
// usage: node index-cold.cjs ROOT   -> one JSON line (IndexProbeResult)
// With DJANGO_SESSIONS_CACHE_DIR set, the index uses (and writes) its facts cache there, as the shells do.
import { defaultSettings } from '../../common/settings';
import { cacheDirFromEnv, indexWorkspace } from '../../server/src/index/index';
import { findSettingsModules } from '../../server/src/settings/discover';
import { evaluateSettings } from '../../server/src/settings/evaluate';
import { diskWorkspace } from '../../server/src/shells/cli/engine/workspace';
import { memoryMB } from '../harness/proc';
import type { IndexProbeResult } from '../harness/probe-types';

async function main(root: string): Promise<IndexProbeResult> {
  const started = performance.now();
  const { index, stats } = await indexWorkspace(root, { exclude: defaultSettings.exclude, cacheDir: cacheDirFromEnv() });
  const built = performance.now();
  let settingsModule: string | null = null;
  // The index's file list, as both shells pass it (no second walk of the tree).
  const access = diskWorkspace(root, index.knownFiles());
  const primary = (await findSettingsModules(access)).primary;
  if (primary) {
    settingsModule = primary.module;
    index.setSettings(await evaluateSettings(primary.module, access, { root }));
  }
  const keys = index.keys().size;
  let accesses = 0;
  for (const _ of index.allAccesses()) accesses++;
  const engineMs = performance.now() - started;
  return {
    engineMs, buildMs: built - started, settingsMs: engineMs - (built - started), files: stats.files, parsed: stats.parsed, cached: stats.cached ?? 0, keys, accesses, settingsModule,
    rssMB: memoryMB(process.pid) ?? -1, hwmMB: memoryMB(process.pid, 'VmHWM') ?? -1,
  };
}

main(process.argv[2]).then(
  (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
