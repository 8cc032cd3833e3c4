// Errors the CLI turns into a message on stderr and an exit code; never a stack trace for these.

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** A usage or runtime problem the user can act on: printed as `django-sessions: <message>`, exit 2. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = EXIT_ERROR) {
    super(message);
    this.name = 'CliError';
  }
}

/** A message safe to print for any thrown value (no stack, no secrets beyond what the thrower put in). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
