// A test that needs a server, Django or Neovim skips with a visible notice where it is missing,
// and fails when CI=true (.ci/run provides all of them).
import type { TestContext } from 'node:test';

export const inCI = process.env.CI === 'true';

/**
 * Returns true when `probe` finds the requirement. Otherwise: in CI throws; elsewhere skips the
 * test with a notice on stderr and returns false.
 */
export async function requires(t: TestContext, what: string, probe: () => boolean | Promise<boolean>): Promise<boolean> {
  let ok = false;
  let why = '';
  try {
    ok = await probe();
  } catch (e) {
    why = e instanceof Error ? e.message : String(e);
  }
  if (ok) return true;
  const message = `${what} is not available${why ? ` (${why})` : ''}`;
  if (inCI) throw new Error(`${message}; CI=true requires it (.ci/run provides it)`);
  process.stderr.write(`NOTICE: skipping "${t.name}": ${message}\n`);
  t.skip(message);
  return false;
}
