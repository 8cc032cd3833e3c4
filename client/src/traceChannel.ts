// A log channel for the protocol trace that masks secrets before anything is written.
import type * as vscode from 'vscode';
import { redactTrace } from './model/traceRedaction';

export function redactingChannel(target: vscode.LogOutputChannel, secrets: () => string[]): vscode.LogOutputChannel {
  const r = (value: string) => redactTrace(value, secrets());
  const rest = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? r(a) : a instanceof Error ? r(a.message) : r(JSON.stringify(a) ?? '')));
  return {
    name: target.name,
    get logLevel() { return target.logLevel; },
    onDidChangeLogLevel: target.onDidChangeLogLevel,
    trace: (message, ...args) => target.trace(r(message), ...rest(args)),
    debug: (message, ...args) => target.debug(r(message), ...rest(args)),
    info: (message, ...args) => target.info(r(message), ...rest(args)),
    warn: (message, ...args) => target.warn(r(message), ...rest(args)),
    error: (error, ...args) => target.error(typeof error === 'string' ? r(error) : r(error.message), ...rest(args)),
    append: (value) => target.append(r(value)),
    appendLine: (value) => target.appendLine(r(value)),
    replace: (value) => target.replace(r(value)),
    clear: () => target.clear(),
    show: (...args: unknown[]) => (target.show as (...a: unknown[]) => void)(...args),
    hide: () => target.hide(),
    dispose: () => undefined, // the real channel is owned (and disposed) by Ctx
  };
}
