// Custom messages between the VS Code client and the language server, beyond standard LSP.
// Direction is in each comment. Only plain JSON crosses; secrets travel only client -> server,
// in memory, and are never echoed back or logged.

/** client -> server request: every session key in the workspace (for the Session Keys view). */
export const KeysRequest = 'djangoSessions/keys';
export interface KeySummary {
  key: string | null;
  pattern: boolean;
  types: string[];
  reads: number;
  writes: number;
  deletes: number;
  /** Keys Django or installed apps write (`_auth_user_id`, ...). */
  builtin: boolean;
  /** Who writes a builtin key: "Django", or the app's package (`django-allauth`). */
  writer?: string;
  accesses: { uri: string; line: number; character: number; endLine: number; endCharacter: number; op: string; valueType?: string }[];
}
export interface KeysResult { keys: KeySummary[] }

/** server -> client notification: index state for the status bar. */
export const IndexStateNotification = 'djangoSessions/indexState';
export interface IndexState {
  state: 'indexing' | 'ready' | 'error';
  filesDone: number;
  filesTotal: number;
  keys: number;
  message?: string;
}

/** client -> server request: stores detected from settings plus configured ones. */
export const StoresRequest = 'djangoSessions/stores';
export interface StoresParams {
  /** From `djangoSessions.stores` (no passwords). */
  configured: unknown[];
}
export interface StoreSummary { id: string; label: string; engine: string; backend: string; detectedFrom?: string }
export interface StoresResult { stores: StoreSummary[] }

/** client -> server request: a page of live sessions. */
export const SessionsRequest = 'djangoSessions/sessions';
export interface SessionsParams {
  storeId: string;
  cursor?: string;
  limit: number;
  filter?: string;
  /** SECRET_KEY then fallbacks, from SecretStorage or the environment. */
  secrets: string[];
  /** Store password, from SecretStorage or the environment. */
  password?: string;
}
export interface SessionsResult {
  sessions: {
    key: string; expires: string | null; ttl?: number | null; status: string; reason?: string;
    user: string | null; data: unknown; size: number;
  }[];
  cursor?: string;
  total?: number;
  errors: string[];
  /** Set when the page could not be read at all (store down, no permission, ...); no secrets. */
  error?: string;
}

/** client -> server request: delete one session. Refused unless `confirmed` and not read-only. */
export const DeleteSessionRequest = 'djangoSessions/deleteSession';
export interface DeleteSessionParams { storeId: string; key: string; confirmed: boolean; password?: string }

/** client -> server request: Django's clearsessions for one store. Same guard as delete. */
export const ClearExpiredRequest = 'djangoSessions/clearExpired';
export interface ClearExpiredParams { storeId: string; confirmed: boolean; password?: string }
export interface WriteResult { ok: boolean; deleted?: number; message?: string }

/** client -> server request: decode a pasted session_data or signed cookie value. */
export const DecodeRequest = 'djangoSessions/decode';
export interface DecodeParams { value: string; secrets: string[]; salt?: string }

/** Result of DecodeRequest: the codec's DecodedSession as plain JSON (status valid, expired,
 * bad-signature, no-secret, legacy or undecodable; `data` null when it could not be read). */
export interface DecodeResult {
  status: string;
  reason?: string;
  data: unknown;
  user: string | null;
  expiry: string | null;
  secretIndex?: number;
  algorithm?: string;
  format?: string;
}
