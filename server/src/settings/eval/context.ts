// What an expression needs from the module being evaluated.
import type { Value } from './value';

export interface ExprContext {
  /** The value bound to a name, or unknown when it is not defined. */
  lookup(name: string): Value;
  /** Variables known to be set (options.env). */
  env: Readonly<Record<string, string | undefined>> | undefined;
  /** `__file__` of the module being evaluated (workspace-relative or absolute POSIX). */
  fileValue: string;
  /** Entries django-environ loaded with `read_env()` so far. */
  environDotenv(): Readonly<Record<string, string>> | undefined;
  /** The .env python-decouple finds from the settings file's directory upwards. */
  decoupleDotenv(): Readonly<Record<string, string>> | undefined;
  /** Whether a file or folder exists in the workspace (`os.path.exists`, `Path.exists()`); undefined
   * for a path outside it. Optional: without it those calls stay unknown. */
  pathExists?(path: string, kind: 'any' | 'file' | 'dir'): boolean | undefined;
}
