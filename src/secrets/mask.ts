import { detect } from './detect.js';

/**
 * Mask every secret the rules recognise in a piece of text, for other analyzers that quote source
 * (the brief's snippets, health evidence). `path` is the file the text came from: it decides how
 * `name = value` is read (.env and YAML values are unquoted, Python's are literals). Suppression
 * comments do not apply: a suppressed secret is still never printed.
 */
export function maskSecrets(text: string, path = 'snippet.py'): string {
  const { hits } = detect(path, text, { withSuppressed: true });
  if (hits.length === 0) return text;
  const lines = text.split('\n');
  // Right to left on each line so earlier columns stay valid.
  for (const h of [...hits].sort((a, b) => b.line - a.line || b.column - a.column)) {
    const i = h.line - 1;
    const line = lines[i]!;
    const at = h.column - 1;
    if (line.startsWith(h.value, at)) {
      lines[i] = line.slice(0, at) + h.redacted + line.slice(at + h.value.length);
      continue;
    }
    // A string joined from pieces (`KEY = ("abc"\n "def")`, `"abc" "def"`): mask every literal of its lines.
    if (!/^-----BEGIN/.test(line.slice(at))) {
      for (let j = i; j <= i + (h.more ?? 0) && j < lines.length; j++) {
        lines[j] = lines[j]!.replace(/(["'])(?:\\.|(?!\1)[^\\])*\1/g, (q, mark: string) => (j === i && lines[j]!.indexOf(q) < at ? q : `${mark}****${mark}`));
      }
      continue;
    }
    // A PEM key: the value is the body after the header, on this line (JSON \n escapes) or the next ones.
    const header = /^-----BEGIN[ A-Z0-9]*-----/.exec(line.slice(at))?.[0] ?? '';
    lines[i] = line.slice(0, at) + header + (header && line.length > at + header.length ? ' ****' : '');
    for (let j = i + 1; j < lines.length && !lines[j]!.includes('-----END'); j++) {
      if (/^[\s"']*[A-Za-z0-9+/=]+[\s"',+\\n]*$/.test(lines[j]!)) lines[j] = '****';
    }
  }
  return lines.join('\n');
}
