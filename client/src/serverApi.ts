// Typed access to the server's custom messages (common/protocol.ts). The one place that enforces
// workspace trust: in Restricted Mode no request that reaches a session store leaves the client.
import {
  ClearExpiredRequest, DecodeRequest, DeleteSessionRequest, KeysRequest, SessionsRequest, StoresRequest,
  type ClearExpiredParams, type DecodeParams, type DecodeResult, type DeleteSessionParams, type KeysResult,
  type SessionsParams, type SessionsResult, type StoresParams, type StoresResult, type WriteResult,
} from '../../common/protocol';

/** The part of a LanguageClient this module needs (kept small so tests can provide one). */
export interface RequestSender {
  sendRequest<R>(method: string, params: unknown): Promise<R>;
}

export class UntrustedWorkspaceError extends Error {
  constructor() {
    super('This workspace is not trusted: session stores are not contacted in Restricted Mode.');
  }
}

export class ServerNotRunningError extends Error {
  constructor() {
    super('The Django Sessions language server is not running.');
  }
}

export class ServerApi {
  constructor(
    private readonly sender: () => RequestSender | undefined,
    private readonly trusted: () => boolean,
  ) {}

  keys(): Promise<KeysResult> {
    return this.send(KeysRequest, {});
  }

  decode(params: DecodeParams): Promise<DecodeResult> {
    return this.send(DecodeRequest, params);
  }

  stores(params: StoresParams): Promise<StoresResult> {
    return this.sendToStore(StoresRequest, params);
  }

  sessions(params: SessionsParams): Promise<SessionsResult> {
    return this.sendToStore(SessionsRequest, params);
  }

  deleteSession(params: DeleteSessionParams): Promise<WriteResult> {
    return this.sendToStore(DeleteSessionRequest, params);
  }

  clearExpired(params: ClearExpiredParams): Promise<WriteResult> {
    return this.sendToStore(ClearExpiredRequest, params);
  }

  /** Whether requests that reach a store are allowed now. */
  canContactStores(): boolean {
    return this.trusted();
  }

  private sendToStore<R>(method: string, params: unknown): Promise<R> {
    if (!this.trusted()) return Promise.reject(new UntrustedWorkspaceError());
    return this.send(method, params);
  }

  private send<R>(method: string, params: unknown): Promise<R> {
    const sender = this.sender();
    if (!sender) return Promise.reject(new ServerNotRunningError());
    return sender.sendRequest<R>(method, params);
  }
}
