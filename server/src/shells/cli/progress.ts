// Progress for long work: on stderr, only when stderr is a terminal, one self-overwriting line.
import type { CliIo } from './io';

export interface Progress {
  update(message: string): void;
  done(): void;
}

const silent: Progress = { update: () => undefined, done: () => undefined };

export function progressOn(io: CliIo): Progress {
  if (!io.stderrIsTTY) return silent;
  let shown = false;
  let last = 0;
  return {
    update(message) {
      const now = Date.now();
      if (now - last < 80) return; // repainting faster than the eye helps nobody
      last = now;
      shown = true;
      io.err(`\r\x1b[2K${message}`);
    },
    done() {
      if (shown) io.err('\r\x1b[2K');
      shown = false;
    },
  };
}
