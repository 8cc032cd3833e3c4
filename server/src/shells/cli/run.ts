// Dispatches argv to a command and turns every failure into a message and exit code 2.
import { checkCommand } from './commands/check';
import { decodeCommand } from './commands/decode';
import { demoCommand } from './commands/demo';
import { keysCommand } from './commands/keys';
import { sessionsCommand } from './commands/sessions';
import { CliError, EXIT_CLEAN, EXIT_ERROR, messageOf } from './errors';
import type { CliIo } from './io';
import { mainUsage } from './usage';

type Command = (argv: string[], io: CliIo) => Promise<number>;

const commands: Record<string, Command> = {
  check: checkCommand,
  keys: keysCommand,
  sessions: sessionsCommand,
  decode: decodeCommand,
  demo: demoCommand,
};

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io[name === undefined ? 'err' : 'out'](mainUsage);
    return name === undefined ? EXIT_ERROR : EXIT_CLEAN;
  }
  if (name === '--version' || name === '-V') {
    const { toolInfo } = await import('./commands/common');
    io.out(`${toolInfo().version}\n`);
    return EXIT_CLEAN;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    io.err(`django-sessions: unknown command ${JSON.stringify(name)}\n\n${mainUsage}`);
    return EXIT_ERROR;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`django-sessions: ${error.message}\n`);
      return error.exitCode;
    }
    // An engine bug: say so plainly; the stack only on request (it may quote file contents).
    io.err(`django-sessions: internal error: ${messageOf(error)}\n`);
    if (io.env.DJANGO_SESSIONS_DEBUG) io.err(`${error instanceof Error ? error.stack : ''}\n`);
    return EXIT_ERROR;
  }
}
