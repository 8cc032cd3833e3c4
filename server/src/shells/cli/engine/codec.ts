// The CLI's calls into the codec: decode a pasted session_data value or signed cookie.
import { decodeSessionData, decodeSignedCookie } from '../../../codec';
import type { DecodedSession } from '../../../codec/types';
import { LiveSessionService } from '../../../stores/service';

export type ValueKind = 'auto' | 'session-data' | 'cookie';

export function decodeValue(value: string, secrets: string[], kind: ValueKind): DecodedSession {
  if (kind === 'session-data') return decodeSessionData(value, { secrets });
  if (kind === 'cookie') return decodeSignedCookie(value, { secrets });
  // The service's auto-detection (session_data first, then a signed cookie) is the one the editor uses.
  return new LiveSessionService().decode(value, secrets);
}
