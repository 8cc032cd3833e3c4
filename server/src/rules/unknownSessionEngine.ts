import { sessionEngines } from '../settings/catalog';
import { clauseFor, ENGINE_PREFIX, locate, setSettingFix } from './helpers';
import type { Rule } from './types';

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = row[j];
      row[j] = next;
    }
  }
  return row[b.length];
}

/** The built-in engine closest to `engine` (by edit distance on the whole path). */
export function closestEngine(engine: string): { module: string; distance: number } {
  return sessionEngines.map((e) => ({ module: e.module, distance: distance(engine, e.module) })).sort((x, y) => x.distance - y.distance)[0];
}

export const unknownSessionEngine: Rule = {
  code: 'DS206',
  name: 'unknown-session-engine',
  djangoIds: [],
  deploy: false,
  summary: 'SESSION_ENGINE is not a built-in backend nor a module of the project',
  docs: {
    whatItDoes: 'Reports a SESSION_ENGINE that is misspelled: under django.contrib.sessions.backends but not one of its five modules, close to a built-in name, or inside the project but missing.',
    whyIsThisBad: 'Django imports SESSION_ENGINE on the first request that uses the session: a typo is an ImportError on every such request.',
    example: "SESSION_ENGINE = 'django.contrib.sessions.backends.cached'",
    fix: "SESSION_ENGINE = 'django.contrib.sessions.backends.cached_db'",
  },
  severity: { production: 'error', development: 'error' },
  check(ctx) {
    const s = ctx.setting('SESSION_ENGINE');
    if (!s.resolved.known || typeof s.resolved.value !== 'string') return [];
    const engine = s.resolved.value;
    if (sessionEngines.some((e) => e.module === engine) || ctx.moduleExists(engine)) return [];
    const closest = closestEngine(engine);
    const topLevel = engine.split('.')[0];
    const inProject = ctx.model.module.split('.')[0] === topLevel;
    const misspelt = engine.startsWith(ENGINE_PREFIX) || closest.distance <= 3 || inProject;
    if (!misspelt) return []; // A third-party engine (django-redis-sessions, ...): installed packages are not visible.
    const suggestion = closest.distance <= Math.max(4, engine.length / 3) ? closest.module : undefined;
    return [{
      message: `SESSION_ENGINE ${JSON.stringify(engine)}${clauseFor(s)} is not a session backend${inProject && !engine.startsWith('django.') ? ' (no such module in the project)' : ''}.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
      at: locate(ctx, s),
      fixes: suggestion ? setSettingFix(ctx, s, `'${suggestion}'`, `Change to '${suggestion}'`) : [],
    }];
  },
};
