import type { Workspace } from '../sources/workspace.js';
import { extractBriefFacts, type BriefFacts } from '../brief/extract.js';
import type { Progress } from '../pipeline/progress.js';
import { parsePython } from './parse.js';
import { extractHealthFacts, type HealthFacts } from './facts.js';
import { moduleNames } from './modules.js';

/** What one parse of one Python file yields, for health and the brief. Serializable (crosses worker threads). */
export interface PythonFileFacts {
  path: string;
  /** Dotted module name resolved against the project layout (src/, packages). */
  module: string;
  health: HealthFacts;
  brief?: BriefFacts;
  /** Parse problems: the file still yields what could be read. */
  error?: string;
}

/** Analyse one file's source: one tree-sitter parse, both extractors on the same tree. */
export function analyzeSource(source: string, path: string, module: string, brief: boolean): PythonFileFacts {
  const tree = parsePython(source);
  const root = tree.rootNode;
  const health = extractHealthFacts(root, source, path);
  const facts: PythonFileFacts = { path, module, health };
  if (brief) facts.brief = extractBriefFacts(root, source, path);
  if (health.syntaxErrorLine !== null) facts.error = `syntax error at line ${health.syntaxErrorLine}; the rest of the file was still analysed`;
  return facts;
}

/**
 * Parse every Python file of the workspace once and extract the facts each analyzer needs.
 * Single-threaded: see docs/health.md for the worker-thread measurement.
 */
export async function analyzePythonFiles(ws: Workspace, opts: { brief: boolean; progress?: Progress }): Promise<PythonFileFacts[]> {
  const files = ws.select((p) => p.endsWith('.py'));
  const names = moduleNames(files.map((f) => f.path));
  const out: PythonFileFacts[] = [];
  let done = 0;
  for (const f of files) {
    const text = ws.text(f.path);
    done++;
    if (text === null) {
      const r = ws.read(f.path);
      const why = r.kind === 'binary' ? 'binary content' : r.kind === 'too-large' ? `larger than max-file-size (${r.bytes} bytes)` : r.kind === 'error' ? r.message : 'unreadable';
      ws.errors.push({ path: f.path, message: `Python file not analysed: ${why}` });
      opts.progress?.tick(done, files.length, 'files');
      continue;
    }
    const module = names.get(f.path) ?? f.path;
    try {
      const facts = analyzeSource(text, f.path, module, opts.brief);
      if (facts.health.syntaxErrorLine !== null) ws.errors.push({ path: f.path, line: facts.health.syntaxErrorLine, message: 'Python syntax error; the file was analysed as far as it parses' });
      out.push(facts);
    } catch (err) {
      // An extractor bug on one odd file must not end the scan.
      ws.errors.push({ path: f.path, message: `Python analysis failed: ${(err as Error).message}` });
    }
    opts.progress?.tick(done, files.length, 'files');
    // Let progress redraw and other work breathe on large trees.
    if (done % 200 === 0) await new Promise((r) => setImmediate(r));
  }
  return out;
}
