// Worker threads that parse and extract facts for the initial index, so a big workspace is read by
// the main thread while tree-sitter runs on every core. Each worker loads its own parser
// (factsWorker.ts); jobs go to the least busy one. A job whose worker fails is rejected and the
// index extracts that file in-process instead: the pool only ever makes things faster.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FileFacts } from '../facts/types';
import type { FactsExtractor } from './extractor';
import { readSource, type ReadSource, type SourceLanguage } from './files';

/** Files the worker reads, pre-filters and extracts itself (the walk of a big tree). */
export interface FilesJob {
  root: string;
  files: { path: string; module: string | null; language: SourceLanguage }[];
}

/** Per file of a FilesJob: its facts, why it was not parsed, or null (the pre-filter said no). */
export type FileOutcome = { facts: FileFacts } | { failed: string } | { source: Exclude<ReadSource, { text: string }> } | null;

/** Sent back by factsWorker.ts for each job. */
export type FactsReply = { id: number; outcomes: FileOutcome[] } | { id: number; error: string };

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve: (reply: FactsReply) => void; reject: (e: Error) => void }>;
  dead: boolean;
}

export class FactsPool {
  private readonly slots: Slot[] = [];
  private nextId = 0;

  private constructor(script: string, size: number, private readonly log: (message: string) => void) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn(script));
  }

  /** A pool of `size` workers running `script`, or null when the script is not there (running from source). */
  static start(script: string, size: number, log: (message: string) => void): FactsPool | null {
    if (size < 1 || !existsSync(script)) return null;
    return new FactsPool(script, size, log);
  }

  get size(): number {
    return this.slots.length;
  }

  /** Reads, pre-filters and extracts a batch of files in the least busy worker. */
  async extractFiles(job: FilesJob): Promise<FileOutcome[]> {
    const live = this.slots.filter((s) => !s.dead);
    if (live.length === 0) throw new Error('no facts worker is running');
    const slot = live.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    const reply = await new Promise<FactsReply>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, ...job });
    });
    if ('outcomes' in reply) return reply.outcomes;
    throw new Error(reply.error);
  }

  /** Stops every worker; jobs still running are rejected. */
  async close(): Promise<void> {
    await Promise.all(this.slots.map(async (slot) => {
      slot.dead = true;
      await slot.worker.terminate();
      this.fail(slot, 'the facts worker was stopped');
    }));
  }

  private spawn(script: string): Slot {
    // The worker needs little heap: files arrive one at a time and only their facts go back.
    const worker = new Worker(script);
    const slot: Slot = { worker, pending: new Map(), dead: false };
    worker.unref();
    worker.on('message', (reply: FactsReply) => {
      const job = slot.pending.get(reply.id);
      if (!job) return;
      slot.pending.delete(reply.id);
      job.resolve(reply);
    });
    const down = (why: string) => {
      if (slot.dead) return;
      slot.dead = true;
      this.log(`facts worker stopped (${why}); its files are indexed in-process`);
      this.fail(slot, why);
    };
    worker.on('error', (e) => down(e instanceof Error ? e.message : 'error'));
    worker.on('exit', (code) => down(`exit code ${code}`));
    return slot;
  }

  private fail(slot: Slot, why: string): void {
    for (const job of slot.pending.values()) job.reject(new Error(why));
    slot.pending.clear();
  }
}

/**
 * How many workers the initial index uses: `DJANGO_SESSIONS_INDEX_WORKERS` when set (0 = none),
 * else one per core but the main thread's (which reads and extracts too), at most three.
 */
export function defaultWorkerCount(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.DJANGO_SESSIONS_INDEX_WORKERS;
  if (raw !== undefined && raw.trim() !== '' && Number.isInteger(Number(raw))) return Math.max(0, Math.min(16, Number(raw)));
  return Math.min(3, availableParallelism() - 1);
}

/**
 * One file of the initial index, on either thread: read, pre-filter on bytes and text, extract.
 * An extraction error is an outcome, not a throw, so one bad file never costs its batch.
 */
export function readAndExtract(extractor: FactsExtractor, absolutePath: string, file: string, module: string | null, language: SourceLanguage): FileOutcome {
  const source = readSource(absolutePath, extractor.mayMentionSessionsInBytes);
  if (source === null) return null;
  if (!('text' in source)) return { source };
  if (!extractor.mayMentionSessions(source.text)) return null;
  try {
    return { facts: language === 'python' ? extractor.python(source.text, file, module) : extractor.template(source.text, file) };
  } catch (e) {
    return { failed: e instanceof Error ? e.message : 'error' };
  }
}
