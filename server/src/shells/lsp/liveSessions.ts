// The custom requests of the Live Sessions view, forwarded to the stores layer's service.
// Session keys go to the client (it needs them to delete; it masks them on screen); secrets and
// passwords only arrive from it and are never logged.
import type { Connection } from 'vscode-languageserver';
import {
  ClearExpiredRequest, DecodeRequest, DeleteSessionRequest, SessionsRequest, StoresRequest,
  type ClearExpiredParams, type DecodeParams, type DecodeResult, type DeleteSessionParams, type SessionsParams,
  type SessionsResult, type StoresParams, type StoresResult, type WriteResult,
} from '../../../../common/protocol';
import type { DjangoSessionsSettings } from '../../../../common/settings';
import type { SettingsModel } from '../../settings/types';
import { detectStores } from '../../stores/detect';
import { LiveSessionService } from '../../stores/service';
import { safely } from './safe';

export function wireLiveSessions(connection: Connection, root: () => string, config: () => DjangoSessionsSettings,
  settings: () => { model: SettingsModel | null; file?: string }): LiveSessionService {
  const service = new LiveSessionService();
  connection.onRequest(StoresRequest, safely(connection, 'stores', (params: StoresParams): StoresResult => {
    const { model, file } = settings();
    if (model) service.setDetected(detectStores(model, root()).stores, file);
    const problems = service.setConfigured(Array.isArray(params?.configured) ? params.configured : config().stores, root());
    for (const problem of problems) connection.console.warn(`store configuration: ${problem}`);
    return { stores: service.listStores() };
  }));
  connection.onRequest(SessionsRequest, safely(connection, 'sessions', async (p: SessionsParams): Promise<SessionsResult> => {
    const page = await service.listSessions(p.storeId, { cursor: p.cursor, limit: Math.max(1, Math.min(p.limit || 50, 500)), filter: p.filter }, p.secrets ?? [], p.password);
    return {
      sessions: page.sessions.map((s) => ({ key: s.key, expires: s.expires, ttl: s.ttl, status: s.status, reason: s.reason, user: s.user, data: s.data, size: s.size })),
      cursor: page.cursor, total: page.total, errors: page.error ? [page.error, ...page.errors] : page.errors,
    };
  }));
  connection.onRequest(DeleteSessionRequest, safely(connection, 'deleteSession', (p: DeleteSessionParams): Promise<WriteResult> =>
    service.deleteSession(p.storeId, p.key, { confirmed: p.confirmed === true, readOnly: config().readOnly, password: p.password })));
  connection.onRequest(ClearExpiredRequest, safely(connection, 'clearExpired', (p: ClearExpiredParams): Promise<WriteResult> =>
    service.clearExpired(p.storeId, { confirmed: p.confirmed === true, readOnly: config().readOnly, password: p.password })));
  connection.onRequest(DecodeRequest, safely(connection, 'decode', (p: DecodeParams): DecodeResult => {
    const decoded = service.decode(String(p.value ?? ''), p.secrets ?? [], { salt: p.salt });
    return { status: decoded.status, reason: decoded.reason, data: decoded.data, user: decoded.user, expiry: decoded.expiry,
      secretIndex: decoded.secretIndex, algorithm: decoded.algorithm, format: decoded.format };
  }));
  return service;
}
