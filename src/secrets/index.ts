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
import { classifyPath, rolesOf } from '../facts/roles.js';
import type { FileRole } from '../core/role.js';
import { contextSeverity, type ContextVerdict } from './context.js';
import { keyUses } from './usage.js';
import type { SecretHit } from './detect.js';
import { branchesOf, type Reach } from './reach.js';

export interface SecretsOptions {
  /** Also scan every commit reachable from any ref. */
  history: boolean;
  /** Baseline file of fingerprints: only findings not in it are reported. */
  baseline: string | null;
  /** Ticks per commit read during --history. */
  progress?: Progress;
  /** Per-file results of earlier runs (the tree scan on this thread only). */
  cache?: FileCache<CachedScan> | null;
  /** Worker threads for the tree scan besides this one; default: by core count, for big trees only. */
  workers?: number;
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

/** How a finding's severity was decided, for its message and `data`. */
interface Placed {
  role: FileRole;
  verdict: ContextVerdict;
  used?: string;
}

function place(h: SecretHit | FileHit, rule: SecretRule, role: FileRole, uses: Map<string, string>): Placed {
  // A SECRET_KEY is a key by definition; other names are keys when the code uses them as one.
  const used = rule.id === 'secret.django-secret-key' ? 'set as SECRET_KEY' : h.name ? uses.get(h.name) : undefined;
  const verdict = contextSeverity({ rule: rule.id, severity: rule.severity, role, ...('value' in h ? { value: h.value } : { testLike: h.testLike }), ...(h.context ? { context: h.context } : {}), ...(h.name ? { name: h.name } : {}), ...(used ? { used } : {}) });
  return { role, verdict, ...(used ? { used } : {}) };
}

/** What a lowered finding adds, so a reader knows why it is not at the rule's severity. */
function lowered(p: Placed): string {
  return p.verdict.why ? ` Reported at ${p.verdict.severity} as ${p.verdict.why}: a sample, not a deployed secret (rotate it if it is a real one).` : '';
}

function placedData(p: Placed, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    ...extra,
    ...(p.verdict.why ? { severityReason: p.verdict.why } : {}),
    ...(p.used ? { usedAs: p.used } : {}),
  };
}

function treeFinding(h: FileHit, introduced: HistoryHit | undefined, p: Placed, reach: Reach | undefined): Finding {
  const rule = ruleOf(h.rule);
  const since = introduced ? `, committed since ${short(introduced.commit)} (${day(introduced.date)})` : '';
  const data = placedData(p, {
    ...(h.context ? { context: h.context } : {}),
    ...(introduced ? { inTree: true } : {}),
    ...(reach ? { branches: reach.branches } : {}),
  });
  return {
    rule: rule.id,
    severity: p.verdict.severity,
    path: h.path,
    line: h.line,
    column: h.column,
    message: `Hard-coded ${what(rule.label, h.name)} in the working tree${since}.${lowered(p)}${p.used && !p.verdict.why && rule.id !== 'secret.django-secret-key' ? ` The code uses it as a key (${p.used}).` : ''}`,
    remediation: `${ROTATE} ${rule.docs.fix}`,
    evidence: h.evidence,
    fingerprint: h.fingerprint,
    redacted: h.redacted,
    role: p.role,
    ...(introduced ? { commit: introduced.commit, date: introduced.date } : {}),
    ...(Object.keys(data).length ? { data } : {}),
  };
}

function historyFinding(h: HistoryHit, p: Placed, reach: Reach | undefined): Finding {
  const rule = ruleOf(h.rule);
  const added = `added in ${short(h.commit)}, ${day(h.date)}`;
  const where =
    reach && !reach.onHead && reach.branches.length
      ? `it is not in the checked-out tree but sits on ${reach.refCount === 1 ? 'branch' : 'branches'} ${reach.branches.slice(0, 5).join(', ')}${reach.refCount > 5 ? ` and ${reach.refCount - 5} more` : ''}, not merged into HEAD (${added})`
      : `it was removed from the tree but remains in git history (${added})`;
  return {
    rule: rule.id,
    severity: p.verdict.severity,
    path: h.path,
    line: h.line,
    column: h.column,
    message: `Rotate this ${what(rule.label, h.name)}: ${where}, readable by anyone with a clone.${lowered(p)}`,
    remediation: `${ROTATE} ${rule.docs.fix} Rewriting history (git filter-repo) only helps after rotation, and only for clones made afterwards.`,
    evidence: h.evidence,
    fingerprint: h.fingerprint,
    redacted: h.redacted,
    commit: h.commit,
    date: h.date,
    role: p.role,
    data: placedData(p, {
      historyOnly: true,
      inTree: false,
      ...(h.context ? { context: h.context } : {}),
      ...(reach ? { branches: reach.branches, refCount: reach.refCount, onHead: reach.onHead } : {}),
    }),
  };
}

/** Scan the working tree (and with `history`, every commit) for committed credentials. */
export async function scanSecrets(ws: Workspace, opts: SecretsOptions): Promise<SecretsResult> {
  // Read the baseline first: a bad file is a usage error before any work is done.
  const baseline = opts.baseline ? readBaseline(opts.baseline) : null;
  const tree = await scanTree(ws, { cache: opts.cache, ...(opts.workers !== undefined ? { workers: opts.workers } : {}) });
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
        if (h.skippedCommits.length) {
          summary.skippedCommits = h.skippedCommits.map((c) => c.commit);
          const n = h.skippedCommits.length;
          const first = h.skippedCommits.slice(0, 5).map((c) => short(c.commit)).join(', ');
          ws.errors.push({
            path: '.',
            message: `secrets: ${n} commit(s) skipped in the history scan, git could not read them (${h.skippedCommits[0]!.reason}): ${first}${n > 5 ? ` and ${n - 5} more (summary.skippedCommits)` : ''}`,
          });
        }
        if (h.shallow) {
          summary.shallow = true;
          ws.errors.push({ path: '.', message: `secrets: shallow clone: only the ${h.commitsScanned} commit(s) fetched were scanned; run git fetch --unshallow to scan the whole history` });
        }
      } catch (err) {
        ws.errors.push({ path: '.', message: `secrets: git history could not be read (${(err as Error).message})` });
      }
    }
  }

  const roles = rolesOf(ws);
  const history = [...oldest.values()];
  const treeRoles = tree.hits.map((h) => roles.role(h.path));
  // Names whose use as a key decides: capital-letter values, and values in generated or vendored code.
  const ask = new Set<string>();
  tree.hits.forEach((h, i) => {
    if (h.name && (h.ifUsed || treeRoles[i] === 'generated' || treeRoles[i] === 'vendored')) ask.add(h.name);
  });
  for (const h of history) if (h.name && h.ifUsed) ask.add(h.name);
  const uses = ask.size ? keyUses(ask, ws.files.filter((f) => /\.pyi?$/.test(f.path)).map((f) => [f.path, () => ws.text(f.path)] as [string, () => string | null])) : new Map<string, string>();
  const keep = (h: SecretHit | FileHit) => !h.ifUsed || (!!h.name && uses.has(h.name));

  const reachOf = opts.history && ws.repo ? branchesOf(ws.root) : undefined;
  let findings: Finding[] = [];
  tree.hits.forEach((h, i) => {
    if (!keep(h)) return;
    const intro = oldest.get(h.fingerprint);
    findings.push(treeFinding(h, intro, place(h, ruleOf(h.rule), treeRoles[i]!, uses), intro ? reachOf?.(intro.commit) : undefined));
  });
  if (opts.history) {
    // Reported in the tree, or silenced there on purpose: not a secret "gone from the tree".
    const inTree = new Set([...findings.map((f) => f.fingerprint), ...tree.suppressedFingerprints, ...tree.hits.filter((h) => !keep(h)).map((h) => h.fingerprint)]);
    const gone = history
      .filter((h) => !inTree.has(h.fingerprint) && keep(h))
      .map((h) => historyFinding(h, place(h, ruleOf(h.rule), classifyPath(h.path).role, uses), reachOf?.(h.commit)));
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
