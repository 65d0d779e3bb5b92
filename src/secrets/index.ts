import type { Finding } from '../core/finding.js';
import type { FileCache } from '../cache/file-cache.js';
import type { Workspace } from '../sources/workspace.js';
import { readBaseline } from './baseline.js';
import { scanHistory, type HistoryHit } from './history.js';
import { ROTATE, type SecretRule } from './rule.js';
import { RULES } from './rules/index.js';
import type { CachedScan, FileHit } from './scan-files.js';
import { scanTree } from './tree.js';
import type { SecretsSummary } from './types.js';
import type { Progress } from '../pipeline/progress.js';
import { git } from '../sources/git.js';

export interface SecretsOptions {
  /** Also scan every commit reachable from any ref. */
  history: boolean;
  /** Baseline file of fingerprints: only findings not in it are reported. */
  baseline: string | null;
  /** Ticks per commit read during --history. */
  progress?: Progress;
  /** Per-file results of earlier runs (the tree scan on this thread only). */
  cache?: FileCache<CachedScan> | null;
}

export interface SecretsResult {
  findings: Finding[];
  summary: SecretsSummary;
}

const BY_ID = new Map<string, SecretRule>(RULES.map((r) => [r.id, r]));

function ruleOf(id: string): SecretRule {
  const r = BY_ID.get(id);
  if (!r) throw new Error(`unknown secret rule ${id}`);
  return r;
}

const short = (sha: string) => sha.slice(0, 10);
// The name a value was assigned to says what leaked (DB_PASSWORD). Names are code, not secrets, but a
// name with a long unbroken run (a token used as a JSON key) is left out rather than risk printing it.
const what = (label: string, name?: string) =>
  name && name.length <= 60 && !/[A-Za-z0-9]{20}/.test(name) ? `${label} assigned to ${name.replace(/^-+/, '')}` : label;
const day = (iso: string) => iso.slice(0, 10);

function treeFinding(h: FileHit, introduced: HistoryHit | undefined): Finding {
  const rule = ruleOf(h.rule);
  const since = introduced ? `, committed since ${short(introduced.commit)} (${day(introduced.date)})` : '';
  return {
    rule: rule.id,
    severity: rule.severity,
    path: h.path,
    line: h.line,
    column: h.column,
    message: `Hard-coded ${what(rule.label, h.name)} in the working tree${since}.`,
    remediation: `${ROTATE} ${rule.docs.fix}`,
    evidence: h.evidence,
    fingerprint: h.fingerprint,
    redacted: h.redacted,
    ...(introduced ? { commit: introduced.commit, date: introduced.date } : {}),
  };
}

function historyFinding(h: HistoryHit): Finding {
  const rule = ruleOf(h.rule);
  return {
    rule: rule.id,
    severity: rule.severity,
    path: h.path,
    line: h.line,
    column: h.column,
    message: `Rotate this ${what(rule.label, h.name)}: it was removed from the tree but remains in git history (added in ${short(h.commit)}, ${day(h.date)}), readable by anyone with a clone.`,
    remediation: `${ROTATE} ${rule.docs.fix} Rewriting history (git filter-repo) only helps after rotation, and only for clones made afterwards.`,
    evidence: h.evidence,
    fingerprint: h.fingerprint,
    redacted: h.redacted,
    commit: h.commit,
    date: h.date,
    data: { historyOnly: true },
  };
}

/** Scan the working tree (and with `history`, every commit) for committed credentials. */
export async function scanSecrets(ws: Workspace, opts: SecretsOptions): Promise<SecretsResult> {
  // Read the baseline first: a bad file is a usage error before any work is done.
  const baseline = opts.baseline ? readBaseline(opts.baseline) : null;
  const tree = await scanTree(ws, { cache: opts.cache });
  ws.errors.push(...tree.errors);
  const summary: SecretsSummary = {
    filesScanned: tree.filesScanned,
    bytesScanned: tree.bytesScanned,
    skippedBinary: tree.skippedBinary,
    skippedLarge: tree.skippedLarge,
    suppressed: tree.suppressed,
  };

  let oldest = new Map<string, HistoryHit>();
  if (opts.history) {
    if (!ws.repo) {
      ws.errors.push({ path: '.', message: 'secrets: --history needs a git repository; only the working tree was scanned' });
    } else {
      try {
        const total = Number(git(ws.root, ['rev-list', '--all', '--count'])?.trim()) || 0;
        opts.progress?.phase('secrets history');
        const h = await scanHistory(ws.root, {
          exclude: ws.config.exclude,
          maxBytes: ws.config.maxFileSize,
          onCommit: (done) => opts.progress?.tick(done, total, 'commits'),
        });
        oldest = h.oldest;
        summary.commitsScanned = h.commitsScanned;
        summary.skippedLarge += h.skippedLarge;
      } catch (err) {
        ws.errors.push({ path: '.', message: `secrets: git history could not be read (${(err as Error).message})` });
      }
    }
  }

  let findings: Finding[] = tree.hits.map((h) => treeFinding(h, oldest.get(h.fingerprint)));
  if (opts.history) {
    // Reported in the tree, or silenced there on purpose: not a secret "gone from the tree".
    const inTree = new Set([...findings.map((f) => f.fingerprint), ...tree.suppressedFingerprints]);
    const gone = [...oldest.values()].filter((h) => !inTree.has(h.fingerprint)).map(historyFinding);
    summary.historyOnly = gone.length;
    findings.push(...gone);
  }
  if (baseline) {
    const before = findings.length;
    findings = findings.filter((f) => !baseline.has(f.fingerprint));
    summary.baselined = before - findings.length;
  }
  return { findings, summary };
}
