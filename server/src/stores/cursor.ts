// Page cursors are opaque to shells: base64url JSON that only the issuing adapter reads back.
import { StoreError } from './errors';

export function encodeCursor(state: unknown): string {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
}

export function decodeCursor<T>(cursor: string, isValid: (value: unknown) => value is T): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!isValid(value)) throw new StoreError('bad-config', 'invalid page cursor (start from the first page)');
  return value;
}

export function pageLimit(limit: number): number {
  return Number.isInteger(limit) && limit > 0 ? Math.min(limit, 1000) : 50;
}
