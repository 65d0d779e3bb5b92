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

export interface HealthMetrics {
  functions: FunctionMetric[];
  modules: ModuleMetric[];
  imports: { cycles: string[][]; undeclared: string[]; unused: string[]; [k: string]: unknown };
  envVars: { name: string; documented: boolean; default?: string | null; uses: { path: string; line: number }[] }[];
  git: {
    commits: number;
    authors: number;
    busFactor: number;
    knowledgeIslands: string[];
    hotspots: { path: string; churn: number; complexity: number }[];
    [k: string]: unknown;
  } | null;
  [k: string]: unknown;
}

export interface HealthReport {
  /** 0–100. */
  score: number;
  categories: Record<string, number>;
  checks: HealthCheck[];
  metrics: HealthMetrics;
}
