import type { ManifestParser, ParseResult } from './types.js';
import { addRequirement, basename, emptyResult } from './types.js';
import { normalizeName } from './names.js';

interface IniValue {
  section: string;
  key: string;
  /** First line of the value (the `key =` line) and each continuation line with its number. */
  parts: { text: string; line: number }[];
}

/** configparser's layout: `[section]`, `key = value` or `key: value`, indented continuation lines, `#`/`;` comments. */
function readIni(text: string): IniValue[] {
  const out: IniValue[] = [];
  let section = '';
  let current: IniValue | null = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (/^\s*[#;]/.test(raw) || !raw.trim()) return;
    if (/^\s/.test(raw) && current) {
      current.parts.push({ text: raw.trim(), line });
      return;
    }
    const sec = /^\[([^\]]+)\]/.exec(raw);
    if (sec) {
      section = sec[1]!.trim();
      current = null;
      return;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (!kv) return;
    current = { section, key: kv[1]!.trim(), parts: [{ text: kv[2]!.trim(), line }] };
    out.push(current);
  });
  return out;
}

const MARKER_START = /^\s*(\(|python_|sys_platform|platform_|os_name|implementation_|extra\b)/;

/** setuptools' list-semi: one requirement per line, or `;`-separated on a single line. */
function requirementsOf(v: IniValue): { text: string; line: number }[] {
  const parts = v.parts.filter((p) => p.text);
  if (v.parts.length !== 1 || parts.length !== 1) return parts;
  // A segment that starts with a marker variable is the previous requirement's environment marker.
  const out: { text: string; line: number }[] = [];
  for (const seg of parts[0]!.text.split(';')) {
    const prev = out[out.length - 1];
    if (prev && MARKER_START.test(seg)) prev.text += `; ${seg.trim()}`;
    else out.push({ text: seg.trim(), line: parts[0]!.line });
  }
  return out;
}

export const setupCfgParser: ManifestParser = {
  id: 'setup-cfg',
  matches: (p) => basename(p) === 'setup.cfg',
  parse(text) {
    const out: ParseResult = emptyResult();
    for (const v of readIni(text)) {
      const first = v.parts[0];
      if (v.section === 'metadata' && v.key === 'name' && first && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(first.text)) {
        out.project = { name: normalizeName(first.text), line: first.line };
      }
      let group: string | null = null;
      if (v.section === 'options' && v.key === 'install_requires') group = 'main';
      else if (v.section === 'options' && v.key === 'tests_require') group = 'test';
      else if (v.section === 'options.extras_require') group = v.key;
      if (!group) continue;
      for (const { text: t, line } of requirementsOf(v)) {
        const req = t.replace(/\s+#.*$/, '').trim();
        if (!req) continue;
        addRequirement(out, req, line, { group });
      }
    }
    return out;
  },
};
