import type { Rule } from './types';

export const settingsProblem: Rule = {
  code: 'DS002',
  name: 'settings-not-importable',
  djangoIds: [],
  deploy: false,
  summary: 'Part of the settings cannot be read: syntax error, missing or circular import',
  docs: {
    whatItDoes: 'Reports what kept the settings from being evaluated: a syntax error, `from .x import *` of a module that is not there, or settings modules importing each other.',
    whyIsThisBad: 'Django fails to import such settings (or, for a circular import, sees only half of them). The settings affected are treated as unknown, so other checks may be skipped.',
    example: 'from .missing import *',
    fix: 'Fix the syntax error or the import.',
  },
  severity: { production: 'warning', development: 'warning' },
  check(ctx) {
    return (ctx.model.problems ?? []).filter((p) => p.file).map((p) => ({ message: p.message, at: { file: p.file, span: p.span } }));
  },
};
