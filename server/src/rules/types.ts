// The rule contract: one file per rule (code, docs, default severity, check, fixes), Ruff-style.
import type { RuleSeverity } from '../../../common/settings';
import type { Span } from '../facts/types';
import type { SettingAssignment, SettingsModel, SettingValue } from '../settings/types';
import type { Resolved } from '../settings/values';

export interface TextEdit {
  file: string;
  span: Span;
  newText: string;
}

export interface SettingsFix {
  title: string;
  edits: TextEdit[];
}

export interface SettingsDiagnostic {
  /** Workspace-relative POSIX path. */
  file: string;
  span: Span;
  /** Our code, e.g. `DS303`. */
  code: string;
  /** Django's check id when Django reports the same thing (`security.W012`), else null. */
  djangoId: string | null;
  severity: Exclude<RuleSeverity, 'off'>;
  message: string;
  fixes: SettingsFix[];
  /** The settings module whose evaluation produced it. */
  module: string;
}

export interface RuleDocs {
  whatItDoes: string;
  whyIsThisBad: string;
  /** Python that triggers the rule. */
  example: string;
  /** How to fix it, with the corrected Python. */
  fix: string;
  /** Behaviour that differs by Django version. */
  versions?: string;
}

/** A setting as the rules see it: the project's value, or Django's default when it is not set. */
export interface EffectiveSetting {
  name: string;
  assignment: SettingAssignment | undefined;
  value: SettingValue;
  resolved: Resolved;
}

export interface Location {
  file: string;
  span: Span;
}

export interface RuleContext {
  model: SettingsModel;
  djangoVersion: readonly [number, number];
  atLeast(version: string): boolean;
  setting(name: string): EffectiveSetting;
  /** Whether a dotted module exists in the workspace (for custom session engines). */
  moduleExists(module: string): boolean;
}

export interface Finding {
  message: string;
  at: Location;
  /** The Django id of this finding, for rules that map to several (W010/W011/W012). */
  djangoId?: string | null;
  fixes?: SettingsFix[];
}

export interface Rule {
  code: string;
  /** kebab-case, names the flagged pattern. */
  name: string;
  /** Django ids this rule reproduces, with Django's verdict. */
  djangoIds: string[];
  /** True for Django's `check --deploy` checks (their verdict is compared with Django's). */
  deploy: boolean;
  summary: string;
  docs: RuleDocs;
  severity: { production: RuleSeverity; development: RuleSeverity };
  check(ctx: RuleContext): Finding[];
}
