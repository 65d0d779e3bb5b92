import type { Evidence } from '../types.js';
import { check, type CheckResult } from './model.js';
import { lineOf, type TreeIndex } from '../../facts/tree-index.js';
import { parseIni, pyproject, pyprojects, toolTable } from '../../facts/config.js';
import { docsArchitecture } from '../rules/docs-architecture.js';
import { docsChangelog } from '../rules/docs-changelog.js';
import { docsContributing } from '../rules/docs-contributing.js';
import { docsLicense } from '../rules/docs-license.js';
import { docsSecurityPolicy } from '../rules/docs-security-policy.js';
import { structureFormatConfig } from '../rules/structure-format-config.js';
import { structureLintConfig } from '../rules/structure-lint-config.js';
import { structureTypeConfig } from '../rules/structure-type-config.js';

export interface ToolConfig {
  tool: string;
  path: string;
}

/** Lint, format and type-checker configuration found in the tree. */
export function toolConfigs(tree: TreeIndex): { lint: ToolConfig[]; format: ToolConfig[]; types: ToolConfig[] } {
  const lint: ToolConfig[] = [];
  const format: ToolConfig[] = [];
  const types: ToolConfig[] = [];
  const setupCfg = parseIni(tree.text(tree.find('setup.cfg')) ?? '');
  const toxIni = parseIni(tree.text(tree.find('tox.ini')) ?? '');
  const add = (list: ToolConfig[], tool: string, path: string | null) => {
    if (path && !list.some((t) => t.tool === tool)) list.push({ tool, path });
  };
  // Every pyproject.toml counts: a monorepo configures its tools in backend/pyproject.toml.
  const pps = pyprojects(tree.ws);
  const inPyproject = (...keys: string[]) => pps.find((p) => toolTable(p.doc, ...keys) !== undefined)?.path ?? null;
  const ruffFiles = tree.match(/(^|\/)\.?ruff\.toml$/);
  add(lint, 'ruff', inPyproject('ruff') ?? ruffFiles[0] ?? null);
  add(lint, 'flake8', tree.match(/(^|\/)\.flake8$/)[0] ?? (setupCfg.has('flake8') ? 'setup.cfg' : toxIni.has('flake8') ? 'tox.ini' : null));
  add(lint, 'pylint', tree.match(/(^|\/)\.?pylintrc$/)[0] ?? inPyproject('pylint'));
  add(format, 'black', inPyproject('black'));
  add(format, 'ruff format', inPyproject('ruff', 'format') ?? ruffFiles.find((f) => /\[format\]/.test(tree.text(f) ?? '')) ?? null);
  add(format, 'isort', tree.match(/(^|\/)\.isort\.cfg$/)[0] ?? inPyproject('isort') ?? (setupCfg.has('isort') ? 'setup.cfg' : null));
  add(types, 'mypy', tree.match(/(^|\/)\.?mypy\.ini$/)[0] ?? inPyproject('mypy') ?? (setupCfg.has('mypy') ? 'setup.cfg' : null));
  add(types, 'pyright', tree.match(/(^|\/)pyrightconfig\.json$/)[0] ?? inPyproject('pyright'));
  const pc = tree.text(tree.find('.pre-commit-config.yaml', '.pre-commit-config.yml'));
  if (pc) {
    const pcPath = tree.find('.pre-commit-config.yaml', '.pre-commit-config.yml')!;
    if (/id:\s*[\w-]*\bruff\b(?!-format)/.test(pc)) add(lint, 'ruff', pcPath);
    if (/id:\s*[\w-]*\bflake8\b/.test(pc)) add(lint, 'flake8', pcPath);
    if (/id:\s*[\w-]*\bpylint\b/.test(pc)) add(lint, 'pylint', pcPath);
    if (/id:\s*[\w-]*\bblack\b/.test(pc)) add(format, 'black', pcPath);
    if (/id:\s*[\w-]*\bruff-format\b/.test(pc)) add(format, 'ruff format', pcPath);
    if (/id:\s*[\w-]*\bisort\b/.test(pc)) add(format, 'isort', pcPath);
    if (/id:\s*[\w-]*\bmypy\b/.test(pc)) add(types, 'mypy', pcPath);
    if (/id:\s*[\w-]*\bpyright\b/.test(pc)) add(types, 'pyright', pcPath);
  }
  return { lint, format, types };
}

export function toolChecks(tree: TreeIndex): CheckResult[] {
  const t = toolConfigs(tree);
  const ev = (list: ToolConfig[], none: string): Evidence[] => (list.length ? list.map((x) => ({ path: x.path, message: `${x.tool} configured` })) : [{ message: none }]);
  return [
    check('structure.lint-config', 'structure', t.lint.length ? 10 : 0, ev(t.lint, 'no linter configured (ruff, flake8, pylint)'), structureLintConfig.docs.fix),
    check('structure.format-config', 'structure', t.format.length ? 10 : 0, ev(t.format, 'no formatter configured (black, ruff format, isort)'), structureFormatConfig.docs.fix),
    check('structure.type-config', 'structure', t.types.length ? 10 : 0, ev(t.types, 'no type checker configured (mypy, pyright)'), structureTypeConfig.docs.fix),
  ];
}

const README_SECTIONS: [string, RegExp][] = [
  ['install', /install|setup|set up|getting started|quick ?start|requirements/i],
  ['run', /usage|run|running|getting started|quick ?start|how to use|start|deploy/i],
  ['test', /test/i],
  ['configuration', /config|environment|settings|env var/i],
];

/** Headings of a Markdown or reStructuredText document, with lines. */
function headings(text: string): { title: string; line: number }[] {
  const lines = text.split(/\r?\n/);
  const out: { title: string; line: number }[] = [];
  lines.forEach((l, i) => {
    const md = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/.exec(l);
    if (md) out.push({ title: md[1]!, line: i + 1 });
    else if (i > 0 && /^(=+|-+|~+|\^+|\*+)\s*$/.test(l) && lines[i - 1]!.trim() && l.trim().length >= lines[i - 1]!.trim().length - 1) {
      out.push({ title: lines[i - 1]!.trim(), line: i });
    }
  });
  return out;
}

export function docsChecks(tree: TreeIndex): CheckResult[] {
  const out: CheckResult[] = [];
  const readme = tree.find('README.md', 'README.rst', 'README.txt', 'README', 'README.markdown');
  const text = tree.text(readme);
  if (!readme || !text) {
    out.push(check('docs.readme', 'docs', 0, [{ message: 'no README at the root' }], 'Add a README.md with sections: Installation, Usage (how to run), Tests, Configuration.'));
  } else {
    const hs = headings(text);
    const found: Evidence[] = [];
    const missing: string[] = [];
    for (const [name, re] of README_SECTIONS) {
      // "Running the tests" is the test section, not how to run the service.
      const h = hs.find((x) => re.test(x.title) && (name !== 'run' || !/test/i.test(x.title)));
      if (h) found.push({ path: readme, line: h.line, message: `${name}: "${h.title}"` });
      else missing.push(name);
    }
    const score = 2 + (8 * found.length) / README_SECTIONS.length;
    out.push(
      check(
        'docs.readme',
        'docs',
        score,
        [...found, ...(missing.length ? [{ path: readme, message: `missing sections: ${missing.join(', ')}` }] : [])],
        `Add README sections a newcomer needs: ${missing.join(', ') || 'none missing'}.`,
      ),
    );
  }
  const doc = (id: string, what: string, paths: string | null, fix: string, weightless = false) =>
    out.push(check(id, 'docs', paths ? 10 : weightless ? 5 : 0, [{ path: paths ?? undefined, message: paths ? `${what}: ${paths}` : `no ${what}` }], fix));
  const inRootOrGithub = (...names: string[]) => tree.find(...names.flatMap((n) => [n, `.github/${n}`, `docs/${n}`]));
  doc('docs.contributing', 'contributing guide', inRootOrGithub('CONTRIBUTING.md', 'CONTRIBUTING.rst', 'CONTRIBUTING.txt', 'CONTRIBUTING'), docsContributing.docs.fix);
  doc(
    'docs.architecture',
    'architecture notes or ADRs',
    tree.find('ARCHITECTURE.md', 'docs/architecture.md', 'docs/ARCHITECTURE.md', 'DESIGN.md', 'docs/design.md') ??
      tree.match(/(^|\/)(adr|adrs|decisions|architecture)\/[^/]+\.(md|rst|txt)$/i)[0] ??
      null,
    docsArchitecture.docs.fix,
  );
  doc('docs.changelog', 'changelog', tree.find('CHANGELOG.md', 'CHANGELOG.rst', 'CHANGELOG', 'CHANGES.md', 'CHANGES.rst', 'CHANGES', 'HISTORY.md', 'HISTORY.rst', 'NEWS.md', 'NEWS'), docsChangelog.docs.fix);
  const pp = pyproject(tree.ws);
  const licenseFile = tree.find('LICENSE', 'LICENSE.md', 'LICENSE.txt', 'LICENSE.rst', 'COPYING', 'LICENCE', 'LICENCE.md');
  const ppLicense = (pp?.project as Record<string, unknown> | undefined)?.license ? 'pyproject.toml' : null;
  doc('docs.license', 'license', licenseFile ?? ppLicense, docsLicense.docs.fix);
  doc('docs.security-policy', 'security policy', inRootOrGithub('SECURITY.md', 'SECURITY.rst', 'SECURITY.txt'), docsSecurityPolicy.docs.fix);
  return out;
}

export interface DockerSmell {
  rule: 'health.docker-unpinned-base' | 'health.docker-root-user' | 'health.docker-secret-env';
  path: string;
  line: number;
  message: string;
  detail: string;
}

const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIALS?)/i;

/** Smells of Dockerfiles and devcontainers: unpinned base image, root user, secrets baked into ENV/ARG. */
export function dockerSmells(tree: TreeIndex, deployed: (path: string) => boolean = () => true): { files: string[]; smells: DockerSmell[] } {
  const files = tree.match(/(^|\/)(Dockerfile[^/]*|[^/]+\.Dockerfile|Containerfile)$/i).filter(deployed);
  const smells: DockerSmell[] = [];
  for (const path of files) {
    const text = tree.text(path);
    if (!text) continue;
    // Join continuation lines, keeping the first line number of each instruction.
    const instrs: { line: number; text: string }[] = [];
    let cur: { line: number; text: string } | null = null;
    text.split(/\r?\n/).forEach((l, i) => {
      if (!cur) {
        if (/^\s*(#|$)/.test(l)) return;
        cur = { line: i + 1, text: '' };
      }
      const cont = /\\\s*$/.test(l);
      cur.text += (cur.text ? ' ' : '') + l.replace(/\\\s*$/, '').trim();
      if (!cont) {
        instrs.push(cur);
        cur = null;
      }
    });
    if (cur) instrs.push(cur);
    const stages = new Set<string>();
    let lastUser: { line: number; user: string } | null = null;
    let lastFrom = 0;
    for (const ins of instrs) {
      const m = /^(\w+)\s+(.*)$/.exec(ins.text);
      if (!m) continue;
      const op = m[1]!.toUpperCase();
      const arg = m[2]!;
      if (op === 'FROM') {
        lastFrom = ins.line;
        lastUser = null;
        const parts = arg.split(/\s+/).filter((p) => !p.startsWith('--'));
        const image = parts[0] ?? '';
        const alias = /\bas\s+(\S+)/i.exec(arg)?.[1];
        if (!(stages.has(image.toLowerCase()) || image === 'scratch' || image.includes('$'))) {
          const name = image.split('@')[0]!;
          const tag = name.includes(':') && !name.endsWith(':') ? name.slice(name.lastIndexOf(':') + 1) : null;
          const digest = image.includes('@sha256:');
          if (!digest && (tag === null || tag === 'latest' || name.lastIndexOf(':') < name.lastIndexOf('/'))) {
            smells.push({ rule: 'health.docker-unpinned-base', path, line: ins.line, message: `base image ${image} is ${tag === 'latest' ? 'the moving :latest tag' : 'not pinned to a tag'}`, detail: image });
          }
        }
        if (alias) stages.add(alias.toLowerCase());
      } else if (op === 'USER') lastUser = { line: ins.line, user: arg.trim() };
      else if (op === 'ENV' || op === 'ARG') {
        const pairs = arg.includes('=') ? [...arg.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S*)/g)].map((x) => [x[1]!, x[2]!] as const) : [[arg.split(/\s+/)[0]!, arg.split(/\s+/).slice(1).join(' ')] as const];
        for (const [k, v] of pairs) {
          const value = v.replace(/^["']|["']$/g, '');
          if (SECRET_NAME.test(k) && value && !value.startsWith('$') && !/^(changeme|dummy|example|none|null|false|true)$/i.test(value)) {
            smells.push({ rule: 'health.docker-secret-env', path, line: ins.line, message: `${op} ${k} sets a credential-like value in the image`, detail: k });
          }
        }
      }
    }
    if (lastFrom && (!lastUser || /^(root|0)(:|$)/.test(lastUser.user))) {
      smells.push({ rule: 'health.docker-root-user', path, line: lastUser?.line ?? lastFrom, message: lastUser ? 'the final stage switches to USER root' : 'the final stage has no USER: the container runs as root', detail: 'root' });
    }
  }
  const dc = tree.find('.devcontainer/devcontainer.json', '.devcontainer.json');
  if (dc) {
    const text = tree.text(dc) ?? '';
    const m = /"image"\s*:\s*"([^"]+)"/.exec(text);
    if (m && (!/:[^/]+$/.test(m[1]!) || /:latest$/.test(m[1]!)) && !m[1]!.includes('@sha256:')) {
      smells.push({ rule: 'health.docker-unpinned-base', path: dc, line: lineOf(text, /"image"\s*:/) ?? 1, message: `devcontainer image ${m[1]} is not pinned to a version tag`, detail: m[1]! });
    }
    files.push(dc);
  }
  return { files, smells };
}
