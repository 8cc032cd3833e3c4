// 4: edit -> diagnostics: time from didChange to the publishDiagnostics of that document, on a
// 3,000-line views file, with the real server indexing the 10k-file project.
import { readFileSync } from 'node:fs';
import { largeViewsFile } from '../gen/project';
import { generated } from '../harness/corpora';
import { fileUri, startServer } from '../harness/lsp-session';
import { measured, notAvailable, reason } from '../harness/rows';
import type { Measure, Row } from '../harness/types';
import { percentile, summarize } from '../stats';

const LINES = 3000;
/** Edits after which the server's code is warm (the p99 is also shown without them, as information). */
const WARM_AFTER = 30;
/**
 * A read of a key nothing writes (DS101): each edit adds or removes a finding, so the server has
 * new diagnostics to publish (it sends only what changed).
 */
const key = (n: number): string => `bench_edit_unwritten_${n}`;
const edit = (n: number): string => `    flag = request.session.get('${key(n)}')\n`;

/** CPU time (user + system) a process has used, ms; null when /proc cannot tell. Linux ticks are 10 ms. */
function cpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

export const editMeasure: Measure = {
  name: 'edit',
  quick: true,
  async run(ctx) {
    const label = { id: 'edit.p50', section: '4', label: `didChange → publishDiagnostics p50, ${LINES}-line file`, unit: 'ms', target: { value: 30, direction: 'max' as const } };
    const corpus = generated(ctx, 10_000);
    let s;
    try {
      s = await startServer(ctx.root, corpus.root);
    } catch (e) {
      return [notAvailable(label, reason(e))];
    }
    const rows: Row[] = [];
    try {
      const text = largeViewsFile(LINES);
      const lines = text.split('\n');
      // Insert inside a function body near the middle of the file.
      const at = lines.findIndex((l, i) => i > LINES / 2 && /^ {4}return /.test(l));
      const uri = fileUri(corpus.root, 'bench_edit/large_views.py');
      // Only the answer to this edit counts: the version when the server sends one, and the content
      // (the key just added is reported / the key just removed is not), so a late publish of an
      // earlier state cannot end the wait early.
      const published = (version: number, expect: (messages: string) => boolean, timeoutMs = 10_000) => s.client.waitFor((n) => {
        const p = n.params as { uri?: string; version?: number; diagnostics?: { message?: string }[] };
        if (n.method !== 'textDocument/publishDiagnostics' || p.uri !== uri) return false;
        if (p.version !== undefined && p.version !== version) return false;
        return expect((p.diagnostics ?? []).map((d) => d.message ?? '').join('\n'));
      }, timeoutMs, `publishDiagnostics of version ${version}`);
      const first = published(1, () => true, 120_000);
      s.client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
      await first;
      const times: number[] = [];
      const cpuBefore = cpuMs(s.client.pid);
      const counts = new Set<number>();
      // Enough samples that p99 is not simply the maximum (nearest rank: the 3rd-highest of 200).
      const rounds = ctx.quick ? 100 : 200;
      for (let v = 2; v < rounds + 2; v++) {
        const insert = v % 2 === 0;
        const change = insert
          ? { range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, text: edit(v) }
          : { range: { start: { line: at, character: 0 }, end: { line: at + 1, character: 0 } }, text: '' };
        const done = published(v, insert ? (m) => m.includes(`'${key(v)}'`) : (m) => !m.includes(`'${key(v - 1)}'`));
        const t = performance.now();
        s.client.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] });
        const n = await done;
        times.push(n.at - t);
        counts.add(((n.params as { diagnostics?: unknown[] }).diagnostics ?? []).length);
      }
      const cpuAfter = cpuMs(s.client.pid);
      const sum = summarize(times);
      const p90 = percentile(times, 90);
      const note = `${sum.n} edits alternately adding/removing a read of an unwritten key, every one counted (no warm-up dropped); diagnostic counts seen: ${[...counts].join(', ')}` +
        (counts.size < 2 ? ' (the edit did not change the findings)' : '');
      const detail = { ...sum, p90, samplesMs: times.map((t) => Math.round(t * 100) / 100) };
      rows.push(measured({ ...label, note, reference: 'client-side, includes any server debounce' }, sum.p50));
      rows.push(measured({ ...label, id: 'edit.p90', label: `didChange → publishDiagnostics p90, ${LINES}-line file`, target: undefined }, p90));
      rows.push(measured({ ...label, id: 'edit.p99', label: `didChange → publishDiagnostics p99, ${LINES}-line file`, reference: 'nearest rank', detail }, sum.p99));
      // Not a target, an explanation: the first edits after start-up run on cold JIT code.
      const warm = times.slice(WARM_AFTER);
      rows.push(measured({ ...label, id: 'edit.p99.warm', label: `… p99 without the first ${WARM_AFTER} edits, ${LINES}-line file`, target: undefined,
        reference: `the first ${WARM_AFTER}: max ${Math.max(...times.slice(0, WARM_AFTER)).toFixed(1)} ms` }, percentile(warm, 99)));
      // The server's own work per edit, which the machine's load does not inflate as much as wall time.
      if (cpuBefore !== null && cpuAfter !== null) {
        rows.push(measured({ ...label, id: 'edit.cpu', label: `server CPU time per edit, ${LINES}-line file`, target: undefined,
          reference: 'user + system from /proc, incl. GC threads' }, (cpuAfter - cpuBefore) / rounds));
      }
    } catch (e) {
      rows.push(notAvailable(label, reason(e)));
    } finally {
      await s.client.shutdown();
    }
    return rows;
  },
};
