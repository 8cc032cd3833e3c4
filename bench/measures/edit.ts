// 4: edit -> diagnostics: time from didChange to the publishDiagnostics of that document, on a
// 3,000-line views file, with the real server indexing the 10k-file project.
import { largeViewsFile } from '../gen/project';
import { generated } from '../harness/corpora';
import { fileUri, startServer } from '../harness/lsp-session';
import { measured, notAvailable, reason } from '../harness/rows';
import type { Measure, Row } from '../harness/types';
import { summarize } from '../stats';

const LINES = 3000;
/**
 * A read of a key nothing writes (DS101): each edit adds or removes a finding, so the server has
 * new diagnostics to publish (it sends only what changed).
 */
const edit = (n: number): string => `    flag = request.session.get('bench_edit_unwritten_${n}')\n`;

export const editMeasure: Measure = {
  name: 'edit',
  quick: true,
  async run(ctx) {
    const label = { id: 'edit.p50', section: '4', label: `didChange → publishDiagnostics, ${LINES}-line file`, unit: 'ms', target: { value: 30, direction: 'max' as const } };
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
      const published = (version: number, timeoutMs = 10_000) => s.client.waitFor((n) => {
        const p = n.params as { uri?: string; version?: number };
        return n.method === 'textDocument/publishDiagnostics' && p.uri === uri && (p.version === undefined || p.version >= version);
      }, timeoutMs, 'publishDiagnostics');
      const first = published(1, 120_000);
      s.client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
      await first;
      const times: number[] = [];
      const counts = new Set<number>();
      const rounds = ctx.quick ? 30 : 80;
      for (let v = 2; v < rounds + 2; v++) {
        const insert = v % 2 === 0;
        const change = insert
          ? { range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, text: edit(v) }
          : { range: { start: { line: at, character: 0 }, end: { line: at + 1, character: 0 } }, text: '' };
        const done = published(v);
        const t = performance.now();
        s.client.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] });
        const n = await done;
        times.push(n.at - t);
        counts.add(((n.params as { diagnostics?: unknown[] }).diagnostics ?? []).length);
      }
      const sum = summarize(times);
      const note = `${sum.n} edits alternately adding/removing a read of an unwritten key; diagnostic counts seen: ${[...counts].join(', ')}` +
        (counts.size < 2 ? ' (the edit did not change the findings)' : '');
      rows.push(measured({ ...label, note, reference: 'includes any server debounce' }, sum.p50));
      rows.push(measured({ ...label, id: 'edit.p99', label: `didChange → publishDiagnostics p99, ${LINES}-line file`, detail: { ...sum } }, sum.p99));
    } catch (e) {
      rows.push(notAvailable(label, reason(e)));
    } finally {
      await s.client.shutdown();
    }
    return rows;
  },
};
