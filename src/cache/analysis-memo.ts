import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { contentHash, packDir, stampOf, type Seen } from './file-cache.js';

/**
 * The analysis of an unchanged tree, remembered whole: a second scan of a tree nobody touched gives
 * the health review and the brief it gave before, without decoding every file's facts again.
 *
 * Valid under two keys, both hashes of everything the analysis reads:
 * - the tree's, known right after the walk: the salt (pyvet's version and code, the configuration,
 *   the sections), every walked file's path and stat (size, mtime, ctime, inode: as git trusts its
 *   index; a file written in the last two seconds has no stat to trust, and then there is no memo),
 *   the symlinks left out, git's HEAD, branch and remote (the history and ownership are read from
 *   HEAD), and the PYVET_ environment;
 * - the inputs', known just before the analysis: the dependency inventory with its advisories and
 *   the findings of the other sections (the brief links them).
 * A changed file, commit, configuration, database or pyvet misses, and the per-file cache serves the
 * files that did not change. Anything that depends on the clock is checked by the caller.
 *
 * One file per scanned root and set of sections: a JSON header line (the keys and a hash of the body), then the value's
 * JSON, parsed only when both keys match; a body that does not match its hash is a miss. Written to a
 * temporary file renamed over the old one, so concurrent runs never read half a memo.
 */

const MAGIC = 'pyvet-analysis-memo';
const FORMAT = 1;

interface Header {
  magic: string;
  format: number;
  tree: string;
  inputs: string;
  bodySha1: string;
}

/** The tree's key; null when a file's stat cannot be trusted (or is unknown): such a tree is analysed again. */
export function treeKey(salt: string, files: readonly (Seen & { path: string })[], extra: unknown): string | null {
  const h = createHash('sha1').update(salt).update('\0').update(JSON.stringify(extra));
  for (const f of files) {
    const stamp = f.stat ? stampOf(f) : '';
    if (!stamp) return null;
    h.update('\0').update(f.path).update('\0').update(stamp);
  }
  return h.digest('hex');
}

export function inputsKey(inputs: unknown): string {
  return contentHash(JSON.stringify(inputs));
}

export class AnalysisMemo<T> {
  private constructor(
    private readonly header: Header | null,
    private readonly body: Buffer | null,
  ) {}

  private static file(dir: string, root: string, kind: string): string {
    return path.join(packDir(dir, root), `${kind}.memo`);
  }

  /** The memo of `kind` (which commands made it: `pyvet health` and `pyvet scan` keep one each) for `root` under `dir`; empty when missing or not a memo. */
  static load<T>(dir: string, root: string, kind: string): AnalysisMemo<T> {
    let buf: Buffer;
    try {
      buf = readFileSync(AnalysisMemo.file(dir, root, kind));
    } catch {
      return new AnalysisMemo<T>(null, null);
    }
    const nl = buf.indexOf(10);
    try {
      const h = JSON.parse(buf.toString('utf8', 0, nl < 0 ? buf.length : nl)) as Header;
      if (nl < 0 || h?.magic !== MAGIC || h.format !== FORMAT) return new AnalysisMemo<T>(null, null);
      return new AnalysisMemo<T>(h, buf.subarray(nl + 1));
    } catch {
      return new AnalysisMemo<T>(null, null);
    }
  }

  /** Whether the memo was made from this tree (its inputs are checked by `value`). */
  matchesTree(tree: string | null): boolean {
    return tree !== null && this.header?.tree === tree;
  }

  /** The remembered value when both keys match and the body is whole. */
  value(tree: string | null, inputs: string): T | undefined {
    if (!this.matchesTree(tree) || this.header!.inputs !== inputs || !this.body) return undefined;
    if (contentHash(this.body) !== this.header!.bodySha1) return undefined;
    try {
      // Written as ASCII (see save): read as one byte per character, with no UTF-8 to decode.
      return JSON.parse(this.body.toString('latin1')) as T;
    } catch {
      return undefined;
    }
  }

  /** Remember a value (its JSON) for these keys; a read-only or full cache dir costs the next run an analysis, nothing more. */
  static save(dir: string, root: string, kind: string, keys: { tree: string; inputs: string }, json: string): void {
    const file = AnalysisMemo.file(dir, root, kind);
    // Non-ASCII characters as \u escapes: a few hundred '…' and '→' in 8 MB would make the whole text a
    // two-byte string to decode and parse on every read.
    const body = Buffer.from(json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`), 'latin1');
    const header: Header = { magic: MAGIC, format: FORMAT, tree: keys.tree, inputs: keys.inputs, bodySha1: contentHash(body) };
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(tmp, Buffer.concat([Buffer.from(JSON.stringify(header) + '\n'), body]));
      renameSync(tmp, file);
    } catch {
      rmSync(tmp, { force: true });
    }
  }
}
