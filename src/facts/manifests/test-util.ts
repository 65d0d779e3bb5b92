import type { ManifestParser, ParseContext, ParseResult } from './types.js';

/** Parse `text` as `file` with an in-memory tree for includes (tests only). */
export function parseWith(parser: ManifestParser, file: string, text: string, tree: Record<string, string> = {}): ParseResult {
  const ctx: ParseContext = {
    parsed: new Set(),
    read: (rel) => (rel in tree ? { text: tree[rel]! } : { error: 'ENOENT' }),
  };
  return parser.parse(text, file, ctx);
}

/** name==version-ish summary of each dependency, for compact assertions. */
export function brief(r: ParseResult): string[] {
  return r.dependencies.map((d) => `${d.name}|${d.specifier}|${d.version ?? '-'}|${d.kind}|${d.group}|${d.path ?? ''}:${d.line}`);
}
