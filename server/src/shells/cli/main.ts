// Entry point of the `django-sessions` CLI (bundled to dist/cli.js).
import { processIo } from './io';
import { runCli } from './run';

runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
  // A driver that keeps a socket open must not hold the shell: stdout is flushed by then.
  setTimeout(() => process.exit(code), 3000).unref();
});
