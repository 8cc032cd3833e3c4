// The contract of static settings evaluation (implemented in this folder, read by facts, rules, stores).
import type { Span } from '../facts/types';

/** A Python value known statically, as JSON-like data (tuples become arrays). */
export type Known = null | boolean | number | string | Known[] | { [key: string]: Known };

export type SettingValue =
  | { kind: 'known'; value: Known }
  /** Depends on an environment variable: `value` is what it is when the variable is unset. */
  | { kind: 'env'; variable: string; fallback: SettingValue; cast?: 'bool' | 'int' | 'str' | 'list' | 'float' }
  | { kind: 'unknown'; reason: string };

export interface SettingAssignment {
  name: string;
  value: SettingValue;
  /** Where the effective assignment is (workspace-relative POSIX path). */
  file: string;
  span: Span;
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
}
