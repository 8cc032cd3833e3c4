// TimestampSigner.unsign / sign as sessions use them: `payload:timestamp:signature`, the signature
// over `payload:timestamp`, every secret tried in order, sha1 accepted only for 3.1/3.2 data.
import { b62Decode } from './base62';
import { CodecError } from './errors';
import { signatureMatches, signerSignature, type HashAlgorithm } from './hmac';

export type Verification =
  | { verified: true; secretIndex: number; algorithm: HashAlgorithm }
  | { verified: false; why: string };

// Length of the base64url signature tells which hash could have made it.
const ALGORITHM_BY_LENGTH: Record<number, HashAlgorithm> = { 43: 'sha256', 27: 'sha1' };

export interface SplitBlob {
  /** The whole signed value. */
  value: string;
  /** `payload:timestamp`, what the signature covers. */
  signed: string;
  signature: string;
}

export function splitSignature(value: string): SplitBlob {
  const at = value.lastIndexOf(':');
  if (at < 0) throw new CodecError('no ":" separator: not a signed value');
  return { value, signed: value.slice(0, at), signature: value.slice(at + 1) };
}

export function verifySignature(blob: SplitBlob, salt: string, secrets: string[], allowSha1: boolean): Verification {
  const algorithm = ALGORITHM_BY_LENGTH[blob.signature.length] ?? 'sha256';
  for (let i = 0; i < secrets.length; i++) {
    if (signatureMatches(salt, blob.value, blob.signed, blob.signature, secrets[i], algorithm)) {
      if (algorithm === 'sha1' && !allowSha1) return { verified: false, why: 'sha1 signature: only Django 3.1/3.2 accept it' };
      return { verified: true, secretIndex: i, algorithm };
    }
  }
  return { verified: false, why: secrets.length > 1 ? 'signature matches no secret (SECRET_KEY and fallbacks)' : 'signature does not match SECRET_KEY' };
}

/** The second rsplit: payload and base62 timestamp (seconds). */
export function splitTimestamp(signed: string): { payload: string; timestamp: number } {
  const at = signed.lastIndexOf(':');
  if (at < 0) throw new CodecError('no timestamp in the signed value');
  return { payload: signed.slice(0, at), timestamp: b62Decode(signed.slice(at + 1)) };
}

/** TimestampSigner: `SignatureExpired` when `now - timestamp > max_age` (float seconds). */
export function isTooOld(timestamp: number, maxAge: number, now: Date): boolean {
  return now.getTime() / 1000 - timestamp > maxAge;
}

export function sign(payload: string, timestampB62: string, salt: string, secret: string, algorithm: HashAlgorithm): string {
  const signed = `${payload}:${timestampB62}`;
  return `${signed}:${signerSignature(salt, signed, secret, algorithm)}`;
}
