// The CLI's calls into the analysis engine (settings, rules, index, key diagnostics), mapped to CLI records.
// A part that has not landed makes its command fail with "not available in this build".
import type { CliDiagnostic, CliKey, CliRule } from '../model';
import { notAvailable } from '../errors';
import type { Progress } from '../progress';

export interface CheckResult {
  diagnostics: CliDiagnostic[];
  rules: CliRule[];
  /** Dotted settings modules that were checked. */
  settingsModules: string[];
}

export async function checkWorkspace(_root: string, _progress: Progress): Promise<CheckResult> {
  throw notAvailable('settings checks (server/src/settings)');
}

export async function collectKeys(_root: string, _progress: Progress): Promise<CliKey[]> {
  throw notAvailable('the workspace index (server/src/index)');
}
