import { clauseFor, locate } from './helpers';
import { secretKeyWeakness } from './secretKeyInsecure';
import type { Finding, Rule } from './types';

export const secretKeyFallbackInsecure: Rule = {
  code: 'DS302',
  name: 'secret-key-fallback-insecure',
  djangoIds: ['security.W025'],
  deploy: true,
  summary: 'A SECRET_KEY_FALLBACKS entry is short, repetitive, or a generated development key',
  docs: {
    whatItDoes: 'Checks every entry of SECRET_KEY_FALLBACKS like SECRET_KEY (Django\'s security.W025).',
    whyIsThisBad: 'Signatures made with any fallback key still verify: sessions signed with a weak fallback can be forged exactly as with a weak SECRET_KEY.',
    example: "SECRET_KEY_FALLBACKS = ['django-insecure-old-key']",
    fix: 'Remove old keys once sessions signed with them have expired, and only ever rotate in long random keys.',
    versions: 'SECRET_KEY_FALLBACKS and security.W025 exist from Django 4.1; with an older target version the rule is silent.',
  },
  severity: { production: 'warning', development: 'off' },
  check(ctx) {
    if (!ctx.atLeast('4.1')) return [];
    const fallbacks = ctx.setting('SECRET_KEY_FALLBACKS');
    if (!fallbacks.resolved.known) return [];
    const value = fallbacks.resolved.value;
    // Django iterates whatever is there: a string is iterated character by character.
    const entries = Array.isArray(value) ? value : typeof value === 'string' ? [...value] : [];
    const findings: Finding[] = [];
    entries.forEach((entry, index) => {
      const weakness = typeof entry === 'string' ? secretKeyWeakness(entry) : 'is not a string';
      if (weakness) findings.push({ message: `SECRET_KEY_FALLBACKS[${index}] ${weakness}${clauseFor(fallbacks)}. Sessions signed with it can be forged.`, at: locate(ctx, fallbacks) });
    });
    return findings;
  },
};
