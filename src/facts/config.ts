import { parseToml } from '../core/toml.js';
import type { Workspace } from '../sources/workspace.js';

/** Sections of an INI file (setup.cfg, tox.ini, .coveragerc…): name → key → value (continuation lines joined). */
export function parseIni(text: string): Map<string, Map<string, { value: string; line: number }>> {
  const out = new Map<string, Map<string, { value: string; line: number }>>();
  let section: Map<string, { value: string; line: number }> | null = null;
  let lastKey: string | null = null;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (/^\s*[#;]/.test(raw) || raw.trim() === '') continue;
    const sec = /^\[([^\]]+)\]/.exec(raw);
    if (sec) {
      section = new Map();
      out.set(sec[1]!.trim(), section);
      lastKey = null;
      continue;
    }
    if (!section) continue;
    if (/^\s/.test(raw) && lastKey) {
      const e = section.get(lastKey)!;
      e.value += '\n' + raw.trim();
      continue;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (kv) {
      lastKey = kv[1]!.trim();
      section.set(lastKey, { value: kv[2]!.trim(), line: i + 1 });
    }
  }
  return out;
}

/** The parsed pyproject.toml of the root, or null (absent or invalid: the dependency audit reports that). */
export function pyproject(ws: Workspace): Record<string, unknown> | null {
  const text = ws.text('pyproject.toml');
  return text ? parseTomlText(text) : null;
}

/** `tool.<name>` of pyproject, when present. */
export function toolTable(pp: Record<string, unknown> | null, ...keys: string[]): unknown {
  return tableAt(pp, 'tool', ...keys);
}

/** A TOML document parsed, or null when it is not valid TOML (the manifest parsers report that with its line). */
export function parseTomlText(text: string): Record<string, unknown> | null {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** The value at a path of nested tables, or undefined. */
export function tableAt(doc: unknown, ...keys: string[]): unknown {
  let cur: unknown = doc;
  for (const k of keys) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** Every pyproject.toml of the tree that parses (a monorepo has one per sub-project), root first. */
export function pyprojects(ws: Workspace): { path: string; doc: Record<string, unknown> }[] {
  const out: { path: string; doc: Record<string, unknown> }[] = [];
  for (const f of ws.files) {
    if (!/(^|\/)pyproject\.toml$/.test(f.path)) continue;
    const doc = parseTomlText(ws.text(f.path) ?? '');
    if (doc) out.push({ path: f.path, doc });
  }
  return out.sort((a, b) => a.path.split('/').length - b.path.split('/').length || (a.path < b.path ? -1 : 1));
}
