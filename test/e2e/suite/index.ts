// Entry of the suite VS Code loads (extensionTestsPath): mocha, the suite for the run's mode.
import Mocha from 'mocha';
import { readInfo } from './info';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 90_000, color: false, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'suite', mocha);
  if (readInfo().mode === 'trusted') await import('./trusted.test');
  else await import('./untrusted.test');
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} end-to-end test(s) failed`);
}
