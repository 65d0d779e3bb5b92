import { parseDocument, LineCounter, isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { Workspace } from '../sources/workspace.js';
import type { ModuleIndex } from './resolve.js';
import type { Script } from './project.js';
import { expandBraces, readmePath } from './project.js';
import type { Command } from './types.js';
import { redactText } from './redact.js';

/** What a command is for, from its words: install, test, run, lint, migrate, build, docs, other. */
export function purpose(cmd: string): string {
  const c = cmd.toLowerCase();
  if (/\b(pytest|tox|nox|unittest|coverage run|manage\.py test|make test|make check|hatch test|py\.test)\b/.test(c)) return 'test';
  if (/\b(pip3? install|poetry install|uv (sync|pip install)|pipenv install|pdm install|conda (env )?create|make install|make setup|hatch env create|setup\.py (install|develop)|pip-sync)\b/.test(c)) return 'install';
  if (/\b(migrate|alembic upgrade|makemigrations|flask db upgrade|db upgrade)\b/.test(c)) return 'migrate';
  if (/\b(ruff|flake8|pylint|mypy|black|isort|pre-commit|pyright|make lint|make format)\b/.test(c)) return 'lint';
  if (/\b(sphinx|mkdocs|make docs|make html)\b/.test(c)) return 'docs';
  if (/\b(docker (compose )?build|python -m build|poetry build|hatch build|setup\.py (sdist|bdist)|make build)\b/.test(c)) return 'build';
  if (/\bflask\b[^|;&]*\brun\b/.test(c) || /\b(runserver|uvicorn|gunicorn|hypercorn|daphne|celery|rq worker|dramatiq|docker(-| )compose up|docker run|python -m \w|streamlit run|make run|make serve|make dev)\b/.test(c)) return 'run';
  return 'other';
}

const SHELL_LANGS = new Set(['sh', 'bash', 'shell', 'console', 'zsh', 'shell-session', 'bash-session', 'terminal', 'sh-session', 'powershell', 'ps1', 'bat', 'cmd']);

/**
 * Shell commands shown in a README: every line of a ```sh/bash/shell block, the `$ `-prompted lines of a console
 * block or any other text, and rst `code-block:: bash` blocks. Comments and output lines are skipped; `\` joins lines.
 */
export function readmeCommands(text: string, file: string): Command[] {
  const out: Command[] = [];
  const lines = text.replace(/\r/g, '').split('\n');
  let fence: { lang: string; marker: string } | null = null;
  let rstBlock: { indent: number | null; lang: string } | null = null;
  let pending: { text: string; line: number } | null = null;
  const push = (cmd: string, line: number) => {
    const c = redactText(cmd.replace(/\s+/g, ' ').trim());
    if (!c || c.length > 200) return;
    out.push({ command: c, source: 'readme', file, line, kind: purpose(c) });
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
  for (const [i, raw] of lines.entries()) {
    const ln = i + 1;
    const f = /^\s*(```+|~~~+)\s*([\w+-]*)/.exec(raw);
    if (f) {
      if (!fence) fence = { lang: (f[2] ?? '').toLowerCase(), marker: f[1]! };
      else if (raw.trim().startsWith(fence.marker)) {
        fence = null;
        pending = null;
      }
      continue;
    }
    if (fence) {
      if (!raw.trim()) continue;
      if (SHELL_LANGS.has(fence.lang)) take(raw, ln, fence.lang === 'console' || fence.lang.includes('session'));
      else if (/^\s*\$ /.test(raw)) take(raw, ln, true);
      continue;
    }
    const rst = /^\s*\.\. (?:code-block|code|sourcecode)::\s*(\w+)/.exec(raw);
    if (rst) {
      rstBlock = { indent: null, lang: rst[1]!.toLowerCase() };
      continue;
    }
    if (rstBlock) {
      if (!raw.trim()) continue;
      const indent = /^\s*/.exec(raw)![0].length;
      if (rstBlock.indent === null && indent > 0) rstBlock.indent = indent;
      if (rstBlock.indent !== null && indent >= rstBlock.indent) {
        if (SHELL_LANGS.has(rstBlock.lang)) take(raw, ln, rstBlock.lang === 'console');
        continue;
      }
      rstBlock = null;
    }
    if (/^\s*\$ \S/.test(raw)) take(raw, ln, true);
  }
  return out;
}

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
      if (!seen.has(name)) out.push({ command: `tox -e ${name}`, source: 'tox', file, line: i + 1, kind: /lint|flake|mypy|type|style|format/.test(name) ? 'lint' : /^docs?$/.test(name) ? 'docs' : 'test' });
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

export interface ComposeService { name: string; image: string | null; command: string | null; line: number; file: string }

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
    if (isMap(svc)) {
      const c = svc.get('command', true) as unknown;
      if (isScalar(c)) command = String(c.value);
      else if (isSeq(c)) command = c.items.map((x) => (isScalar(x) ? String(x.value) : '')).join(' ');
      const im = svc.get('image', true) as unknown;
      if (isScalar(im)) image = String(im.value);
    }
    out.push({ name, image, command: command === null ? null : redactText(command), line, file });
  }
  return out;
}

export const COMPOSE_FILE = /^(docker-)?compose(\.[\w-]+)?\.ya?ml$/;

/** Every way the project documents or defines to run it, each with where it was found. */
export function runCommands(ws: Workspace, ix: ModuleIndex, scripts: Script[], gaps: string[]): Command[] {
  const out: Command[] = [];
  const readme = readmePath(ws);
  if (readme) out.push(...readmeCommands(ws.text(readme) ?? '', readme));
  for (const f of ws.select((p, b) => (b === 'Makefile' || b === 'makefile' || b === 'GNUmakefile') && p.split('/').length <= 2)) out.push(...makeTargets(ws.text(f.path) ?? '', f.path));
  for (const s of scripts) out.push({ command: s.name, source: s.file === 'pyproject.toml' ? 'pyproject' : s.file, file: s.file, line: s.line, kind: 'run', detail: s.target });
  if (ws.byPath.has('tox.ini')) out.push(...toxEnvs(ws.text('tox.ini') ?? '', 'tox.ini'));
  for (const m of ix.mods) {
    for (const s of m.facts.noxSessions) out.push({ command: `nox -s ${s.name}`, source: 'nox', file: m.path, line: s.line, kind: /lint|type|mypy|format|style/.test(s.name) ? 'lint' : /doc/.test(s.name) ? 'docs' : 'test' });
  }
  for (const f of ws.select((_p, b) => /^Dockerfile/.test(b) || b.endsWith('.Dockerfile'))) out.push(...dockerCommands(ws.text(f.path) ?? '', f.path));
  for (const f of ws.select((p, b) => COMPOSE_FILE.test(b) && p.split('/').length <= 2)) {
    for (const s of composeServices(ws, f.path, true)) {
      out.push({ command: `docker compose up ${s.name}`, source: 'compose', file: f.path, line: s.line, kind: 'run', ...(s.command ? { detail: s.command } : s.image ? { detail: `image ${s.image}` } : {}) });
    }
  }
  for (const f of ws.select((p, b) => b === 'Procfile' && !p.includes('/'))) {
    for (const [i, l] of (ws.text(f.path) ?? '').split('\n').entries()) {
      const m = /^([\w-]+):\s*(.+)$/.exec(l.trim());
      if (m) out.push({ command: redactText(m[2]!.trim()), source: 'procfile', file: f.path, line: i + 1, kind: m[1] === 'release' ? 'migrate' : 'run', detail: m[1]! });
    }
  }
  const manage = ws.select((p, b) => b === 'manage.py' && p.split('/').length <= 2)[0];
  if (manage) {
    const hasCmd = (re: RegExp) => out.some((c) => re.test(c.command));
    if (!hasCmd(/runserver/)) out.push({ command: 'python manage.py runserver', source: 'manage.py', file: manage.path, kind: 'run', detail: 'Django default' });
    if (!hasCmd(/manage\.py test|pytest/)) out.push({ command: 'python manage.py test', source: 'manage.py', file: manage.path, kind: 'test', detail: 'Django default' });
  }
  for (const k of ['install', 'test', 'run'] as const) {
    if (!out.some((c) => c.kind === k)) gaps.push(`no documented ${k} command (README, Makefile, tox/nox, scripts, Docker, Procfile)`);
  }
  return out;
}
