// `sessions` output: a table or JSON for a page of live sessions, and one session in detail.
import type { CliSession, CliSessionList } from '../model';
import { clip, renderTable } from './table';

export function sessionsText(list: CliSessionList, now: Date): string {
  const head = `${list.store}: ${list.total === null ? 'unknown number of' : list.total} session${list.total === 1 ? '' : 's'}`
    + (list.sessions.length < (list.total ?? 0) ? `, showing ${list.sessions.length}` : '') + '\n';
  const errors = list.errors.map((e) => `! ${e}\n`).join('');
  if (list.sessions.length === 0) return head + errors;
  const rows = list.sessions.map((s) => [
    s.key,
    s.expires ? `${s.expires}${relative(s.expires, now)}` : 'never',
    s.status,
    s.user ?? '-',
    clip(s.data ? Object.keys(s.data).join(', ') : (s.reason ?? '-'), 60),
  ]);
  return head + errors + '\n' + renderTable(['KEY', 'EXPIRES', 'STATUS', 'USER', 'DATA KEYS'], rows);
}

function relative(iso: string, now: Date): string {
  const ms = Date.parse(iso) - now.getTime();
  if (Number.isNaN(ms)) return '';
  const abs = Math.abs(ms);
  const [n, unit] = abs >= 86_400_000 ? [abs / 86_400_000, 'd'] : abs >= 3_600_000 ? [abs / 3_600_000, 'h'] : [abs / 60_000, 'm'];
  const amount = `${Math.floor(n)}${unit}`;
  return ms >= 0 ? ` (in ${amount})` : ` (${amount} ago)`;
}

export function sessionsJson(list: CliSessionList): string {
  return JSON.stringify({ store: list.store, total: list.total, sessions: list.sessions.map(sessionRecord), errors: list.errors }, null, 2) + '\n';
}

function sessionRecord(s: CliSession) {
  return { key: s.key, expires: s.expires, status: s.status, ...(s.reason ? { reason: s.reason } : {}), user: s.user, data: s.data, ...(s.ttl !== undefined ? { ttl: s.ttl } : {}), ...(s.size !== undefined ? { size: s.size } : {}) };
}

export function sessionText(store: string, s: CliSession): string {
  return [
    `store:   ${store}`,
    `key:     ${s.key}`,
    `expires: ${s.expires ?? 'never'}`,
    `status:  ${s.status}${s.reason ? ` (${s.reason})` : ''}`,
    `user:    ${s.user ?? '-'}`,
    `data:    ${s.data ? JSON.stringify(s.data, null, 2).replace(/\n/g, '\n         ') : '-'}`,
  ].join('\n') + '\n';
}

export function sessionJson(store: string, s: CliSession): string {
  return JSON.stringify({ store, session: sessionRecord(s) }, null, 2) + '\n';
}
