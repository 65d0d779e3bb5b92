// Assemble each WebAssembly text module under src/ into dist/src/, beside the compiled JS that loads it.
// Runs after tsc, from dist/scripts/.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import initWabt from 'wabt';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const wabt = await initWabt();
for (const entry of readdirSync(path.join(root, 'src'), { recursive: true, encoding: 'utf8' })) {
  if (!entry.endsWith('.wat')) continue;
  const src = path.join(root, 'src', entry);
  const mod = wabt.parseWat(src, readFileSync(src, 'utf8'), { simd: true });
  try {
    mod.validate();
    const out = path.join(root, 'dist', 'src', entry.replace(/\.wat$/, '.wasm'));
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, mod.toBinary({}).buffer);
    console.log(`wasm: ${path.relative(root, src)} -> ${path.relative(root, out)}`);
  } finally {
    mod.destroy();
  }
}
