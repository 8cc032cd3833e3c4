// Entry of a facts worker thread (bundled as dist/factsWorker.js): the same extractor and the same
// per-file step as the main thread (factsPool.ts readAndExtract), one batch at a time.
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { djangoExtractor } from './djangoExtractor';
import { readAndExtract, type FactsReply, type FilesJob } from './factsPool';

const extractor = djangoExtractor();
const ready = extractor.ready();
// Jobs run in arrival order; each waits for the previous one (and the parser) to finish.
let queue: Promise<unknown> = ready;
// Without a parser every job fails as a whole, so the index redoes it in-process.
let broken: string | null = null;
ready.catch((e: unknown) => { broken = `the parser did not load: ${e instanceof Error ? e.message : String(e)}`; });

function run(job: { id: number } & FilesJob): FactsReply {
  if (broken) return { id: job.id, error: broken };
  return { id: job.id, outcomes: job.files.map(({ path, module, language }) => readAndExtract(extractor, join(job.root, path), path, module, language)) };
}

parentPort?.on('message', (job: { id: number } & FilesJob) => {
  queue = queue.catch(() => undefined).then(() => {
    let reply: FactsReply;
    try {
      reply = run(job);
    } catch (e) {
      reply = { id: job.id, error: e instanceof Error ? e.message : String(e) };
    }
    parentPort?.postMessage(reply);
  });
});
