// What the CLI prints: flat records with workspace-relative paths and 1-based positions.
// Engine results are mapped into these in engine.ts; formatters only read them.
import type { PyJson, SessionStatus } from '../../codec/types';
import type { Severity } from './options';

export interface CliDiagnostic {
  /** Relative to the checked PATH, POSIX separators. */
  file: string;
  /** 1-based. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: string;
  severity: Severity;
  message: string;
  /** Django's check id (`security.W010`) when Django has the same check. */
  django: string | null;
}

/** Documentation of a diagnostic code, for SARIF `rules`. */
export interface CliRule {
  code: string;
  name: string;
  summary: string;
  /** Markdown: what it does, why, fix. */
  help: string;
  /** Django's check ids the rule reproduces (W010/W011/W012 for one rule). */
  djangoIds: string[];
  defaultSeverity: Severity;
}

export interface CliAccess {
  file: string;
  line: number;
  column: number;
  op: 'read' | 'write' | 'delete' | 'contains';
  valueType?: string;
}

export interface CliKey {
  key: string | null;
  pattern: boolean;
  builtin: boolean;
  /** Who writes a builtin key: "Django" or an installed app's package. */
  writer?: string;
  accesses: CliAccess[];
}

export interface CliSession {
  /** Masked unless --reveal-keys. */
  key: string;
  expires: string | null;
  status: SessionStatus;
  reason?: string;
  user: string | null;
  data: Record<string, PyJson> | null;
  ttl?: number | null;
  size?: number;
}

export interface CliSessionList {
  store: string;
  total: number | null;
  sessions: CliSession[];
  errors: string[];
}
