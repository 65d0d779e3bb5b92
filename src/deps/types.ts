import type { Severity } from '../core/severity.js';

export type DependencyKind = 'pinned' | 'range' | 'unpinned' | 'url' | 'vcs' | 'editable' | 'path';

export interface VulnRef {
  id: string;
  aliases: string[];
  /** Fixed versions named by the advisory's ECOSYSTEM ranges. */
  fixed: string[];
  severity: Severity;
  /** CVSS v3 base score when the record has a vector. */
  score?: number | null;
  summary: string;
}

/** One requirement as declared in one manifest line. */
export interface Dependency {
  /** PEP 503-normalized. */
  name: string;
  /** Exact version when pinned (== / === without wildcard) or locked; else null. */
  version: string | null;
  specifier: string;
  kind: DependencyKind;
  /** main, dev, an extra name, a Poetry/PEP 735 group… */
  group: string;
  path: string;
  line: number;
  extras?: string[];
  markers?: string | null;
  /** Which manifest format it came from, e.g. requirements, pyproject-pep621, poetry-lock. */
  source?: string;
  vulns: VulnRef[];
  /** Smallest version that clears every known advisory of the package, or null. */
  fix: string | null;
}
