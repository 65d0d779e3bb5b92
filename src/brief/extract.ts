import type { SyntaxNode } from '../python/parse.js';

/** Per-file facts the brief needs (routes, tasks, CLIs, outbound hosts), extracted in the same parse as health's. */
export interface BriefFacts {
  [k: string]: unknown;
}

export function extractBriefFacts(_root: SyntaxNode, _source: string, _path: string): BriefFacts {
  return {};
}
