import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node as YamlNode } from 'yaml';
import type { ScanError } from '../../core/errors.js';
import type { CiMetrics, Evidence } from '../types.js';
import { check, type CheckResult, type TreeIndex } from './model.js';
import { parseIni } from './config-files.js';

/** One command CI runs (or a step it uses), with where it is written. */
export interface CiCommand {
  path: string;
  line: number;
  text: string;
}

interface CiScan {
  systems: string[];
  commands: CiCommand[];
  versions: Set<string>;
  unpinned: { path: string; line: number; uses: string }[];
  /** Raw CI file texts, for coverage and env-var lookups. */
  texts: { path: string; text: string }[];
}

const SHA = /^[0-9a-f]{40}$/;
/** GitHub's own actions are maintained by the platform; pinning applies to third-party ones. */
const FIRST_PARTY_ACTIONS = /^(actions|github)\//;

function yamlDoc(text: string, path: string, errors: ScanError[]) {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: true, uniqueKeys: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    errors.push({ path, line: e.linePos?.[0]?.line, message: `invalid YAML: ${e.message.split('\n')[0]}` });
  }
  const lineAt = (n: YamlNode | null | undefined) => (n?.range ? lc.linePos(n.range[0]).line : 1);
  return { doc, lineAt };
}

/** Walk a YAML tree, calling `fn(key, valueNode)` for each map pair. */
function eachPair(node: unknown, fn: (key: string, value: YamlNode | null, parentKeys: string[]) => void, parents: string[] = []): void {
  if (isMap(node)) {
    for (const it of node.items) {
      const k = isScalar(it.key) ? String(it.key.value) : '';
      fn(k, it.value as YamlNode | null, parents);
      eachPair(it.value, fn, [...parents, k]);
    }
  } else if (isSeq(node)) {
    for (const it of node.items) eachPair(it, fn, parents);
  }
}

function scalarStrings(node: YamlNode | null): { text: string; node: YamlNode }[] {
  if (!node) return [];
  if (isScalar(node)) return node.value === null || node.value === undefined ? [] : [{ text: String(node.value), node }];
  if (isSeq(node)) return node.items.flatMap((i) => scalarStrings(i as YamlNode));
  return [];
}

const COMMAND_KEYS = new Set(['run', 'script', 'before_script', 'after_script', 'command', 'commands', 'bash', 'pwsh', 'powershell', 'sh', 'install', 'before_install', 'test']);

/** Read every CI/automation file of the tree into commands, Python versions and `uses:` pins. */
export function scanCi(tree: TreeIndex, errors: ScanError[]): CiScan {
  const scan: CiScan = { systems: [], commands: [], versions: new Set(), unpinned: [], texts: [] };
  const yamlFiles: [string, string][] = [
    ...tree.match(/^\.github\/workflows\/[^/]+\.ya?ml$/).map((p) => [p, 'github-actions'] as [string, string]),
    ...tree.match(/^\.gitlab-ci\.ya?ml$/).map((p) => [p, 'gitlab-ci'] as [string, string]),
    ...tree.match(/^\.circleci\/config\.ya?ml$/).map((p) => [p, 'circleci'] as [string, string]),
    ...tree.match(/^(azure-pipelines|\.azure-pipelines\/[^/]+)\.ya?ml$/).map((p) => [p, 'azure-pipelines'] as [string, string]),
    ...tree.match(/^\.travis\.yml$/).map((p) => [p, 'travis'] as [string, string]),
    ...tree.match(/^bitbucket-pipelines\.yml$/).map((p) => [p, 'bitbucket'] as [string, string]),
  ];
  for (const [path, system] of yamlFiles) {
    const text = tree.text(path);
    if (!text) continue;
    if (!scan.systems.includes(system)) scan.systems.push(system);
    scan.texts.push({ path, text });
    const { doc, lineAt } = yamlDoc(text, path, errors);
    eachPair(doc.contents, (key, value, parents) => {
      if (COMMAND_KEYS.has(key) && !(key === 'test' && system !== 'travis')) {
        for (const s of scalarStrings(value)) scan.commands.push({ path, line: lineAt(s.node), text: s.text });
        if (isMap(value) && key === 'run') {
          const cmd = value.get('command', true);
          if (isScalar(cmd)) scan.commands.push({ path, line: lineAt(cmd), text: String(cmd.value) });
        }
      }
      if (key === 'uses' && isScalar(value)) {
        const uses = String(value.value);
        scan.commands.push({ path, line: lineAt(value), text: `uses: ${uses}` });
        if (!uses.startsWith('./') && !uses.startsWith('docker://') && !FIRST_PARTY_ACTIONS.test(uses)) {
          const ref = uses.split('@')[1] ?? '';
          if (!SHA.test(ref)) scan.unpinned.push({ path, line: lineAt(value), uses });
        }
      }
      if (/^python(-version|_version|Version)?$/.test(key) && (parents.includes('matrix') || parents.includes('with') || parents.includes('parameters') || key !== 'python')) {
        for (const s of scalarStrings(value)) if (/^\d\.\d+/.test(s.text)) scan.versions.add(s.text.replace(/\.x$/, ''));
      }
      if (key === 'image') {
        for (const s of scalarStrings(value)) {
          const m = /python:(\d\.\d+)/.exec(s.text);
          if (m) scan.versions.add(m[1]!);
        }
      }
    });
  }
  const jenkins = tree.find('Jenkinsfile');
  if (jenkins) {
    const text = tree.text(jenkins) ?? '';
    scan.systems.push('jenkins');
    scan.texts.push({ path: jenkins, text });
    text.split('\n').forEach((l, i) => {
      if (/\b(sh|bat|powershell)\b/.test(l)) scan.commands.push({ path: jenkins, line: i + 1, text: l.trim() });
    });
  }
  return scan;
}

/** tox envs and commands, nox sessions, Makefile targets and pre-commit hooks: what `tox`, `nox`, `make x` or `pre-commit run` expand to. */
export function automation(tree: TreeIndex, errors: ScanError[]): { tools: string[]; expansions: Map<string, CiCommand[]>; versions: Set<string> } {
  const tools: string[] = [];
  const expansions = new Map<string, CiCommand[]>();
  const versions = new Set<string>();
  const tox = tree.find('tox.ini');
  if (tox) {
    tools.push('tox');
    const text = tree.text(tox) ?? '';
    const ini = parseIni(text);
    const cmds: CiCommand[] = [];
    for (const [name, sec] of ini) {
      if (name === 'tox' || name === 'tox:tox') {
        const env = sec.get('envlist')?.value ?? '';
        for (const m of env.matchAll(/py3(\d+)/g)) versions.add(`3.${m[1]}`);
      }
      if (name.startsWith('testenv')) {
        for (const k of ['commands', 'commands_pre', 'deps']) {
          const e = sec.get(k);
          if (e) e.value.split('\n').forEach((c, i) => cmds.push({ path: tox, line: e.line + i, text: k === 'deps' ? `pip install ${c}` : c }));
        }
      }
    }
    expansions.set('tox', cmds);
  }
  const nox = tree.find('noxfile.py');
  if (nox) {
    tools.push('nox');
    const text = tree.text(nox) ?? '';
    for (const m of text.matchAll(/python\s*=\s*\[([^\]]*)\]/g)) for (const v of m[1]!.matchAll(/(\d\.\d+)/g)) versions.add(v[1]!);
    expansions.set(
      'nox',
      text.split('\n').flatMap((l, i) => (/session\.(run|install)\(/.test(l) ? [{ path: nox, line: i + 1, text: l.trim().replace(/session\.run\(|[",')]/g, ' ').trim() }] : [])),
    );
  }
  const make = tree.find('Makefile', 'makefile', 'GNUmakefile');
  if (make) {
    tools.push('make');
    const text = tree.text(make) ?? '';
    let target: string | null = null;
    text.split('\n').forEach((l, i) => {
      const t = /^([A-Za-z0-9_.-]+)\s*:(?!=)/.exec(l);
      if (t) target = t[1]!;
      else if (target && /^\t/.test(l)) {
        const key = `make ${target}`;
        const list = expansions.get(key) ?? [];
        list.push({ path: make, line: i + 1, text: l.trim() });
        expansions.set(key, list);
      }
    });
  }
  const pc = tree.find('.pre-commit-config.yaml', '.pre-commit-config.yml');
  if (pc) {
    tools.push('pre-commit');
    const text = tree.text(pc) ?? '';
    const { doc, lineAt } = yamlDoc(text, pc, errors);
    const hooks: CiCommand[] = [];
    eachPair(doc.contents, (key, value) => {
      if (key === 'id' && isScalar(value)) hooks.push({ path: pc, line: lineAt(value), text: `pre-commit hook ${String(value.value)}` });
    });
    expansions.set('pre-commit', hooks);
  }
  return { tools, expansions, versions };
}

const KINDS: Record<'installs' | 'tests' | 'lints' | 'formatCheck' | 'typeCheck' | 'securityScan', RegExp> = {
  installs: /\b(pip3?|uv pip|python -m pip) install\b|\b(poetry|pipenv|pdm|hatch|conda|mamba) install\b|\buv sync\b|setup-python|\bpip-sync\b|install-poetry|\bpip install\b/,
  tests: /\bpytest\b|\bpy\.test\b|-m unittest\b|manage\.py test\b|\bcoverage run\b|\bnosetests\b|\bward\b|\bhatch (run )?test\b/,
  lints: /\bruff( check)?\b(?! format)|\bflake8\b|\bpylint\b|\bprospector\b|\bpyflakes\b|\bpre-commit hook (ruff|flake8|pylint)\b/,
  formatCheck: /\bblack\b[^\n]*--(check|diff)|\bruff format\b[^\n]*--(check|diff)|\bisort\b[^\n]*--(check|check-only|diff)|\byapf\b[^\n]*--diff|\bpre-commit hook (black|ruff-format|isort|yapf)\b/,
  typeCheck: /\bmypy\b|\bpyright\b|\bpytype\b|\bpyre\b|\bpre-commit hook (mypy|pyright)\b/,
  securityScan: /\bbandit\b|\bpip-audit\b|\bsafety\b|\bsemgrep\b|codeql-action|\btrivy\b|\bsnyk\b|\bgitleaks\b|\bdetect-secrets\b|\bosv-scanner\b|\bpyvet\b|\bgrype\b/,
};

/** What CI actually runs, following `tox`, `nox`, `make target` and `pre-commit run` into their definitions. */
export function ciMetrics(tree: TreeIndex, errors: ScanError[]): { metrics: CiMetrics; evidence: Record<string, Evidence[]>; texts: { path: string; text: string }[]; tools: string[] } {
  const scan = scanCi(tree, errors);
  const auto = automation(tree, errors);
  const commands: CiCommand[] = [];
  const seenExp = new Set<string>();
  const expand = (c: CiCommand) => {
    commands.push(c);
    const targets: string[] = [];
    if (/\btox\b/.test(c.text)) targets.push('tox');
    if (/\bnox\b/.test(c.text)) targets.push('nox');
    if (/\bpre-commit\b/.test(c.text)) targets.push('pre-commit');
    for (const m of c.text.matchAll(/\bmake\s+((?:[A-Za-z0-9_.-]+\s*)+)/g)) for (const t of m[1]!.trim().split(/\s+/)) targets.push(`make ${t}`);
    for (const t of targets) {
      if (seenExp.has(t)) continue;
      seenExp.add(t);
      for (const e of auto.expansions.get(t) ?? []) expand(e);
    }
  };
  for (const c of scan.commands) expand(c);
  const evidence: Record<string, Evidence[]> = {};
  const flags: Record<string, boolean> = {};
  for (const [kind, re] of Object.entries(KINDS)) {
    const hits = commands.filter((c) => re.test(c.text));
    flags[kind] = hits.length > 0;
    evidence[kind] = hits.slice(0, 5).map((c) => ({ path: c.path, line: c.line, message: c.text.split('\n')[0]!.slice(0, 160) }));
  }
  const versions = new Set([...scan.versions]);
  if (seenExp.has('tox') || seenExp.has('nox')) for (const v of auto.versions) versions.add(v);
  const metrics: CiMetrics = {
    systems: scan.systems,
    installs: flags.installs!,
    lints: flags.lints!,
    formatCheck: flags.formatCheck!,
    typeCheck: flags.typeCheck!,
    tests: flags.tests!,
    securityScan: flags.securityScan!,
    pythonVersions: [...versions].sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1])),
    unpinnedActions: scan.unpinned,
    automation: auto.tools,
    makeTargets: [...auto.expansions.keys()].filter((k) => k.startsWith('make ')).map((k) => k.slice(5)),
  };
  return { metrics, evidence, texts: scan.texts, tools: auto.tools };
}

export function ciChecks(ci: ReturnType<typeof ciMetrics>): CheckResult[] {
  const m = ci.metrics;
  const none = m.systems.length === 0;
  const out: CheckResult[] = [
    check(
      'ci.present',
      'ci',
      none ? 0 : 10,
      [{ message: none ? `no CI configuration found${ci.tools.length ? ` (local automation only: ${ci.tools.join(', ')})` : ''}` : `CI: ${m.systems.join(', ')}` }],
      'Add a CI workflow (e.g. .github/workflows/ci.yml) that installs, lints and tests on every push and pull request.',
    ),
  ];
  // Without any CI, ci.present's finding explains every CI step's lost points.
  const step = (id: string, flag: boolean, kind: string, what: string, fix: string) =>
    out.push(check(id, 'ci', flag ? 10 : 0, flag ? ci.evidence[kind]! : [{ message: none ? 'no CI configuration' : `no CI step ${what}` }], fix, { coveredByFindings: none }));
  step('ci.installs', m.installs, 'installs', 'installs the project', 'Install the project and its locked dependencies in CI (pip install -r requirements.txt / poetry install / uv sync).');
  step('ci.runs-tests', m.tests, 'tests', 'runs the tests (pytest, unittest, tox, nox…)', 'Run the test suite in CI, e.g. `python -m pytest`.');
  step('ci.lints', m.lints, 'lints', 'runs a linter (ruff, flake8, pylint)', 'Run a linter in CI, e.g. `ruff check .`.');
  step('ci.format-check', m.formatCheck, 'formatCheck', 'checks formatting (black --check, ruff format --check, isort --check)', 'Check formatting in CI, e.g. `ruff format --check .` or `black --check .`.');
  step('ci.type-check', m.typeCheck, 'typeCheck', 'type-checks (mypy, pyright)', 'Type-check in CI, e.g. `mypy .`.');
  step('ci.security-scan', m.securityScan, 'securityScan', 'scans for vulnerabilities (pip-audit, bandit, CodeQL, pyvet…)', 'Scan dependencies and code in CI, e.g. `pip-audit` and `bandit -r src`.');
  out.push(
    check(
      'ci.python-matrix',
      'ci',
      m.pythonVersions.length > 1 ? 10 : m.pythonVersions.length === 1 ? 5 : 0,
      [{ message: m.pythonVersions.length ? `Python versions tested: ${m.pythonVersions.join(', ')}` : 'no Python version matrix found' }],
      'Test on every Python version you support (a strategy.matrix of python-version, or a tox envlist).',
      { skip: none },
    ),
  );
  out.push(
    check(
      'ci.actions-pinned',
      'ci',
      m.unpinnedActions.length === 0 ? 10 : Math.max(0, 10 - 2 * m.unpinnedActions.length),
      m.unpinnedActions.length
        ? m.unpinnedActions.map((u) => ({ path: u.path, line: u.line, message: `uses: ${u.uses} is not pinned to a commit SHA` }))
        : [{ message: 'every third-party action is pinned to a commit SHA' }],
      'Pin third-party actions to a full 40-character commit SHA (keep the tag in a comment); tags can be moved by whoever controls the action.',
      { skip: !m.systems.includes('github-actions'), coveredByFindings: true },
    ),
  );
  return out;
}
