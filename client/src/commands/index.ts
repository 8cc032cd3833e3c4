// Every command of the extension, in one table: id -> handler (handlers return outcomes for tests).
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { openAccess } from '../views/keysView';
import type { KeyAccess } from '../model/keysModel';
import { configureStore } from './configureStore';
import { decodeValue } from './decode';
import { copyKey, filterSessions, goToCode, openSession } from './live';
import { forgetSecrets, setSecretKey } from './secrets';
import { clearExpired, deleteSession } from './writes';

type Handler = (ctx: Ctx, ...args: never[]) => unknown;

const commands: Record<string, Handler> = {
  'djangoSessions.restartServer': (ctx) => ctx.restart(),
  'djangoSessions.rebuildIndex': (ctx) => ctx.rebuildIndex(),
  'djangoSessions.showOutput': (ctx) => ctx.output.show(),
  'djangoSessions.configureStore': configureStore,
  'djangoSessions.setSecretKey': setSecretKey,
  'djangoSessions.forgetSecrets': forgetSecrets,
  'djangoSessions.decode': decodeValue,
  'djangoSessions.clearExpired': clearExpired,
  'djangoSessions.keys.refresh': (ctx) => ctx.keysView.refresh(),
  'djangoSessions.keys.open': (_ctx, access: KeyAccess) => openAccess(access),
  'djangoSessions.live.refresh': (ctx) => ctx.liveModel.refresh(),
  'djangoSessions.live.filter': filterSessions,
  'djangoSessions.live.clearFilter': (ctx) => ctx.liveModel.setFilter(undefined),
  'djangoSessions.live.loadMore': (ctx, storeId: string) => ctx.liveModel.loadMore(storeId),
  'djangoSessions.live.copyKey': copyKey,
  'djangoSessions.live.open': openSession,
  'djangoSessions.live.delete': deleteSession,
  'djangoSessions.live.goToCode': goToCode,
};

export function registerCommands(ctx: Ctx): vscode.Disposable[] {
  return Object.entries(commands).map(([id, handler]) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => (handler as (ctx: Ctx, ...a: unknown[]) => unknown)(ctx, ...args)));
}

