import type { Severity } from '../core/severity.js';
import { isShipped, type FileRole } from '../core/role.js';

import type { DependencyKind } from '../facts/manifests/types.js';

export type { DependencyKind };

export interface VulnRef {
  id: string;
  aliases: string[];
  /** Fixed versions named by the advisory's ECOSYSTEM ranges. */
  fixed: string[];
  severity: Severity;
  /** CVSS v3 base score when the record has a vector. */
  score?: number | null;
  summary: string;
  /** When the record carries no severity of its own: the aliased record (same database) it was taken from. */
  severityFrom?: string;
  /**
   * Id of the advisory this record is merged under: records of one dependency that alias each other
   * (directly or through a shared CVE/GHSA id) share it, so human output can show them once.
   */
  group?: string;
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
  /** Lock entries: true when a manifest beside the lock declares the package, false for transitive ones. */
  direct?: boolean;
  /** Lock entries: where the manifest beside it declares the package (its range is resolved by the lock). */
  declared?: { path: string; line: number; specifier: string };
  /**
   * Set when the manifest is not the project's own (a fixture, example, docs, vendored, generated or
   * notebook file): its findings are `info`, listed apart, and never move a score or --fail-on.
   */
  role?: FileRole;
  vulns: VulnRef[];
  /** OSV malicious-package records (MAL-…) matching it: reported as deps.malicious, never among `vulns`. */
  malicious?: string[];
  /** Smallest version that clears every known advisory of the package, or null. */
  fix: string | null;
}

/** Which OSV data a report was matched against (the report's `database`). */
export interface DatabaseInfo {
  /** The zip or folder read. */
  source: string;
  /** How it was chosen: --db/config, the `pyvet db update` cache, or the snapshot bundled with pyvet. */
  origin: 'option' | 'cache' | 'bundled';
  /** Newest `modified` of any record (ISO 8601), or null. */
  newest: string | null;
  records: number;
  /** Records per source database, by id prefix (PYSEC, GHSA, MAL…). */
  ecosystems: Record<string, number>;
  /** Whole days from `newest` to the scan; null without dates. */
  ageDays: number | null;
}

/**
 * Manifests that are not what the project installs: test fixtures, examples, docs, vendored and
 * generated files, notebooks. Test requirements are installed by CI, so they count.
 */
export function isAside(role: FileRole | undefined): boolean {
  return role !== undefined && role !== 'test' && !isShipped(role);
}
