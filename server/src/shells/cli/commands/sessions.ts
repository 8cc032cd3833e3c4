// `django-sessions sessions list|show|delete|clear-expired`: the project's live sessions.
import type { LiveSession } from '../../../stores/types';
import { maskKey, openStore, type CliStore } from '../engine/stores';
import { CliError, EXIT_CLEAN, EXIT_FINDINGS } from '../errors';
import { sessionJson, sessionsJson, sessionsText, sessionText } from '../format/sessions';
import type { CliIo } from '../io';
import type { CliSession } from '../model';
import { oneOf, parseCommandArgs, positiveInt, str, strings, type Parsed } from '../options';
import { noSecretNotice, password, secretKeys } from '../secrets';

export const sessionsUsage = `Usage: django-sessions sessions <list|show KEY|delete KEY|clear-expired> [options]

Reads the live sessions of a Django project's store and decodes them as Django does.

Store (one of):
  --settings PATH          detect the store from the project's settings (PATH: project
                           directory or settings file; default: the current directory)
  --store URL              sqlite:PATH | postgres://user@host:port/db | mysql://user@host:port/db
                           redis://host:port/db?prefix=&version=1&client=django|django-redis
                           memcached://host:port | file:DIR?cookie=sessionid
  --table NAME             session table for db stores (default: django_session)

Secrets (names of environment variables, never the values):
  --secret-key-env VAR     SECRET_KEY to verify signatures (default: DJANGO_SECRET_KEY if set)
  --fallback-key-env VAR   a SECRET_KEY_FALLBACKS entry (repeatable)
  --password-env VAR       the store's password

Options:
  --format text|json       output format (default: text)
  --limit N                sessions to list (default: 50)
  --filter TEXT            only sessions whose key, user or data contain TEXT
  --reveal-keys            print session keys in full (they are credentials: masked by default)
  --yes                    confirm delete / clear-expired (they refuse without it)
  -h, --help               show this help
`;

const subcommands = ['list', 'show', 'delete', 'clear-expired'] as const;

export async function sessionsCommand(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandArgs('sessions', argv, {
    settings: { type: 'string' }, store: { type: 'string' }, table: { type: 'string' },
    'secret-key-env': { type: 'string' }, 'fallback-key-env': { type: 'string', multiple: true }, 'password-env': { type: 'string' },
    format: { type: 'string' }, limit: { type: 'string' }, filter: { type: 'string' },
    'reveal-keys': { type: 'boolean' }, yes: { type: 'boolean' },
  });
  const { values, positionals } = parsed;
  if (values.help) return io.out(sessionsUsage), EXIT_CLEAN;
  const [sub, ...args] = positionals;
  if (!sub || !(subcommands as readonly string[]).includes(sub)) {
    throw new CliError(`sessions: expected one of ${subcommands.join(', ')}${sub ? ` (got ${JSON.stringify(sub)})` : ''}\nRun \`django-sessions sessions --help\` for usage.`);
  }
  const wantsKey = sub === 'show' || sub === 'delete';
  if (args.length !== (wantsKey ? 1 : 0)) throw new CliError(`sessions ${sub}: ${wantsKey ? 'expected one session KEY' : 'takes no arguments'}`);
  // Refuse before connecting: a write needs an explicit confirmation.
  if ((sub === 'delete' || sub === 'clear-expired') && !values.yes) {
    throw new CliError(`sessions ${sub} changes the store: refusing without --yes`);
  }
  const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
  const limit = positiveInt('limit', values.limit, 50);
  const store = await open(parsed, io);
  try {
    const reveal = values['reveal-keys'] === true;
    const show = (s: LiveSession) => toCli(s, reveal ? s.key : maskKey(s.key));
    switch (sub) {
      case 'list': {
        const page = await store.list(limit, str(values.filter));
        const list = { store: store.id, total: page.total, sessions: page.sessions.map(show), errors: page.errors };
        io.out(format === 'json' ? sessionsJson(list) : sessionsText(list, new Date()));
        return EXIT_CLEAN;
      }
      case 'show': {
        const session = await store.get(args[0]);
        if (!session) return missing(io, args[0], reveal);
        io.out(format === 'json' ? sessionJson(store.id, show(session)) : sessionText(store.id, show(session)));
        return EXIT_CLEAN;
      }
      case 'delete': {
        const existed = await store.delete(args[0]);
        if (!existed) return missing(io, args[0], reveal);
        report(io, format, { deleted: 1 }, `deleted session ${reveal ? args[0] : maskKey(args[0])} from ${store.id}`);
        return EXIT_CLEAN;
      }
      default: {
        const deleted = await store.clearExpired();
        report(io, format, { deleted }, `deleted ${deleted} expired session${deleted === 1 ? '' : 's'} from ${store.id}`);
        return EXIT_CLEAN;
      }
    }
  } finally {
    await store.close().catch(() => undefined);
  }
}

async function open({ values }: Parsed, io: CliIo): Promise<CliStore> {
  const settingsPath = str(values.settings);
  const storeUrl = str(values.store);
  if (settingsPath !== undefined && storeUrl !== undefined) throw new CliError('sessions: give --settings or --store, not both');
  const secrets = secretKeys(io, str(values['secret-key-env']), strings(values['fallback-key-env']));
  const store = await openStore({
    settingsPath: storeUrl === undefined ? (settingsPath ?? '.') : undefined,
    storeUrl, table: str(values.table), secrets, password: password(io, str(values['password-env'])),
    cwd: io.cwd, env: io.env, note: (message) => io.err(message),
  });
  if (secrets.length === 0) io.err(noSecretNotice);
  return store;
}

function toCli(s: LiveSession, key: string): CliSession {
  return { key, expires: s.expires, status: s.status, reason: s.reason, user: s.user, data: s.data, ttl: s.ttl, size: s.size };
}

function missing(io: CliIo, key: string, reveal: boolean): number {
  io.err(`django-sessions: no session ${reveal ? key : maskKey(key)} in this store\n`);
  return EXIT_FINDINGS;
}

function report(io: CliIo, format: 'text' | 'json', result: { deleted: number }, text: string): void {
  io.out(format === 'json' ? JSON.stringify(result) + '\n' : text + '\n');
}
