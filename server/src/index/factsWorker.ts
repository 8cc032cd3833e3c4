// Entry of a facts worker thread (bundled as dist/factsWorker.js): the same extractor as the main
// thread, one job at a time. See factsPool.ts.
import { parentPort } from 'node:worker_threads';
import { djangoExtractor } from './djangoExtractor';
import type { FactsJob, FactsReply } from './factsPool';

const extractor = djangoExtractor();
const ready = extractor.ready();
// Jobs run in arrival order; each waits for the previous one (and the parser) to finish.
let queue: Promise<unknown> = ready;

parentPort?.on('message', (job: FactsJob & { id: number }) => {
  queue = queue.then(() => {
    let reply: FactsReply;
    try {
      const facts = job.language === 'python' ? extractor.python(job.text, job.file, job.module) : extractor.template(job.text, job.file);
      reply = { id: job.id, facts };
    } catch (e) {
      reply = { id: job.id, error: e instanceof Error ? e.message : String(e) };
    }
    parentPort?.postMessage(reply);
  }, (e: unknown) => parentPort?.postMessage({ id: job.id, error: `the parser did not load: ${e instanceof Error ? e.message : String(e)}` }));
});
