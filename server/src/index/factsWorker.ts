// Entry of a facts worker thread (bundled as dist/factsWorker.js): the same extractor and the same
// file reading as the main thread, one job at a time. See factsPool.ts.
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import type { FileFacts } from '../facts/types';
import { djangoExtractor } from './djangoExtractor';
import type { FactsJob, FactsReply, FileOutcome, FilesJob } from './factsPool';
import { readSource, type SourceLanguage } from './files';

type Job = { id: number } & (({ kind: 'text' } & FactsJob) | ({ kind: 'files' } & FilesJob));

const extractor = djangoExtractor();
const ready = extractor.ready();
// Jobs run in arrival order; each waits for the previous one (and the parser) to finish.
let queue: Promise<unknown> = ready;

function extract(text: string, file: string, module: string | null, language: SourceLanguage): FileFacts {
  return language === 'python' ? extractor.python(text, file, module) : extractor.template(text, file);
}

function run(job: Job): FactsReply {
  if (job.kind === 'text') return { id: job.id, facts: extract(job.text, job.file, job.module, job.language) };
  const outcomes: FileOutcome[] = job.files.map(({ path, module, language }) => {
    const source = readSource(join(job.root, path), extractor.mayMentionSessionsInBytes);
    if (source === null) return null;
    if (!('text' in source)) return { source };
    if (!extractor.mayMentionSessions(source.text)) return null;
    try {
      return { facts: extract(source.text, path, module, language) };
    } catch (e) {
      return { failed: e instanceof Error ? e.message : 'error' };
    }
  });
  return { id: job.id, outcomes };
}

// Without a parser every job fails as a whole, so the index redoes it in-process.
let broken: string | null = null;
ready.catch((e: unknown) => { broken = `the parser did not load: ${e instanceof Error ? e.message : String(e)}`; });

parentPort?.on('message', (job: Job) => {
  queue = queue.catch(() => undefined).then(() => {
    let reply: FactsReply;
    try {
      reply = broken ? { id: job.id, error: broken } : run(job);
    } catch (e) {
      reply = { id: job.id, error: e instanceof Error ? e.message : String(e) };
    }
    parentPort?.postMessage(reply);
  });
});
