// The project's settings as the extension finds them: the module DJANGO_SETTINGS_MODULE names
// (or the one a settings file given on the command line is), evaluated statically.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { findSettingsModules } from '../../../settings/discover';
import { evaluateSettings } from '../../../settings/evaluate';
import { moduleOfFile, projectRoots } from '../../../settings/modules';
import type { SettingsModel } from '../../../settings/types';
import { CliError } from '../errors';
import { diskWorkspace, type DiskWorkspace } from './workspace';

export interface ProjectSettings {
  workspace: DiskWorkspace;
  model: SettingsModel;
}

/** PATH is a project directory, or a settings file (its project root is the nearest manage.py above). */
export async function projectSettings(path: string, env: Record<string, string | undefined>): Promise<ProjectSettings> {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) throw new CliError(`--settings: ${path} does not exist`);
  const root = stat.isDirectory() ? path : projectRootOf(path);
  const workspace = diskWorkspace(root);
  let module: string | undefined;
  if (!stat.isDirectory()) {
    const file = relative(root, path).split(sep).join('/');
    module = moduleOfFile(file, new Set(workspace.files), projectRoots(workspace.files)) ?? undefined;
    if (!module) throw new CliError(`--settings: ${path} is not an importable Python module of the project`);
  } else {
    module = (await findSettingsModules(workspace)).primary?.module;
    if (!module) throw new CliError(`no settings module found under ${path} (no manage.py, wsgi.py or pytest config names DJANGO_SETTINGS_MODULE); pass --settings FILE or --store URL`);
  }
  const model = await evaluateSettings(module, workspace, { env, root });
  return { workspace, model };
}

function projectRootOf(file: string): string {
  let dir = dirname(file);
  for (let i = 0; i < 12; i++) {
    if (existsSync(join(dir, 'manage.py'))) return dir;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return dirname(dirname(file));
}
