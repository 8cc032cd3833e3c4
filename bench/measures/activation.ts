// 8: extension activation (require + activate of dist/client.js with a stub `vscode`, fresh process
// each run) and the .vsix size from `npm run package`.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bundleProbe } from '../harness/bundle';
import { lastJsonLine, run } from '../harness/proc';
import { measured, notAvailable } from '../harness/rows';
import type { Measure, Row } from '../harness/types';
import { median } from '../stats';

export const activationMeasure: Measure = {
  name: 'activation',
  quick: false,
  async run(ctx) {
    const rows: Row[] = [];
    const label = { id: 'activation.ms', section: '8', label: 'extension activation: require + activate (stub vscode)', unit: 'ms', target: { value: 50, direction: 'max' as const } };
    const clientJs = join(ctx.root, 'dist', 'client.js');
    const bundled = await bundleProbe(ctx.root, 'activation', ['client/src/ctx.ts']);
    if (!bundled.ok) rows.push(notAvailable(label, `client ${bundled.why}`));
    else if (!existsSync(clientJs)) rows.push(notAvailable(label, 'dist/client.js is missing (npm run build)'));
    else {
      const totals: number[] = [], requires: number[] = [];
      let failure = '';
      for (let i = 0; i < 10 && !failure; i++) {
        const r = await run(process.execPath, [bundled.file, clientJs, ctx.root], { timeoutMs: 30_000 });
        if (r.code !== 0) failure = r.stderr.trim().split('\n').find((l) => /Error/.test(l)) ?? `exit ${r.code}`;
        else {
          const t = lastJsonLine<{ requireMs: number; activateMs: number }>(r.stdout);
          totals.push(t.requireMs + t.activateMs);
          requires.push(t.requireMs);
        }
      }
      rows.push(failure ? notAvailable(label, `activate failed against the stub: ${failure.slice(0, 150)}`)
        : measured({ ...label, reference: 'median of 10 fresh processes; not inside VS Code', note: `require ${median(requires).toFixed(1)} ms of it` }, median(totals)));
    }
    const size = { id: 'vsix.size', section: '8', label: '.vsix size (npm run package)', unit: 'MB', target: { value: 5, direction: 'max' as const } };
    ctx.log('npm run package');
    const r = await run('npm', ['run', 'package'], { cwd: ctx.root, timeoutMs: 300_000 });
    const vsix = join(ctx.root, 'dist', 'django-sessions.vsix');
    if (r.code !== 0 || !existsSync(vsix)) rows.push(notAvailable(size, `npm run package failed: ${(r.stderr.trim().split('\n').find((l) => /ERROR|Error/.test(l)) ?? `exit ${r.code}`).slice(0, 150)}`));
    else rows.push(measured(size, statSync(vsix).size / 1e6));
    return rows;
  },
};
