import { clauseFor, ENGINE_PREFIX, locate } from './helpers';
import type { Rule } from './types';

export const fileEngineWithoutPath: Rule = {
  code: 'DS216',
  name: 'file-sessions-in-temp-dir',
  djangoIds: [],
  deploy: false,
  summary: 'The file session engine without SESSION_FILE_PATH',
  docs: {
    whatItDoes: 'Reports SESSION_ENGINE = file with SESSION_FILE_PATH unset (None).',
    whyIsThisBad: 'Sessions then go to the system temp directory: shared with other programs and users, often cleaned at reboot (logging everyone out), and mixed with other projects that use the default cookie name.',
    example: "SESSION_ENGINE = 'django.contrib.sessions.backends.file'",
    fix: "SESSION_FILE_PATH = '/var/lib/shop/sessions'  # a directory only the app can read",
  },
  severity: { production: 'warning', development: 'off' },
  check(ctx) {
    const engine = ctx.setting('SESSION_ENGINE');
    const path = ctx.setting('SESSION_FILE_PATH');
    if (!engine.resolved.known || !path.resolved.known) return [];
    if (engine.resolved.value !== `${ENGINE_PREFIX}file` || path.resolved.value !== null) return [];
    return [{ message: `File sessions without SESSION_FILE_PATH${clauseFor(engine, path)} are written to the system temp directory, shared and cleaned at reboot.`, at: locate(ctx, path, engine) }];
  },
};
