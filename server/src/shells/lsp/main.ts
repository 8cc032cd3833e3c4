// Entry point of the language server (`node dist/server.js --stdio` or `--node-ipc`): the
// transport is chosen from argv by vscode-languageserver.
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { ChangeArrivals } from './arrivals';
import { SessionServer } from './server';

const connection = createConnection(ProposedFeatures.all);
process.on('uncaughtException', (error) => connection.console.error(`uncaught: ${error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`unhandled: ${reason instanceof Error ? reason.message : String(reason)}`));
const arrivals = new ChangeArrivals();
new SessionServer(connection, arrivals).listen();
// After listen(): the connection's reader is attached, so this second listener takes nothing from it.
if (process.argv.includes('--stdio')) arrivals.watchStream(process.stdin);
else if (process.argv.includes('--node-ipc')) arrivals.watchIpc(process);
