// Every handler runs through `safely`: an exception is logged (message only: no document text,
// no secrets) and answered as a JSON-RPC error; the server keeps running.
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import { RenameRefused } from '../../features/rename';

export function safely<P extends unknown[], R>(connection: Connection, name: string, handler: (...params: P) => R | Promise<R>) {
  return async (...params: P): Promise<R | ResponseError<void>> => {
    try {
      return await handler(...params);
    } catch (error) {
      if (error instanceof RenameRefused) return new ResponseError(ErrorCodes.InvalidRequest, error.message);
      const message = error instanceof Error ? error.message : String(error);
      connection.console.error(`${name} failed: ${message}`);
      return new ResponseError(ErrorCodes.InternalError, `${name} failed: ${message}`);
    }
  };
}

/** For notifications: log and carry on. */
export function quietly<P extends unknown[]>(connection: Connection, name: string, handler: (...params: P) => void | Promise<void>) {
  return async (...params: P): Promise<void> => {
    try {
      await handler(...params);
    } catch (error) {
      connection.console.error(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}
