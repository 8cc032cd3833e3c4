// The CLI's calls into the codec: decode a pasted session_data value or signed cookie.
import type { DecodedSession } from '../../../codec/types';
import { notAvailable } from '../errors';

export type ValueKind = 'auto' | 'session-data' | 'cookie';

export function decodeValue(_value: string, _secrets: string[], _kind: ValueKind): DecodedSession {
  throw notAvailable('the session codec (server/src/codec)');
}
