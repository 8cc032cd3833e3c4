// Fixture loading shared by the codec tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'codec');

export interface SigningVector {
  name: string;
  secret: string;
  salt?: string;
  key_salt?: string;
  timestamp?: number;
  algorithm?: 'sha256' | 'sha1';
  compress?: boolean;
  obj?: Record<string, unknown> | string;
  json?: string;
  signed?: string;
}

export interface PickleSample {
  name: string;
  protocol: number;
  hex: string;
  expected: unknown;
}

export function signingVectors(): SigningVector[] {
  return (JSON.parse(readFileSync(join(FIXTURES, 'session-vectors.json'), 'utf8')) as SigningVector[]).filter((v) => v.signed);
}

export function pickleSamples(): PickleSample[] {
  return readFileSync(join(FIXTURES, 'pickles.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as PickleSample);
}
