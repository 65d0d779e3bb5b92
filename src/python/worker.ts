import { parentPort } from 'node:worker_threads';
import { analyzeSource } from './analyze.js';

/** A worker thread that parses and analyses files sent by analyzeMany; the native parser loads per thread. */
export interface WorkItem {
  id: number;
  source: string;
  path: string;
  module: string;
  brief: boolean;
}

parentPort?.on('message', (item: WorkItem) => {
  let facts;
  try {
    facts = analyzeSource(item.source, item.path, item.module, item.brief);
  } catch (err) {
    parentPort!.postMessage({ id: item.id, error: (err as Error).message });
    return;
  }
  try {
    parentPort!.postMessage({ id: item.id, facts });
  } catch {
    // An extractor returned something structured clone refuses (a function): keep what JSON keeps,
    // which is what the report would have written anyway.
    parentPort!.postMessage({ id: item.id, facts: JSON.parse(JSON.stringify(facts)) as unknown });
  }
});
