// The state of one module while it is evaluated, and what is kept of it afterwards.
import type { Span } from '../../facts/types';
import type { SettingsProblem } from '../types';
import type { Value } from './value';

export interface Binding {
  value: Value;
  file: string;
  span: Span;
  valueSpan?: Span;
}

export type Scope = Map<string, Binding>;

/** A `from x import *` we could not follow: any setting it might define is unknown. */
export interface OpaqueImport {
  reason: string;
  file: string;
  span: Span;
}

export interface ModuleResult {
  module: string;
  file: string;
  scope: Scope;
  /** The module's file, then every file it star-imported, in the order they were imported. */
  files: string[];
  opaque: OpaqueImport[];
  problems: SettingsProblem[];
  endOfFile: Span;
}

/** A module being evaluated. */
export interface ModuleRun {
  module: string;
  file: string;
  isPackage: boolean;
  scope: Scope;
  files: string[];
  opaque: OpaqueImport[];
  problems: SettingsProblem[];
  /** Entries loaded by django-environ's read_env(). */
  environDotenv?: Record<string, string>;
  /** Set when an import failed inside a `try:` whose handler may catch it. */
  importFailed: boolean;
  tryDepth: number;
}
