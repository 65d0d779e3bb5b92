// The health floor, as a process: one tree-sitter parse of every .py file pyvet would analyse, on one thread, nothing else.
import { readFileSync } from 'node:fs';
import { walk } from '../../src/sources/walk.js';
import { parseTree } from '../../src/python/parse.js';

let files = 0;
for (const f of walk(process.argv[2]!).files) {
  if (!f.path.endsWith('.py')) continue;
  let text: string;
  try {
    text = readFileSync(f.abs, 'utf8');
  } catch {
    continue;
  }
  // maxNodes 0: the parse alone, nothing copied to JavaScript.
  parseTree(text, 0);
  files++;
}
if (!files) process.exitCode = 1;
