import path from 'node:path';
import type { Node as YamlNode } from 'yaml';
import { LineCounter, parseDocument, isMap, isSeq, isScalar } from './yaml.js';
import type { ScanError } from '../core/errors.js';
import type { TreeIndex } from './tree-index.js';
import { parseIni, parseTomlText, tableAt } from './config.js';

/**
 * What CI runs, read once for every analyzer: the CI systems, each command a workflow runs, and
 * what local automation those commands expand to (tox and nox envs, Makefile targets, pyproject
 * task runners, pre-commit hooks, shell scripts), followed a few levels deep.
 */
/** One command CI runs (or a step it uses), with where it is written. */
export interface CiCommand {
  path: string;
  line: number;
  text: string;
}

export interface CiScan {
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

export function yamlDoc(text: string, path: string, errors: ScanError[]) {
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
export function eachPair(node: unknown, fn: (key: string, value: YamlNode | null, parentKeys: string[]) => void, parents: string[] = []): void {
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
  // pre-commit.ci runs the hooks on every push and pull request: a `ci:` section in the config
  // (its settings) or its badge in the README says the service is on.
  const pc = tree.find('.pre-commit-config.yaml', '.pre-commit-config.yml');
  if (pc) {
    const text = tree.text(pc) ?? '';
    const at = text.split('\n').findIndex((l) => /^ci\s*:/.test(l));
    const readme = tree.match(/^readme(\.[a-z]+)?$/i).find((r) => /results\.pre-commit\.ci\b/.test(tree.text(r) ?? ''));
    if (at >= 0 || readme) {
      scan.systems.push('pre-commit.ci');
      scan.commands.push(at >= 0 ? { path: pc, line: at + 1, text: 'pre-commit run --all-files (pre-commit.ci)' } : { path: readme!, line: 1, text: 'pre-commit run --all-files (pre-commit.ci badge)' });
    }
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

/** Local automation: what `tox`, `nox`, `make x`, `pdm/hatch/poe x`, `pre-commit` or a script expand to. */
export interface Automation {
  tools: string[];
  /** `tox`, `nox`, `make <target>`, `task <name>`, `pre-commit`, `file <path>` → the commands behind it. */
  expansions: Map<string, CiCommand[]>;
  /** Python versions named by tox env lists and nox sessions. */
  versions: Set<string>;
}

const linesOf = (path: string, text: string, re: RegExp = /\S/): CiCommand[] =>
  text.split('\n').flatMap((l, i) => (re.test(l) && !/^\s*#/.test(l) ? [{ path, line: i + 1, text: l.trim() }] : []));

/** tox commands given in TOML (tox.toml, [tool.tox]): lists of argv lists, with `{replace = …}` tables dropped. */
function toxTomlCommands(cfg: Record<string, unknown>, path: string, line: number): CiCommand[] {
  const out: CiCommand[] = [];
  const envs: unknown[] = [cfg.env_run_base, ...Object.values((cfg.env as Record<string, unknown> | undefined) ?? {})];
  for (const env of envs) {
    if (!env || typeof env !== 'object') continue;
    for (const key of ['commands', 'commands_pre']) {
      const cmds = (env as Record<string, unknown>)[key];
      if (!Array.isArray(cmds)) continue;
      for (const c of cmds) if (Array.isArray(c)) out.push({ path, line, text: c.filter((x) => typeof x === 'string').join(' ') });
    }
  }
  return out;
}

export function automation(tree: TreeIndex, errors: ScanError[]): Automation {
  const tools: string[] = [];
  const expansions = new Map<string, CiCommand[]>();
  const versions = new Set<string>();
  const add = (key: string, cmds: CiCommand[]) => expansions.set(key, [...(expansions.get(key) ?? []), ...cmds]);
  const tool = (t: string) => {
    if (!tools.includes(t)) tools.push(t);
  };
  // tox: tox.ini, tox.toml and [tool.tox] of any pyproject.toml (a monorepo keeps them per project).
  for (const tox of tree.match(/(^|\/)tox\.ini$/)) {
    tool('tox');
    const ini = parseIni(tree.text(tox) ?? '');
    for (const [name, sec] of ini) {
      if (name === 'tox' || name === 'tox:tox') for (const m of (sec.get('envlist')?.value ?? '').matchAll(/py3\.?(\d+)/g)) versions.add(`3.${m[1]}`);
      if (!name.startsWith('testenv')) continue;
      for (const k of ['commands', 'commands_pre', 'deps']) {
        const e = sec.get(k);
        if (e) add('tox', e.value.split('\n').map((c, i) => ({ path: tox, line: e.line + i, text: k === 'deps' ? `pip install ${c}` : c })));
      }
    }
  }
  for (const p of tree.match(/(^|\/)(pyproject|tox)\.toml$/)) {
    const doc = parseTomlText(tree.text(p) ?? '');
    const cfg = (p.endsWith('tox.toml') ? doc : tableAt(doc, 'tool', 'tox')) as Record<string, unknown> | undefined;
    if (!cfg || typeof cfg !== 'object') continue;
    tool('tox');
    const legacy = cfg.legacy_tox_ini;
    if (typeof legacy === 'string') {
      for (const [name, sec] of parseIni(legacy)) {
        if (name === 'tox' || name === 'tox:tox') for (const m of (sec.get('envlist')?.value ?? '').matchAll(/py3\.?(\d+)/g)) versions.add(`3.${m[1]}`);
        if (name.startsWith('testenv')) for (const k of ['commands', 'commands_pre']) add('tox', (sec.get(k)?.value ?? '').split('\n').filter(Boolean).map((c) => ({ path: p, line: 1, text: c })));
      }
    }
    const envList = cfg.env_list ?? cfg.envlist;
    if (Array.isArray(envList)) for (const e of envList) for (const m of String(e).matchAll(/py3\.?(\d+)/g)) versions.add(`3.${m[1]}`);
    add('tox', toxTomlCommands(cfg, p, 1));
  }
  for (const nox of tree.match(/(^|\/)noxfile\.py$/)) {
    tool('nox');
    const text = tree.text(nox) ?? '';
    for (const m of text.matchAll(/python\s*=\s*\[([^\]]*)\]/g)) for (const v of m[1]!.matchAll(/(\d\.\d+)/g)) versions.add(v[1]!);
    add('nox', linesOf(nox, text, /session\.(run|install)\(/).map((c) => ({ ...c, text: c.text.replace(/session\.run\(|[",')]/g, ' ').trim() })));
  }
  // Makefiles anywhere near the top (backend/Makefile in a monorepo); `make -C dir x` and `make x` both land here.
  for (const make of tree.match(/^([^/]+\/)?(Makefile|makefile|GNUmakefile)$/)) {
    tool('make');
    let target: string | null = null;
    (tree.text(make) ?? '').split('\n').forEach((l, i) => {
      const t = /^([A-Za-z0-9_.-]+)\s*:(?!=)/.exec(l);
      if (t) target = t[1]!;
      else if (target && /^\t/.test(l)) add(`make ${target}`, [{ path: make, line: i + 1, text: l.trim() }]);
    });
  }
  // Task runners declared in pyproject.toml: pdm scripts, hatch env scripts, poe tasks, taskipy.
  for (const p of tree.match(/(^|\/)pyproject\.toml$/)) {
    const doc = parseTomlText(tree.text(p) ?? '');
    const tables: unknown[] = [tableAt(doc, 'tool', 'pdm', 'scripts'), tableAt(doc, 'tool', 'poe', 'tasks'), tableAt(doc, 'tool', 'taskipy', 'tasks')];
    const hatchEnvs = tableAt(doc, 'tool', 'hatch', 'envs');
    if (hatchEnvs && typeof hatchEnvs === 'object') for (const env of Object.values(hatchEnvs)) tables.push(tableAt(env, 'scripts'));
    for (const t of tables) {
      if (!t || typeof t !== 'object') continue;
      for (const [name, v] of Object.entries(t as Record<string, unknown>)) {
        const cmds = typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'object' && v ? [String((v as Record<string, unknown>).cmd ?? (v as Record<string, unknown>).shell ?? '')] : [];
        add(`task ${name}`, cmds.filter(Boolean).map((text) => ({ path: p, line: 1, text })));
      }
    }
  }
  const pc = tree.find('.pre-commit-config.yaml', '.pre-commit-config.yml');
  if (pc) {
    tool('pre-commit');
    const { doc, lineAt } = yamlDoc(tree.text(pc) ?? '', pc, errors);
    const hooks: CiCommand[] = [];
    eachPair(doc.contents, (key, value) => {
      if (key === 'id' && isScalar(value)) hooks.push({ path: pc, line: lineAt(value), text: `pre-commit hook ${String(value.value)}` });
    });
    add('pre-commit', hooks);
  }
  return { tools, expansions, versions };
}

/** A shell script a command runs (`bash scripts/test.sh`, `./scripts/lint.sh`), found at its path or below a sub-project. */
function scriptTarget(text: string, from: string, tree: TreeIndex): string[] {
  const out: string[] = [];
  // A script run from another script is usually run from its project folder (backend/scripts/a.sh runs
  // `bash scripts/b.sh` in backend/): look there first, then at the root, then below any sub-project.
  const dirs = [path.posix.dirname(path.posix.dirname(from)), path.posix.dirname(from)].filter((d) => d !== '.' && !from.startsWith('.github/'));
  for (const m of text.matchAll(/(?:^|[\s;&|(])(?:bash\s+|sh\s+|source\s+|\.\s+)?((?:\.\/)?[\w./-]*[\w-]+\.(?:sh|bash))\b/g)) {
    const rel = m[1]!.replace(/^\.\//, '');
    const hit = dirs.map((d) => tree.find(`${d}/${rel}`)).find((x) => x !== null) ?? tree.find(rel) ?? tree.paths.find((p) => p.endsWith('/' + rel)) ?? null;
    if (hit && !out.includes(hit)) out.push(hit);
  }
  return out;
}

/** The keys of `Automation.expansions` a command invokes. */
function invoked(text: string, from: string, tree: TreeIndex): string[] {
  const keys: string[] = [];
  if (/\btox\b/.test(text)) keys.push('tox');
  if (/\bnox\b/.test(text)) keys.push('nox');
  if (/\bpre-commit\b/.test(text)) keys.push('pre-commit');
  for (const m of text.matchAll(/\bmake\s+((?:-C\s+\S+\s+|-[A-Za-z]+\s+)*)((?:[A-Za-z0-9_.-]+\s*)+)/g)) for (const t of m[2]!.trim().split(/\s+/)) keys.push(`make ${t}`);
  for (const m of text.matchAll(/\b(?:pdm(?: run)?|hatch run|poe|task|uv run|poetry run|rye run)\s+(?:[\w-]+:)?([\w-]+)/g)) keys.push(`task ${m[1]}`);
  for (const s of scriptTarget(text, from, tree)) keys.push(`file ${s}`);
  return keys;
}

/** How many hops a command is followed through automation (CI → make → script → tox is three). */
const MAX_DEPTH = 4;

export interface CiFacts {
  systems: string[];
  /** Commands CI runs, then everything they expand to (each reached once). */
  commands: CiCommand[];
  /** Python versions from CI matrices, plus those of tox/nox when CI runs them. */
  versions: Set<string>;
  unpinned: CiScan['unpinned'];
  texts: CiScan['texts'];
  /** Local automation found: tox, nox, make, pre-commit. */
  tools: string[];
  makeTargets: string[];
}

/** What CI actually runs, following tox, nox, make targets, pyproject tasks, pre-commit and shell scripts into their definitions. */
export function ciFacts(tree: TreeIndex, errors: ScanError[]): CiFacts {
  const scan = scanCi(tree, errors);
  const auto = automation(tree, errors);
  const commands: CiCommand[] = [];
  const seen = new Set<string>();
  const expand = (c: CiCommand, depth: number) => {
    commands.push(c);
    if (depth >= MAX_DEPTH) return;
    for (const key of invoked(c.text, c.path, tree)) {
      if (seen.has(key)) continue;
      seen.add(key);
      const body = key.startsWith('file ') ? linesOf(key.slice(5), tree.text(key.slice(5)) ?? '') : (auto.expansions.get(key) ?? []);
      for (const e of body) expand(e, depth + 1);
    }
  };
  for (const c of scan.commands) expand(c, 0);
  const versions = new Set(scan.versions);
  if (seen.has('tox') || seen.has('nox')) for (const v of auto.versions) versions.add(v);
  return {
    systems: scan.systems,
    commands,
    versions,
    unpinned: scan.unpinned,
    texts: scan.texts,
    tools: auto.tools,
    makeTargets: [...auto.expansions.keys()].filter((k) => k.startsWith('make ')).map((k) => k.slice(5)),
  };
}
