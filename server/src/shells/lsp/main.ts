// Entry point of the language server (`node dist/server.js --stdio` or `--node-ipc`): the
// transport is chosen from argv by vscode-languageserver.
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { SessionServer } from './server';

const connection = createConnection(ProposedFeatures.all);
process.on('uncaughtException', (error) => connection.console.error(`uncaught: ${error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`unhandled: ${reason instanceof Error ? reason.message : String(reason)}`));
new SessionServer(connection).listen();
