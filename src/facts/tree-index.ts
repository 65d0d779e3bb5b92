import type { Workspace } from '../sources/workspace.js';

/** Root-level files by lower-cased name, and helpers to find config text. */
export class TreeIndex {
  readonly paths: string[];
  private readonly lower: Map<string, string[]>;
  constructor(readonly ws: Workspace) {
    this.paths = ws.files.map((f) => f.path);
    this.lower = new Map();
    for (const p of this.paths) {
      const k = p.toLowerCase();
      const l = this.lower.get(k);
      if (l) l.push(p);
      else this.lower.set(k, [p]);
    }
  }
  /** First existing path among candidates (case-insensitive). */
  find(...candidates: string[]): string | null {
    for (const c of candidates) {
      const hit = this.lower.get(c.toLowerCase());
      if (hit) return hit[0]!;
    }
    return null;
  }
  /** Paths matching a regex (tested on the real path). */
  match(re: RegExp): string[] {
    return this.paths.filter((p) => re.test(p));
  }
  text(p: string | null): string | null {
    return p ? this.ws.text(p) : null;
  }
}

/** 1-based line of the first match of `re` in `text`, or undefined. */
export function lineOf(text: string, re: RegExp): number | undefined {
  const m = re.exec(text);
  if (!m) return undefined;
  let line = 1;
  for (let i = 0; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
