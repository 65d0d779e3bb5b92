// The deps floor, as a process: read the OSV zip, inflate every entry and JSON-parse it.
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';

const decoder = new TextDecoder();
let records = 0;
for (const bytes of Object.values(unzipSync(readFileSync(process.argv[2]!)))) {
  JSON.parse(decoder.decode(bytes));
  records++;
}
if (!records) process.exitCode = 1;
