export type HealthCategory = 'tests' | 'ci' | 'docs' | 'dependencies' | 'structure' | 'history' | 'security';

export interface Evidence {
  path?: string;
  line?: number;
  message: string;
}

export interface HealthCheck {
  id: string;
  category: HealthCategory;
  /** 0–10. */
  score: number;
  status: 'pass' | 'warn' | 'fail' | 'skip';
  evidence: Evidence[];
  remediation: string;
}

export interface FunctionMetric {
  path: string;
  name: string;
  /** The `def` line, as radon reports it. */
  line: number;
  endLine: number;
  complexity: number;
}

export interface ModuleMetric {
  path: string;
  module: string;
  maintainability: number;
  loc?: number;
}

export interface ImportMetrics {
  /** Strongly connected components of the project's import graph (modules sorted). */
  cycles: string[][];
  /** Top-level import names no declared distribution provides. */
  undeclared: string[];
  /** Declared distributions (PEP 503-normalized) never imported. */
  unused: string[];
  /** Distributions declared only in dev/test/extra groups but imported by production code. */
  devOnlyInProduction: string[];
  /** Project-internal module edges [from, to], sorted. */
  edges: [string, string][];
  /** Every project module with its file and physical line count. */
  modules: { module: string; path: string; loc: number }[];
  [k: string]: unknown;
}

export type { EnvVarMetric } from '../facts/env.js';
import type { EnvVarMetric } from '../facts/env.js';

export interface GitFileMetric {
  path: string;
  /** Commits that touched the file. */
  churn: number;
  /** Authors of its current lines (line ownership from the history's numstat), most lines first. */
  authors: { name: string; lines: number }[];
  /** ISO date of the last commit touching it. */
  lastChange: string | null;
}

export interface GitMetrics {
  commits: number;
  authors: number;
  busFactor: number;
  knowledgeIslands: string[];
  hotspots: { path: string; churn: number; complexity: number }[];
  firstCommit: string | null;
  lastCommit: string | null;
  /** Python files: churn, current-line authors, last change. */
  files: GitFileMetric[];
  /** Files with known line ownership; `blameCapped` is kept for the JSON contract and is always false (nothing is capped). */
  blamed: number;
  blameCapped: boolean;
  [k: string]: unknown;
}

export interface TestMetrics {
  framework: string[];
  testFiles: number;
  testFunctions: number;
  /** Test SLOC / code SLOC. */
  ratio: number;
  layers: string[];
  coverage: { configured: boolean; threshold: number | null; source: string | null };
  untestedModules: string[];
}

export interface CiMetrics {
  systems: string[];
  installs: boolean;
  lints: boolean;
  formatCheck: boolean;
  typeCheck: boolean;
  tests: boolean;
  securityScan: boolean;
  pythonVersions: string[];
  unpinnedActions: { path: string; line: number; uses: string }[];
  /** Local automation found: tox, nox, make, pre-commit. */
  automation: string[];
  /** Makefile targets that have recipes. */
  makeTargets: string[];
}

export interface HealthMetrics {
  functions: FunctionMetric[];
  modules: ModuleMetric[];
  imports: ImportMetrics;
  envVars: EnvVarMetric[];
  git: GitMetrics | null;
  tests?: TestMetrics;
  ci?: CiMetrics;
  [k: string]: unknown;
}

export interface HealthReport {
  /** 0–100. */
  score: number;
  /** Category → 0–100. */
  categories: Record<string, number>;
  /** Category → weight used for the overall score (defaults, overridden by `[tool.pyvet] weights`). */
  weights?: Record<string, number>;
  checks: HealthCheck[];
  metrics: HealthMetrics;
}
