import path from 'node:path';
import { parseToml } from '../core/toml.js';
import { parse as parseYaml } from '../facts/yaml.js';
import type { Workspace } from '../sources/workspace.js';
import { parseIni } from '../facts/config.js';
import type { Dependency } from '../deps/types.js';
import type { ModuleIndex } from './resolve.js';
import type { Framework, PythonVersions } from './types.js';

type Table = Record<string, unknown>;
const isTable = (v: unknown): v is Table => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** A console script declared by the project: `name = "pkg.cli:main"`. */
export interface Script { name: string; target: string; file: string; line: number; gui: boolean }

/** Project metadata read from pyproject.toml, setup.cfg and setup.py (never executed). */
export interface Manifest {
  name: string | null;
  description: string | null;
  requiresPython: string | null;
  classifiers: string[];
  scripts: Script[];
}

/** 1-based line of `key =` inside `[section]` of an INI/TOML text (the first line of the section when not found). */
export function keyLine(text: string, section: string, key: string): number {
  const lines = text.split('\n');
  let inSection = false;
  let sectionLine = 1;
  const keyRe = new RegExp(`^\\s*["']?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*[=:]`);
  for (const [i, l] of lines.entries()) {
    const h = /^\s*\[([^\]]+)\]\s*$/.exec(l);
    if (h) {
      inSection = h[1]!.trim().replace(/\s+/g, '') === section;
      if (inSection) sectionLine = i + 1;
      continue;
    }
    if (inSection && keyRe.test(l)) return i + 1;
  }
  return sectionLine;
}

/** An INI file's values by section and key, from the one INI reader the facts layer has. */
function readIni(text: string): Map<string, Map<string, string>> {
  return new Map([...parseIni(text)].map(([name, keys]) => [name, new Map([...keys].map(([k, v]) => [k, v.value]))]));
}

export function readManifest(ws: Workspace, gaps: string[]): Manifest {
  const m: Manifest = { name: null, description: null, requiresPython: null, classifiers: [], scripts: [] };
  const pyText = ws.byPath.has('pyproject.toml') ? ws.text('pyproject.toml') : null;
  if (pyText !== null) {
    let doc: Table = {};
    try {
      doc = parseToml(pyText) as Table;
    } catch (err) {
      gaps.push(`pyproject.toml could not be parsed (${(err as Error).message.split('\n')[0]}): project metadata from it is missing`);
    }
    const project = isTable(doc.project) ? doc.project : {};
    const tool = isTable(doc.tool) ? doc.tool : {};
    const poetry = isTable(tool.poetry) ? tool.poetry : {};
    m.name = str(project.name) ?? str(poetry.name);
    m.description = str(project.description) ?? str(poetry.description);
    m.requiresPython = str(project['requires-python']);
    const poetryDeps = isTable(poetry.dependencies) ? poetry.dependencies : {};
    m.requiresPython ??= str(poetryDeps.python);
    const cls = Array.isArray(project.classifiers) ? project.classifiers : Array.isArray(poetry.classifiers) ? poetry.classifiers : [];
    m.classifiers.push(...cls.filter((c): c is string => typeof c === 'string'));
    const add = (table: unknown, section: string, gui: boolean) => {
      if (!isTable(table)) return;
      for (const [name, target] of Object.entries(table)) {
        const t = typeof target === 'string' ? target : isTable(target) ? str(target.reference) ?? str(target.callable) : null;
        if (t) m.scripts.push({ name, target: t, file: 'pyproject.toml', line: keyLine(pyText, section, name), gui });
      }
    };
    add(project.scripts, 'project.scripts', false);
    add(project['gui-scripts'], 'project.gui-scripts', true);
    add(poetry.scripts, 'tool.poetry.scripts', false);
  }
  const cfgText = ws.byPath.has('setup.cfg') ? ws.text('setup.cfg') : null;
  if (cfgText !== null) {
    const ini = readIni(cfgText);
    const meta = ini.get('metadata');
    m.name ??= meta?.get('name') || null;
    m.description ??= meta?.get('description') || null;
    m.requiresPython ??= ini.get('options')?.get('python_requires') || null;
    if (!m.classifiers.length) m.classifiers.push(...(meta?.get('classifiers') ?? '').split('\n').map((s) => s.trim()).filter(Boolean));
    const eps = ini.get('options.entry_points');
    for (const [group, gui] of [['console_scripts', false], ['gui_scripts', true]] as const) {
      for (const l of (eps?.get(group) ?? '').split('\n')) {
        const kv = /^([\w.-]+)\s*=\s*([\w.]+:[\w.]+)/.exec(l.trim());
        if (kv) m.scripts.push({ name: kv[1]!, target: kv[2]!, file: 'setup.cfg', line: lineOf(cfgText, l.trim()), gui });
      }
    }
  }
  const setupPy = ws.byPath.has('setup.py') ? ws.text('setup.py') : null;
  if (setupPy !== null) {
    // setup.py is read as text, never run: only literal keyword arguments are seen.
    m.name ??= /\bname\s*=\s*['"]([^'"]+)['"]/.exec(setupPy)?.[1] ?? null;
    m.description ??= /\bdescription\s*=\s*['"]([^'"]+)['"]/.exec(setupPy)?.[1] ?? null;
    m.requiresPython ??= /\bpython_requires\s*=\s*['"]([^'"]+)['"]/.exec(setupPy)?.[1] ?? null;
    if (!m.classifiers.length) for (const c of setupPy.matchAll(/['"](Programming Language :: Python[^'"]*)['"]/g)) m.classifiers.push(c[1]!);
    const block = /console_scripts['"]?\s*[:=]\s*\[([^\]]*)\]/s.exec(setupPy)?.[1] ?? '';
    for (const c of block.matchAll(/['"]\s*([\w.-]+)\s*=\s*([\w.]+:[\w.]+)\s*['"]/g)) {
      if (!m.scripts.some((s) => s.name === c[1])) m.scripts.push({ name: c[1]!, target: c[2]!, file: 'setup.py', line: lineOf(setupPy, c[0]), gui: false });
    }
    // entry_points as an INI string: entry_points="""[console_scripts]\nadev=pkg.cli:cli"""
    const iniEps = /\[console_scripts\]([^[]*?)(?:\[|"""|''')/s.exec(setupPy)?.[1] ?? '';
    for (const c of iniEps.matchAll(/^[ \t]*([\w.-]+)[ \t]*=[ \t]*([\w.]+:[\w.]+)/gm)) {
      if (!m.scripts.some((s) => s.name === c[1])) m.scripts.push({ name: c[1]!, target: c[2]!, file: 'setup.py', line: lineOf(setupPy, c[0].trim()), gui: false });
    }
  }
  return m;
}

export function lineOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  return i < 0 ? 1 : text.slice(0, i).split('\n').length;
}

const README_NAMES = /^readme(\.(md|markdown|rst|txt))?$/i;

export function readmePath(ws: Workspace): string | null {
  return ws.files.find((f) => !f.path.includes('/') && README_NAMES.test(f.path))?.path ?? null;
}

/** The first paragraph of prose of a README: headings, badges, HTML and directives skipped. */
export function readmeParagraph(text: string): string | null {
  const lines = text.replace(/\r/g, '').split('\n');
  const para: string[] = [];
  let inFence = false;
  for (const [i, l] of lines.entries()) {
    const t = l.trim();
    // an rst title is a line underlined (or overlined) with punctuation
    const rstTitle = /^[=\-~^*#"`+]{3,}$/.test(lines[i + 1]?.trim() ?? '');
    if (/^(```|~~~)/.test(t)) {
      inFence = !inFence;
      if (para.length) break;
      continue;
    }
    if (inFence) continue;
    const skip = !t || rstTitle || t.startsWith('#') || /^[=\-~^*`#]{3,}$/.test(t) || t.startsWith('<') || /^\[?!\[/.test(t) || t.startsWith('..') || t.startsWith(':') || t.startsWith('|') || /^[-*+] /.test(t) || /^>/.test(t);
    if (skip) {
      if (para.length) break;
      continue;
    }
    para.push(t);
  }
  if (!para.length) return null;
  const s = para.join(' ').replace(/\[([^\]]+)\]\([^)]*\)/g, '$1').replace(/`{1,2}([^`]+)`{1,2}/g, '$1');
  return s.length > 600 ? `${s.slice(0, 597)}…` : s;
}

/** The README's first heading, as a name of last resort. */
function readmeTitle(text: string): string | null {
  const h = /^#\s+(.+)$/m.exec(text);
  return h ? h[1]!.trim() : null;
}

export function projectName(ws: Workspace, manifest: Manifest, readme: string | null): string {
  return manifest.name ?? (readme ? readmeTitle(readme) : null) ?? path.basename(ws.root);
}

// --- Python versions -------------------------------------------------------

type V = [number, number];
const parseV = (s: string): V | null => {
  const m = /^(\d+)(?:\.(\d+))?/.exec(s.trim());
  return m ? [Number(m[1]), Number(m[2] ?? 0)] : null;
};
const cmp = (a: V, b: V): number => a[0] - b[0] || a[1] - b[1];

/**
 * Does a Python minor line (3.10) satisfy a requires-python specifier (PEP 440 or Poetry)? Compared at minor
 * precision: `>=3.9.2` admits 3.9 (some 3.9 release satisfies it). Unknown syntax admits everything.
 */
export function admits(spec: string, version: string): boolean {
  const v = parseV(version);
  if (!v) return true;
  for (const clause of spec.split(',').map((c) => c.trim()).filter(Boolean)) {
    const m = /^(~=|==|!=|<=|>=|<|>|\^|~)?\s*v?([\d.*]+)$/.exec(clause);
    if (!m) continue;
    const op = m[1] ?? '==';
    const raw = m[2]!;
    const b = parseV(raw);
    if (!b) continue;
    const patch = raw.split('.').length > 2 && !raw.endsWith('.*') && Number(raw.split('.')[2]) > 0;
    const c = cmp(v, b);
    const majorOnly = !raw.includes('.') || raw.split('.')[1] === '*';
    switch (op) {
      case '>=':
        if (c < 0) return false;
        break;
      case '>':
        if (patch ? c < 0 : c <= 0) return false;
        break;
      case '<':
        if (patch ? c > 0 : c >= 0) return false;
        break;
      case '<=':
        if (c > 0) return false;
        break;
      case '==':
        if (majorOnly ? v[0] !== b[0] : c !== 0) return false;
        break;
      case '!=':
        if (!patch && (majorOnly ? v[0] === b[0] : c === 0)) return false;
        break;
      case '~=':
      case '^':
        if (c < 0 || v[0] !== b[0]) return false;
        break;
      case '~':
        if (c !== 0) return false;
        break;
    }
  }
  return true;
}

function yamlVersions(node: unknown, out: Set<string>, inMatrix = false): void {
  if (Array.isArray(node)) {
    for (const x of node) yamlVersions(x, out, inMatrix);
    return;
  }
  if (!isTable(node)) return;
  for (const [k, v] of Object.entries(node)) {
    const isKey = /^python(-version|_version|-versions)?$/i.test(k);
    if (isKey && (inMatrix || k.toLowerCase() === 'python-version')) {
      for (const s of Array.isArray(v) ? v : [v]) if (typeof s === 'string' && /^\d+\.\d+/.test(s)) out.add(/^\d+\.\d+/.exec(s)![0]);
    }
    yamlVersions(v, out, inMatrix || k === 'matrix');
  }
}

export function pythonVersions(ws: Workspace, manifest: Manifest, gaps: string[]): PythonVersions {
  const pv: PythonVersions = { requiresPython: manifest.requiresPython, classifiers: [], ci: [], pinned: [], disagreements: [] };
  pv.classifiers = [...new Set(manifest.classifiers.map((c) => /^Programming Language :: Python :: (\d+\.\d+)$/.exec(c.trim())?.[1]).filter((x): x is string => !!x))].sort((a, b) => cmp(parseV(a)!, parseV(b)!));
  for (const f of ws.select((p) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(p) || p === '.gitlab-ci.yml' || p === 'azure-pipelines.yml' || p === '.circleci/config.yml')) {
    const text = ws.text(f.path);
    if (text === null) continue;
    const found = new Set<string>();
    try {
      // failsafe keeps 3.10 a string (the core schema reads it as the number 3.1)
      yamlVersions(parseYaml(text, { schema: 'failsafe' }), found);
    } catch {
      gaps.push(`${f.path} could not be parsed as YAML: its Python versions are unknown`);
    }
    for (const m of text.matchAll(/image:\s*["']?python:(\d+\.\d+)/g)) found.add(m[1]!);
    for (const v of found) pv.ci.push({ version: v, file: f.path });
  }
  const tox = ws.byPath.has('tox.ini') ? ws.text('tox.ini') : null;
  const envlist = tox ? readIni(tox).get('tox')?.get('envlist') ?? '' : '';
  for (const v of expandBraces(envlist).flatMap((e) => e.split('-'))) {
    const m = /^py(\d)(\d+)$/.exec(v.trim());
    if (m) pv.ci.push({ version: `${m[1]}.${m[2]}`, file: 'tox.ini' });
  }
  for (const [file, re] of [['.python-version', /^(\d+\.\d+)/m], ['runtime.txt', /python-(\d+\.\d+)/]] as const) {
    const t = ws.byPath.has(file) ? ws.text(file) : null;
    const m = t ? re.exec(t) : null;
    if (m) pv.pinned.push({ version: m[1]!, file });
  }
  for (const f of ws.select((_p, b) => /^Dockerfile/.test(b) || b.endsWith('.Dockerfile'))) {
    const m = /^FROM\s+(?:[\w./-]+\/)?python:(\d+\.\d+)/im.exec(ws.text(f.path) ?? '');
    if (m) pv.pinned.push({ version: m[1]!, file: f.path });
  }
  const dedupe = <T extends { version: string; file: string }>(xs: T[]) => xs.filter((x, i) => xs.findIndex((y) => y.version === x.version && y.file === x.file) === i);
  pv.ci = dedupe(pv.ci);
  pv.pinned = dedupe(pv.pinned);

  const spec = pv.requiresPython;
  if (spec) {
    for (const c of pv.classifiers) if (!admits(spec, c)) pv.disagreements.push(`classifier Python ${c} is outside requires-python ${spec}`);
    for (const c of pv.ci) if (!admits(spec, c.version)) pv.disagreements.push(`${c.file} tests Python ${c.version}, outside requires-python ${spec}`);
    for (const c of pv.pinned) if (!admits(spec, c.version)) pv.disagreements.push(`${c.file} pins Python ${c.version}, outside requires-python ${spec}`);
  }
  const ciSet = new Set(pv.ci.map((c) => c.version));
  if (pv.classifiers.length && ciSet.size) {
    const untested = pv.classifiers.filter((c) => !ciSet.has(c));
    if (untested.length) pv.disagreements.push(`classifiers claim Python ${untested.join(', ')} but CI does not test ${untested.length > 1 ? 'them' : 'it'}`);
    const unclaimed = [...ciSet].filter((c) => !pv.classifiers.includes(c)).sort();
    if (unclaimed.length) pv.disagreements.push(`CI tests Python ${unclaimed.join(', ')} not listed in the classifiers`);
  }
  if (!spec && !pv.classifiers.length && !pv.ci.length && !pv.pinned.length) gaps.push('no supported Python version is declared (no requires-python, classifiers, CI matrix or pinned runtime)');
  return pv;
}

/** tox's `py{39,310}-django{42,50}` → every combination. */
export function expandBraces(s: string): string[] {
  const items = s.split(/[\s,]+(?![^{]*})/).map((x) => x.trim()).filter(Boolean);
  const out: string[] = [];
  for (const it of items) {
    const m = /^(.*?)\{([^}]*)\}(.*)$/.exec(it);
    if (!m) {
      out.push(it);
      continue;
    }
    for (const alt of m[2]!.split(',')) out.push(...expandBraces(`${m[1]}${alt.trim()}${m[3]}`));
  }
  return out;
}

// --- Frameworks ------------------------------------------------------------

/** Display name → PEP 503 distribution names and top-level import names. */
const FRAMEWORKS: [string, string[], string[]][] = [
  ['Django', ['django'], ['django']],
  ['Django REST framework', ['djangorestframework'], ['rest_framework']],
  ['Flask', ['flask'], ['flask']],
  ['FastAPI', ['fastapi'], ['fastapi']],
  ['Starlette', ['starlette'], ['starlette']],
  ['aiohttp', ['aiohttp'], ['aiohttp']],
  ['Tornado', ['tornado'], ['tornado']],
  ['Pyramid', ['pyramid'], ['pyramid']],
  ['Sanic', ['sanic'], ['sanic']],
  ['Celery', ['celery'], ['celery']],
  ['RQ', ['rq'], ['rq']],
  ['Dramatiq', ['dramatiq'], ['dramatiq']],
  ['Huey', ['huey'], ['huey']],
  ['APScheduler', ['apscheduler'], ['apscheduler']],
  ['SQLAlchemy', ['sqlalchemy', 'flask-sqlalchemy'], ['sqlalchemy', 'flask_sqlalchemy']],
  ['Alembic', ['alembic'], ['alembic']],
  ['Pydantic', ['pydantic'], ['pydantic']],
  ['pandas', ['pandas'], ['pandas']],
  ['NumPy', ['numpy'], ['numpy']],
  ['SciPy', ['scipy'], ['scipy']],
  ['scikit-learn', ['scikit-learn'], ['sklearn']],
  ['PyTorch', ['torch'], ['torch']],
  ['TensorFlow', ['tensorflow'], ['tensorflow']],
  ['Airflow', ['apache-airflow'], ['airflow']],
  ['Scrapy', ['scrapy'], ['scrapy']],
  ['Streamlit', ['streamlit'], ['streamlit']],
  ['Click', ['click'], ['click']],
  ['Typer', ['typer'], ['typer']],
  ['Jinja', ['jinja2'], ['jinja2']],
  ['Gunicorn', ['gunicorn'], []],
  ['Uvicorn', ['uvicorn'], ['uvicorn']],
  ['pytest', ['pytest'], ['pytest']],
];

/** Frameworks and major libraries, from declared dependencies and from imports actually written. */
export function frameworks(ix: ModuleIndex, deps: Dependency[]): Framework[] {
  const declared = new Set(deps.map((d) => d.name));
  const importers = new Map<string, Set<string>>();
  for (const m of ix.mods) {
    for (const i of m.facts.imports ?? []) {
      if (i.level) continue;
      const top = i.module.split('.')[0] ?? '';
      if (!importers.has(top)) importers.set(top, new Set());
      importers.get(top)!.add(m.path);
    }
  }
  const out: Framework[] = [];
  for (const [name, dists, mods] of FRAMEWORKS) {
    const files = new Set(mods.flatMap((md) => [...(importers.get(md) ?? [])]));
    const isDeclared = dists.some((d) => declared.has(d));
    if (isDeclared || files.size) out.push({ name, declared: isDeclared, imported: files.size > 0, files: files.size });
  }
  return out;
}
