// Row constructors: the status follows from value and target, so no caller can mislabel a figure.
import { meets } from '../stats';
import type { Row, Target } from './types';

type Fields = Omit<Row, 'status' | 'value'>;

export function measured(fields: Fields & { target?: Target }, value: number): Row {
  const status = fields.target ? (meets(value, fields.target.value, fields.target.direction) ? 'met' : 'missed') : 'info';
  return { ...fields, value, status };
}

export function notAvailable(fields: Fields, why: string): Row {
  return { ...fields, value: null, status: 'n/a', note: why };
}

/** Turns any thrown value into a short, secret-free reason (first line only). */
export function reason(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0].slice(0, 200);
}
