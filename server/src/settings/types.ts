// The contract of static settings evaluation (implemented in this folder, read by facts, rules, stores).
import type { Span } from '../facts/types';

/** A Python value known statically, as JSON-like data (tuples become arrays). */
export type Known = null | boolean | number | string | Known[] | { [key: string]: Known };

export type EnvCast = 'bool' | 'int' | 'str' | 'list' | 'float';

export type SettingValue =
  | { kind: 'known'; value: Known }
  /** Depends on an environment variable: `value` is what it is when the variable is unset. */
  | { kind: 'env'; variable: string; fallback: SettingValue; cast?: EnvCast }
  | { kind: 'unknown'; reason: string };

export interface SettingAssignment {
  name: string;
  value: SettingValue;
  /** Where the effective assignment is (workspace-relative POSIX path). */
  file: string;
  span: Span;
  /** The assigned expression (for quick fixes); absent for merged or inherited-unknown values. */
  valueSpan?: Span;
}

/** Something that kept part of the settings from being evaluated (syntax error, missing or circular import). */
export interface SettingsProblem {
  file: string;
  span: Span;
  message: string;
}

export interface SettingsModel {
  /** Dotted module, e.g. `shop.settings.prod`. */
  module: string;
  /** The module's file and every file it star-imports, in evaluation order. */
  files: string[];
  production: boolean;
  /** The effective assignment of a setting (last one wins), or undefined when the project does not set it. */
  get(name: string): SettingAssignment | undefined;
  names(): string[];
  /** The module's own file (workspace-relative), when it was found. */
  file?: string;
  /** Problems met while evaluating; values they affect are `unknown`, never guessed. */
  problems?: SettingsProblem[];
  /** Zero-width span at the end of the module's own file: where a fix appends a missing setting. */
  endOfFile?: Span;
}

/** Workspace access injected by the shells: the engine does no IO of its own. */
export interface WorkspaceAccess {
  /** Workspace-relative POSIX paths of the Python (and config) files. */
  files: readonly string[];
  readFile(path: string): string | undefined | Promise<string | undefined>;
}

export interface EvaluateOptions {
  /** Environment variables known to be set (e.g. the CLI's own environment); others stay env-dependent. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Absolute workspace root: when given, `__file__`, `BASE_DIR` & co. become absolute paths. */
  root?: string;
  /** `djangoSessions.productionSettings`: module names or path globs treated as production. */
  productionSettings?: readonly string[];
}
