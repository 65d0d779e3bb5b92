import type { Node as YamlNode } from 'yaml';
import { parseDocument, LineCounter, isMap, isScalar, isSeq } from '../facts/yaml.js';
import type { Workspace } from '../sources/workspace.js';
import type { ModuleIndex } from './resolve.js';
import type { Script } from './project.js';
import { expandBraces, readmePath } from './project.js';
import type { Command } from './types.js';
import { redactText } from './redact.js';
import { parseToml } from '../core/toml.js';
import { rolesOf } from '../facts/roles.js';

/** What a command is for, from its words: install, test, run, lint, migrate, build, docs, other. */
export function purpose(cmd: string): string {
  // `uv run X`, `poetry run X`: what X is for
  const c = cmd.toLowerCase().replace(/\b(uv|poetry|pdm|hatch|pipenv|rye) run\s+/g, '');
  if (/[│├└─]/.test(c)) return 'other';
  // installing a test tool (`pip install nox`) is installing
  if (/^(sudo )?(python3? -m )?(pip3?|pipx|uv pip|uv tool|conda|brew|apt(-get)?) install\b/.test(c)) return 'install';
  if (/\b(pytest|tox|nox|unittest|coverage run|manage\.py test|make test|make check|hatch test|py\.test|poe test|playwright test)\b|\bscripts\/tests?([-_][\w-]+)?(\.sh)?\b/.test(c)) return 'test';
  if (/\b(pip3? install|pipx install|poetry install|uv (sync|pip install|python install)|pipenv install|pdm install|conda (env )?create|make install|make setup|hatch env create|setup\.py (install|develop)|pip-sync|brew install|apt(-get)? install|(npm|bun|yarn|pnpm) (install|ci)|installer\.sh)\b/.test(c)) return 'install';
  if (/\b(migrate|alembic (upgrade|revision)|makemigrations|flask db upgrade|db upgrade)\b/.test(c)) return 'migrate';
  if (/\b(ruff|flake8|pylint|mypy|black|isort|pre-commit|pyright|make lint|make format)\b/.test(c)) return 'lint';
  if (/\b(sphinx|mkdocs|make docs|make html)\b/.test(c)) return 'docs';
  if (/\b(docker (compose )?build|python -m build|poetry build|hatch build|setup\.py (sdist|bdist)|make build)\b/.test(c)) return 'build';
  if (/\bflask\b[^|;&]*\brun\b/.test(c) || /\b(runserver|uvicorn|gunicorn|hypercorn|daphne|celery|rq worker|dramatiq|docker(-| )compose (up|watch)|docker run|python -m \w|streamlit run|make run|make serve|make dev|fastapi (dev|run)|poe (start|serve|run|dev|worker|scheduler)|(npm|bun|yarn|pnpm) run dev|scripts\/(prestart|start|run)[\w-]*(\.sh)?)\b/.test(c)) return 'run';
  return 'other';
}

const SHELL_LANGS = new Set(['sh', 'bash', 'shell', 'console', 'zsh', 'shell-session', 'bash-session', 'terminal', 'sh-session', 'powershell', 'ps1', 'bat', 'cmd']);

/**
 * Shell commands shown in a README: every line of a ```sh/bash/shell block, the `$ `-prompted lines of a console
 * block or any other text, and rst `code-block:: bash` blocks. Comments and output lines are skipped; `\` joins lines.
 */
export function readmeCommands(text: string, file: string, source = 'readme'): Command[] {
  const out: Command[] = [];
  const lines = text.replace(/\r/g, '').split('\n');
  let fence: { lang: string; marker: string } | null = null;
  let rstBlock: { indent: number | null; lang: string } | null = null;
  let pending: { text: string; line: number } | null = null;
  /** After a paragraph ending in `::` (rst literal block) or a blank line (Markdown indented block): indented commands count. */
  let literal = false;
  let blank = true;
  const push = (cmd: string, line: number) => {
    const c = redactText(cmd.replace(/\s+/g, ' ').trim());
    // the `.` root of a directory tree drawn in a shell block is not a command
    if (!c || c.length > 200 || !/[A-Za-z]/.test(c)) return;
    out.push({ command: c, source, file, line, kind: purpose(c) });
  };
  const take = (raw: string, line: number, promptOnly: boolean) => {
    let t = raw.trim();
    if (pending) {
      t = `${pending.text} ${t}`;
      line = pending.line;
      pending = null;
    } else {
      const prompt = /^(?:\$|>>>?|%|PS [^>]*>|[\w@.-]+[$#])\s+(.*)$/.exec(t);
      if (prompt && !t.startsWith('>>>')) t = prompt[1]!;
      else if (promptOnly || t.startsWith('#') || t.startsWith('>>>')) return;
    }
    if (t.endsWith('\\')) {
      pending = { text: t.slice(0, -1).trim(), line };
      return;
    }
    push(t, line);
  };
  // reStructuredText has no fences: a line of backticks there is a table border
  const rst = /\.rst$/i.test(file);
  for (const [i, raw] of lines.entries()) {
    const ln = i + 1;
    const f = rst ? null : /^\s*(```+|~~~+)\s*([\w+-]*)/.exec(raw);
    if (f) {
      if (!fence) fence = { lang: (f[2] ?? '').toLowerCase(), marker: f[1]! };
      else if (raw.trim().startsWith(fence.marker)) {
        fence = null;
        pending = null;
      }
      continue;
    }
    // a fence left open (a README that forgot the closing ```) ends where Markdown prose resumes
    if (fence && PROSE.test(raw)) {
      fence = null;
      pending = null;
    }
    if (fence) {
      if (!raw.trim()) continue;
      if (/[│├└─]/.test(raw)) continue;
      if (SHELL_LANGS.has(fence.lang)) take(raw, ln, fence.lang === 'console' || fence.lang.includes('session'));
      else if (/^\s*\$ /.test(raw)) take(raw, ln, true);
      // an untyped block (```, ```text, ```no-highlight) shows commands too: those starting with a tool people type
      else if (PLAIN_LANGS.has(fence.lang) && (KNOWN_TOOL.test(raw.trim()) || pending)) take(raw, ln, false);
      continue;
    }
    const directive = /^\s*\.\. (?:code-block|code|sourcecode)::\s*(\w+)/.exec(raw);
    if (directive) {
      rstBlock = { indent: null, lang: directive[1]!.toLowerCase() };
      continue;
    }
    if (rstBlock) {
      if (!raw.trim()) continue;
      const indent = /^\s*/.exec(raw)![0].length;
      if (rstBlock.indent === null && indent > 0) rstBlock.indent = indent;
      if (rstBlock.indent !== null && indent >= rstBlock.indent) {
        if (SHELL_LANGS.has(rstBlock.lang)) take(raw, ln, rstBlock.lang === 'console');
        // `.. code-block:: text` showing `$ . .venv/bin/activate`: the prompt says it is typed
        else if (/^\s*\$ /.test(raw)) take(raw, ln, true);
        continue;
      }
      rstBlock = null;
    }
    if (/^\s*\$ \S/.test(raw)) take(raw, ln, true);
    else if (raw.includes('`') && !/^( {4}|\t)/.test(raw)) {
      // inline code in prose: "Install the requirements `pip install -r requirements.txt`"
      // a wrapper named without what it runs ("run it with `uv run`", "when you run `docker compose`") is a mention
      for (const m of raw.matchAll(/`([^`]+)`/g)) if ((KNOWN_TOOL.test(`${m[1]!.trim()} `) && /\s/.test(m[1]!.trim()) && !BARE_WRAPPER.test(m[1]!.trim())) || /^bash \S+\.sh\b/.test(m[1]!.trim())) push(m[1]!, ln);
    } else if ((literal || blank) && /^( {4}|\t)\s*/.test(raw) && KNOWN_TOOL.test(raw.trim())) take(raw, ln, false);
    if (raw.trim()) {
      if (!/^( {4}|\t)/.test(raw)) literal = /::\s*$/.test(raw);
      blank = false;
    } else blank = true;
  }
  return out;
}

const BARE_WRAPPER = /^(docker[- ]compose|(uv|poetry|pdm|hatch|pipenv|rye) run)$/;

/** Markdown prose that cannot be shell: a sub-heading, a numbered step, a link or an HTML entity. */
const PROSE = /^#{2,6}\s+\w|^\d+\.\s+[A-Z]|\]\(|&[a-z]+;|<https?:/;
/** An unprompted line in an indented block is a command only when it starts with a tool people type. */
const PLAIN_LANGS = new Set(['', 'text', 'no-highlight', 'none', 'plain', 'plaintext', 'nohighlight']);
const KNOWN_TOOL = /^(\.\/manage\.py|pip3?|python3?|pytest|tox|nox|make|poetry|uv|uvx|pipenv|pdm|hatch|docker|docker-compose|flask|django-admin|celery|gunicorn|uvicorn|pre-commit|just)\s/;

/** Makefile targets (not special, pattern or variable rules), each with its first recipe line. */
export function makeTargets(text: string, file: string): Command[] {
  const out: Command[] = [];
  const lines = text.replace(/\r/g, '').split('\n');
  for (const [i, l] of lines.entries()) {
    const m = /^([A-Za-z0-9][\w./-]*(?:\s+[A-Za-z0-9][\w./-]*)*)\s*:(?![=:])/.exec(l);
    if (!m) continue;
    let recipe: string | undefined;
    for (let j = i + 1; j < lines.length && /^\t/.test(lines[j]!); j++) {
      const r = redactText(lines[j]!.trim().replace(/^[@-]+/, ''));
      if (r && !r.startsWith('#')) {
        recipe = r;
        break;
      }
    }
    for (const target of m[1]!.split(/\s+/)) {
      if (target.includes('%') || target.includes('/') || target.includes('.')) continue;
      const cmd = `make ${target}`;
      out.push({ command: cmd, source: 'makefile', file, line: i + 1, kind: purpose(`${cmd} ${recipe ?? ''}`), ...(recipe ? { detail: recipe } : {}) });
    }
  }
  return out;
}

function toxEnvs(text: string, file: string): Command[] {
  const out: Command[] = [];
  const lines = text.replace(/\r/g, '').split('\n');
  const seen = new Set<string>();
  let envlistLine = 0;
  let envlist = '';
  for (const [i, l] of lines.entries()) {
    const sec = /^\[testenv:([^\]]+)\]/.exec(l);
    if (sec) {
      const name = sec[1]!.trim();
      if (!seen.has(name)) out.push({ command: `tox -e ${name}`, source: 'tox', file, line: i + 1, kind: toxKind(name) });
      seen.add(name);
    }
    const el = /^envlist\s*=\s*(.*)$/.exec(l);
    if (el) {
      envlistLine = i + 1;
      envlist = el[1]!;
      for (let j = i + 1; j < lines.length && /^\s+\S/.test(lines[j]!); j++) envlist += `,${lines[j]!.trim()}`;
    }
  }
  if (envlistLine) out.unshift({ command: 'tox', source: 'tox', file, line: envlistLine, kind: 'test', detail: expandBraces(envlist).join(', ') });
  return out;
}

/** tox configured in pyproject.toml: `[tool.tox]` (tox 4: env_list, [tool.tox.env.NAME]) or `legacy_tox_ini`. */
export function pyprojectTox(text: string, file: string): Command[] {
  const lines = text.replace(/\r/g, '').split('\n');
  const lineOf = (re: RegExp) => lines.findIndex((l) => re.test(l)) + 1 || undefined;
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch {
    return [];
  }
  const tox = (doc.tool as Record<string, unknown> | undefined)?.tox as Record<string, unknown> | undefined;
  if (!tox) return [];
  if (typeof tox.legacy_tox_ini === 'string') {
    const at = lineOf(/^legacy_tox_ini\s*=/) ?? 1;
    return toxEnvs(tox.legacy_tox_ini, file).map((c) => ({ ...c, line: (c.line ?? 1) + at }));
  }
  const out: Command[] = [];
  const list = (tox.env_list ?? tox.envlist) as unknown;
  if (Array.isArray(list)) out.push({ command: 'tox', source: 'tox', file, line: lineOf(/^\[tool\.tox\]/), kind: 'test', detail: list.map(String).join(', ') });
  for (const name of Object.keys((tox.env as Record<string, unknown> | undefined) ?? {})) {
    const at = lineOf(new RegExp(`^\\[tool\\.tox\\.env\\.["']?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\]`));
    out.push({ command: `tox -e ${name}`, source: 'tox', file, line: at, kind: toxKind(name) });
  }
  return out;
}

const toxKind = (name: string): string => (/lint|flake|mypy|typ|style|format|pre-commit/.test(name) ? 'lint' : /^docs?\b/.test(name) ? 'docs' : /^update|^release|^build/.test(name) ? 'other' : 'test');

/** poethepoet tasks (`[tool.poe.tasks]`), PDM scripts and Hatch environment scripts: named commands a project runs. */
export function pyprojectTasks(text: string, file: string): Command[] {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch {
    return [];
  }
  const lines = text.replace(/\r/g, '').split('\n');
  const tool = (doc.tool ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const out: Command[] = [];
  const add = (runner: string, tasks: unknown, source: string) => {
    if (!tasks || typeof tasks !== 'object') return;
    for (const [name, t] of Object.entries(tasks as Record<string, unknown>)) {
      const body = typeof t === 'string' ? t : t && typeof t === 'object' ? String((t as Record<string, unknown>).cmd ?? (t as Record<string, unknown>).shell ?? (t as Record<string, unknown>).script ?? '') : '';
      const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const at = lines.findIndex((l) => new RegExp(`^\\s*["']?${esc}["']?\\s*=|\\.["']?${esc}["']?\\]\\s*$`).test(l)) + 1 || undefined;
      const cmd = `${runner} ${name}`;
      out.push({ command: cmd, source, file, line: at, kind: purpose(`${name} ${body}`) === 'other' ? purpose(cmd) : purpose(`${name} ${body}`), ...(body ? { detail: redactText(body.replace(/\s+/g, ' ').trim()).slice(0, 160) } : {}) });
    }
  };
  add('poe', tool.poe?.tasks, 'poe');
  add('pdm run', tool.pdm?.scripts, 'pyproject');
  for (const [env, cfg] of Object.entries((tool.hatch?.envs ?? {}) as Record<string, Record<string, unknown>>)) add(env === 'default' ? 'hatch run' : `hatch run ${env}:`, cfg?.scripts, 'pyproject');
  return out.map((c) => ({ ...c, command: c.command.replace(/: /, ':') }));
}

/** `just` recipes, each with its first recipe line. */
export function justRecipes(text: string, file: string): Command[] {
  const out: Command[] = [];
  const lines = text.replace(/\r/g, '').split('\n');
  for (const [i, l] of lines.entries()) {
    const m = /^@?([A-Za-z_][\w-]*)(?:\s+[^:=]*)?:(?!=)/.exec(l);
    if (!m || /^(set|export|alias|import|mod)\b/.test(l)) continue;
    const recipe = lines.slice(i + 1).find((r) => /^\s+\S/.test(r) && !/^\s+#/.test(r))?.trim();
    const cmd = `just ${m[1]}`;
    out.push({ command: cmd, source: 'justfile', file, line: i + 1, kind: purpose(`${m[1]} ${recipe ?? ''}`) === 'other' ? purpose(cmd) : purpose(`${m[1]} ${recipe ?? ''}`), ...(recipe ? { detail: redactText(recipe) } : {}) });
  }
  return out;
}

/** What a script is for, from its name first (`scripts/test.sh`), then from what it runs. */
export function scriptPurpose(name: string, body: string): string {
  const n = name.toLowerCase();
  if (/(^|[-_])tests?([-_.]|$)/.test(n)) return 'test';
  if (/lint|format|check-style|typecheck/.test(n)) return 'lint';
  if (/install|setup|bootstrap/.test(n)) return 'install';
  if (/migrat/.test(n)) return 'migrate';
  if (/(^|[-_])(run|start|serve|prestart|entrypoint|dev)([-_.]|$)/.test(n)) return 'run';
  if (/docs?([-_.]|$)/.test(n)) return 'docs';
  if (/build|release|deploy/.test(n)) return 'build';
  const fromBody = body.split('\n').map((l) => purpose(l)).find((k) => k !== 'other');
  return fromBody ?? 'other';
}

/** Dockerfile CMD/ENTRYPOINT as one command line (exec form joined). */
function dockerCommands(text: string, file: string): Command[] {
  const out: Command[] = [];
  const lines = text.replace(/\r/g, '').split('\n');
  for (const [i, l] of lines.entries()) {
    const m = /^\s*(CMD|ENTRYPOINT)\s+(.*)$/i.exec(l);
    if (!m) continue;
    let body = m[2]!.trim();
    for (let j = i + 1; body.endsWith('\\') && j < lines.length; j++) body = `${body.slice(0, -1)} ${lines[j]!.trim()}`;
    let cmd = body;
    if (body.startsWith('[')) {
      try {
        const arr = JSON.parse(body) as unknown;
        if (Array.isArray(arr)) cmd = arr.map(String).join(' ');
      } catch {
        // shell form with a bracket: keep as written
      }
    }
    out.push({ command: redactText(cmd), source: 'dockerfile', file, line: i + 1, kind: 'run', detail: m[1]!.toUpperCase() });
  }
  return out;
}

/** `built`: the service has a `build:` section (the project's own image, not a service it needs). */
export interface ComposeService { name: string; image: string | null; command: string | null; line: number; file: string; built: boolean }

export function composeServices(ws: Workspace, file: string, errors: boolean): ComposeService[] {
  const text = ws.text(file);
  if (text === null) return [];
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, schema: 'failsafe' });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    if (errors) ws.errors.push({ path: file, line: e.linePos?.[0]?.line, message: `brief: YAML error: ${e.message.split('\n')[0]}` });
    return [];
  }
  const services = isMap(doc.contents) ? doc.contents.get('services', true) : null;
  if (!isMap(services)) return [];
  const out: ComposeService[] = [];
  for (const item of services.items) {
    const name = isScalar(item.key) ? String(item.key.value) : null;
    if (!name) continue;
    const line = item.key && (item.key as YamlNode).range ? lc.linePos((item.key as YamlNode).range![0]).line : 1;
    const svc = item.value;
    let command: string | null = null;
    let image: string | null = null;
    const built = isMap(svc) && svc.has('build');
    if (isMap(svc)) {
      const c = svc.get('command', true) as unknown;
      if (isScalar(c)) command = String(c.value);
      else if (isSeq(c)) command = c.items.map((x) => (isScalar(x) ? String(x.value) : '')).join(' ');
      const im = svc.get('image', true) as unknown;
      if (isScalar(im)) image = String(im.value);
    }
    out.push({ name, image, command: command === null ? null : redactText(command), line, file, built });
  }
  return out;
}

export const COMPOSE_FILE = /^(docker-)?compose(\.[\w-]+)?\.ya?ml$/;

/** Every way the project documents or defines to run it, each with where it was found. */
export function runCommands(ws: Workspace, ix: ModuleIndex, scripts: Script[], gaps: string[]): Command[] {
  const out: Command[] = [];
  const roles = rolesOf(ws);
  // Tool folders (.semgrep/, .devcontainer/, .worktree-container/) and test fixtures hold other projects' commands.
  const ours = (p: string) => !/(^|\/)\.(?!github\/)[^/]+\//.test(p) && !['test', 'fixture', 'vendored', 'example'].includes(roles.role(p));
  const readme = readmePath(ws);
  if (readme) out.push(...readmeCommands(ws.text(readme) ?? '', readme));
  // How to contribute, develop, install and test: CONTRIBUTING, development notes, a sub-project's README, docs pages
  const DOC = /(^|\/)(contributing|development|developing|hacking|install|installation|getting[-_]started|quickstart|testing|setup)(\.[a-z]+)?$/i;
  for (const f of ws.select((p, b) => /\.(md|rst|txt)$/i.test(b) && p !== readme && p.split('/').length <= 3 && ours(p) && (DOC.test(p.replace(/\.(md|rst|txt)$/i, '')) || (/^readme\./i.test(b) && p.split('/').length === 2)))) {
    out.push(...readmeCommands(ws.text(f.path) ?? '', f.path, 'docs'));
  }
  for (const f of ws.select((p, b) => (b === 'Makefile' || b === 'makefile' || b === 'GNUmakefile') && p.split('/').length <= 2 && ours(p))) out.push(...makeTargets(ws.text(f.path) ?? '', f.path));
  for (const f of ws.select((p, b) => /^(justfile|\.justfile)$/i.test(b) && p.split('/').length <= 2)) out.push(...justRecipes(ws.text(f.path) ?? '', f.path));
  for (const s of scripts) out.push({ command: s.name, source: s.file === 'pyproject.toml' ? 'pyproject' : s.file, file: s.file, line: s.line, kind: 'run', detail: s.target });
  for (const f of ws.select((p, b) => b === 'tox.ini' && p.split('/').length <= 2)) out.push(...toxEnvs(ws.text(f.path) ?? '', f.path));
  for (const f of ws.select((p, b) => b === 'pyproject.toml' && p.split('/').length <= 2 && ours(p))) {
    const text = ws.text(f.path) ?? '';
    out.push(...pyprojectTox(text, f.path), ...pyprojectTasks(text, f.path));
  }
  for (const m of ix.mods) {
    for (const s of m.facts.noxSessions ?? []) out.push({ command: `nox -s ${s.name}`, source: 'nox', file: m.path, line: s.line, kind: /lint|type|mypy|format|style/.test(s.name) ? 'lint' : /doc/.test(s.name) ? 'docs' : 'test' });
  }
  // scripts/test.sh, backend/scripts/prestart.sh: what the maintainers run themselves
  for (const f of ws.select((p, b) => /\.(sh|bash)$/.test(b) && /^([^/]+\/)?scripts\/[^/]+$/.test(p))) {
    out.push({ command: `bash ${f.path}`, source: 'script', file: f.path, line: 1, kind: scriptPurpose(f.path.slice(f.path.lastIndexOf('/') + 1), ws.text(f.path) ?? '') });
  }
  for (const f of ws.select((p, b) => (/^Dockerfile/.test(b) || b.endsWith('.Dockerfile')) && ours(p))) out.push(...dockerCommands(ws.text(f.path) ?? '', f.path));
  for (const f of ws.select((p, b) => COMPOSE_FILE.test(b) && p.split('/').length <= 2 && ours(p))) {
    const text = ws.text(f.path) ?? '';
    for (const s of composeServices(ws, f.path, true)) {
      out.push({ command: `docker compose up ${s.name}`, source: 'compose', file: f.path, line: s.line, kind: 'run', ...(s.command ? { detail: s.command } : s.image ? { detail: `image ${s.image}` } : {}) });
    }
    // Compose's file-watch mode: `docker compose watch` is how the project wants to be developed
    const watch = text.split('\n').findIndex((l) => /^\s+develop:\s*$/.test(l));
    if (watch >= 0) out.push({ command: 'docker compose watch', source: 'compose', file: f.path, line: watch + 1, kind: 'run', detail: 'services with develop.watch rebuild on change' });
  }
  for (const f of ws.select((p, b) => b === 'Procfile' && !p.includes('/'))) {
    for (const [i, l] of (ws.text(f.path) ?? '').split('\n').entries()) {
      const m = /^([\w-]+):\s*(.+)$/.exec(l.trim());
      if (m) out.push({ command: redactText(m[2]!.trim()), source: 'procfile', file: f.path, line: i + 1, kind: m[1] === 'release' ? 'migrate' : 'run', detail: m[1]! });
    }
  }
  // pytest configured (pyproject [tool.pytest…], pytest.ini, setup.cfg [tool:pytest]) is the test command when none is documented
  if (!out.some((c) => c.kind === 'test')) {
    const cfg = ['pyproject.toml', 'pytest.ini', 'setup.cfg', 'tox.ini'].find((p) => /^\[(tool\.pytest(\.ini_options)?|pytest|tool:pytest)\]/m.test(ws.text(p) ?? ''));
    if (cfg) {
      const at = (ws.text(cfg) ?? '').split('\n').findIndex((l) => /^\[(tool\.pytest|pytest|tool:pytest)/.test(l)) + 1;
      out.push({ command: 'pytest', source: 'pytest', file: cfg, line: at, kind: 'test', detail: 'pytest is configured here' });
    }
  }
  const manage = ws.select((p, b) => b === 'manage.py' && p.split('/').length <= 2)[0];
  if (manage) {
    const hasCmd = (re: RegExp) => out.some((c) => re.test(c.command));
    if (!hasCmd(/runserver/)) out.push({ command: 'python manage.py runserver', source: 'manage.py', file: manage.path, kind: 'run', detail: 'Django default' });
    if (!hasCmd(/manage\.py test|pytest/) && !out.some((c) => c.kind === 'test')) out.push({ command: 'python manage.py test', source: 'manage.py', file: manage.path, kind: 'test', detail: 'Django default' });
  }
  for (const k of ['install', 'test', 'run'] as const) {
    if (!out.some((c) => c.kind === k)) gaps.push(`no documented ${k} command (README, CONTRIBUTING, docs, Makefile, justfile, tox/nox, pyproject tasks, scripts/, Docker, Procfile)`);
  }
  return out;
}
