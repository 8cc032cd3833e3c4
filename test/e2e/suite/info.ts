// What the node:test driver prepared for the in-VS Code suite (read from DS_E2E_INFO).
import { readFileSync } from 'node:fs';

export interface E2EInfo {
  mode: 'trusted' | 'untrusted';
  secret: string;
  /** Folder for file signals between suite and driver (screenshot requests). */
  signalDir: string;
  /** A store whose server only records connections: contacting it is a failure in Restricted Mode. */
  fakeUrl: string;
  sqlite: { url: string; valid: string; expired: string; foreign: string; data: Record<string, unknown> };
  redis: { url: string; prefix: string; valid: string; data: Record<string, unknown> };
  cookie: { valid: string; tampered: string; data: Record<string, unknown> };
  /** Where to save a screenshot of the Live Sessions view, when wanted. */
  screenshot?: string;
}

export function readInfo(): E2EInfo {
  const path = process.env.DS_E2E_INFO;
  if (!path) throw new Error('DS_E2E_INFO is not set: run through test/e2e/vscode.test.ts');
  return JSON.parse(readFileSync(path, 'utf8')) as E2EInfo;
}
