// `django-sessions demo [PATH]` (what `npm start` runs): the key table, the settings findings and the
// live sessions of examples/shop, creating its SQLite session database on first run.
import { existsSync, statSync } from 'node:fs';
import { join, relative, resolve as resolvePath } from 'node:path';
import { encodeSessionData } from '../../../codec';
import { resolve as resolveSetting } from '../../../settings/values';
import { detectStores } from '../../../stores/detect';
import { createDemoDatabase, demoRows } from '../demo/seed';
import { exploreProject } from '../engine/analysis';
import { maskKey, openStore } from '../engine/stores';
import { CliError, EXIT_CLEAN } from '../errors';
import { diagnosticsText, sortDiagnostics } from '../format/diagnostics';
import { keysText } from '../format/keys';
import { sessionsText } from '../format/sessions';
import type { CliIo } from '../io';
import { parseCommandArgs } from '../options';
import { progressOn } from '../progress';
import { projectRoot } from './common';

export const demoUsage = `Usage: django-sessions demo [PATH]

The tour on examples/shop (or PATH): every session key in the code, the settings findings, and the
live sessions in the example's SQLite database. The database is created on first run with a few
sessions signed with the SECRET_KEY of the example's development settings; delete it to start over.
Needs no Python or Django.
`;

export async function demoCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('demo', argv, {});
  if (values.help) return io.out(demoUsage), EXIT_CLEAN;
  const root = positionals.length ? projectRoot(io, positionals, 'demo') : defaultExample(io);
  const name = relative(io.cwd, root) || '.';

  // Settings evaluated as if no variable were set: the demo key is the one the dev settings fall back to.
  const progress = progressOn(io);
  const project = await exploreProject(root, { progress, env: {} }).finally(() => progress.done());
  const settings = project.settings;
  if (!settings) throw new CliError(`${name}: no settings module found (manage.py names none)`);
  const secret = resolveSetting(settings.get('SECRET_KEY')?.value ?? { kind: 'unknown', reason: 'not set' });
  if (!secret.known || typeof secret.value !== 'string' || !secret.value) {
    throw new CliError(`${name}: the demo needs a literal SECRET_KEY (or a default) in ${settings.module}`);
  }
  const store = detectStores(settings, root).stores.find((s) => s.backend === 'sqlite' && s.engine === 'db');
  if (!store?.path) throw new CliError(`${name}: the demo needs the db session engine on SQLite (${settings.module})`);

  const created = await ensureDatabase(store.path, secret.value);
  io.out(`# Session keys in ${name}\n\n${keysText(project.keys)}\n`);
  io.out(`# Settings findings (${settings.module} and the other settings modules)\n\n${diagnosticsText(sortDiagnostics(project.check.diagnostics))}\n`);
  const sessions = await openStore({
    storeUrl: `sqlite:${store.path}`, secrets: [secret.value], cwd: io.cwd, env: {}, note: (m) => io.err(m),
  });
  try {
    const page = await sessions.list(20, undefined);
    const list = { store: relative(io.cwd, store.path) || store.path, total: page.total, errors: page.errors,
      sessions: page.sessions.map((s) => ({ ...s, key: maskKey(s.key) })) };
    io.out(`# Live sessions${created ? ' (database created just now)' : ''}\n\n${sessionsText(list, new Date())}`);
  } finally {
    await sessions.close();
  }
  io.out(`\nTry: django-sessions check ${name} --format sarif\n     django-sessions sessions list --settings ${name} --secret-key-env DJANGO_SECRET_KEY\n`);
  return EXIT_CLEAN;
}

/** examples/shop of the installed package (beside dist/), else of the current directory. */
function defaultExample(io: CliIo): string {
  for (const candidate of [resolvePath(__dirname, '..', 'examples', 'shop'), join(io.cwd, 'examples', 'shop')]) {
    if (existsSync(join(candidate, 'manage.py'))) return candidate;
  }
  throw new CliError('examples/shop was not found; pass the project PATH');
}

/** Creates the database when it is missing or empty (a bare `manage.py check` leaves a 0-byte file). */
async function ensureDatabase(path: string, secret: string): Promise<boolean> {
  const size = statSync(path, { throwIfNoEntry: false })?.size;
  if (size !== undefined && size > 0) return false;
  await createDemoDatabase(path, demoRows((data, key) => encodeSessionData(data, key), secret, new Date()));
  return true;
}
