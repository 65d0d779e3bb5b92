import { parentPort } from 'node:worker_threads';
import { scanFiles, type FileBatch } from './scan-files.js';

// A worker thread of the tree scan: reads and scans the batches the main thread hands it. It says
// when its modules are loaded, so that no batch waits in its queue while it starts.
parentPort?.on('message', (batch: FileBatch) => {
  parentPort!.postMessage(scanFiles(batch));
});
parentPort?.postMessage('ready');
