// Builds the RuleContext a rule checks against.
import type { SettingsModel } from '../settings/types';
import { effective } from './helpers';
import type { RuleContext } from './types';

export function parseVersion(version: string | undefined): readonly [number, number] {
  const [major, minor] = (version ?? '3.2').split('.').map((p) => Number.parseInt(p, 10));
  return Number.isFinite(major) ? [major, Number.isFinite(minor) ? minor : 0] : [3, 2];
}

export function ruleContext(model: SettingsModel, djangoVersion: string | undefined, moduleExists: (m: string) => boolean): RuleContext {
  const v = parseVersion(djangoVersion);
  return {
    model,
    djangoVersion: v,
    atLeast(version: string) {
      const [major, minor] = parseVersion(version);
      return v[0] > major || (v[0] === major && v[1] >= minor);
    },
    setting: (name) => effective(model, name),
    moduleExists,
  };
}
