// evaluateSettings: a module name in, a SettingsModel out, without running project code.
import { initPythonParser } from '../syntax/python';
import { fileOfModule } from './modules';
import { isProductionModule } from './production';
import { EvaluationSession } from './eval/session';
import type { ModuleResult } from './eval/module';
import { toSetting } from './eval/value';
import type { EvaluateOptions, SettingAssignment, SettingsModel, WorkspaceAccess } from './types';
import { isSettingName, unknown } from './values';

export { isSettingName } from './values';

export function modelFrom(result: ModuleResult, production: boolean): SettingsModel {
  const empty = { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 };
  return {
    module: result.module,
    files: result.files,
    production,
    file: result.file,
    problems: result.problems,
    endOfFile: result.endOfFile,
    get(name: string): SettingAssignment | undefined {
      const binding = result.scope.get(name);
      if (binding && isSettingName(name)) {
        return { name, value: toSetting(binding.value), file: binding.file, span: binding.span, ...(binding.valueSpan ? { valueSpan: binding.valueSpan } : {}) };
      }
      // A star import we could not follow may define any setting: say so rather than assume the default.
      const opaque = result.opaque[0];
      if (opaque && isSettingName(name)) return { name, value: unknown(`it may be set by ${opaque.reason}`), file: opaque.file, span: opaque.span ?? empty };
      return undefined;
    },
    names(): string[] {
      return [...result.scope.keys()].filter(isSettingName).sort();
    },
  };
}

/** A session shared by several evaluations over the same workspace snapshot (each file parsed once). */
export async function createEvaluation(access: WorkspaceAccess, options: EvaluateOptions = {}): Promise<EvaluationSession> {
  const session = new EvaluationSession(await initPythonParser(), access, options);
  await session.preload();
  return session;
}

/**
 * Evaluates a settings module statically (by name, or by name and file as `findSettingsModules` returns them). Returns a model even when the module is missing or broken
 * (then with `problems`, and unknown values where they apply).
 */
export async function evaluateSettings(target: string | { module: string; file?: string }, access: WorkspaceAccess, options: EvaluateOptions = {}, session?: EvaluationSession): Promise<SettingsModel> {
  const s = session ?? (await createEvaluation(access, options));
  // Several projects in one workspace may share a module name: a known file (from discovery) wins.
  const module = typeof target === 'string' ? target : target.module;
  const file = (typeof target === 'string' ? undefined : target.file) ?? fileOfModule(module, access.files);
  const production = isProductionModule(module, file, options.productionSettings);
  if (!file) {
    const span = { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 };
    return modelFrom({ module, file: '', scope: new Map(), files: [], opaque: [{ reason: `${module}, which is not in the workspace`, file: '', span }], problems: [{ file: '', span, message: `settings module ${module} was not found in the workspace` }], endOfFile: span }, production);
  }
  s.startEvaluation();
  const loaded = await s.loadFile(module, file);
  if ('result' in loaded) return modelFrom(loaded.result, production);
  // Only when one session is used by two evaluations at once: sessions are not for concurrent use.
  const span = { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 };
  return modelFrom({ module, file, scope: new Map(), files: [file], opaque: [{ reason: `${module}, which is being evaluated concurrently`, file, span }], problems: [], endOfFile: span }, production);
}
