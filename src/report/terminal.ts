/**
 * Terminal layout: how wide to write, and wrapping on words so that no line breaks inside an identifier.
 * Reporters lay out plain text with these helpers and colour whole pieces afterwards, so widths are
 * measured without ANSI codes.
 */

/** Width when the output is not a terminal (a pipe, a file, CI logs) and COLUMNS is not set. */
export const DEFAULT_WIDTH = 100;
/** Below this, wrapping makes things worse than overflowing. */
const MIN_WIDTH = 40;

/** COLUMNS when set (the user's or the shell's word), else the terminal's width, else DEFAULT_WIDTH. */
export function terminalWidth(stream: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv): number {
  const fromEnv = Number(env.COLUMNS);
  if (env.COLUMNS && Number.isInteger(fromEnv) && fromEnv > 0) return Math.max(MIN_WIDTH, fromEnv);
  if (stream.isTTY && stream.columns && stream.columns > 0) return Math.max(MIN_WIDTH, stream.columns);
  return DEFAULT_WIDTH;
}

/** Split a word that does not fit after a path separator (`/`, `\`), never inside a name. */
function splitLongWord(word: string, room: number): string[] {
  const parts: string[] = [];
  let rest = word;
  while (rest.length > room) {
    const cut = Math.max(rest.lastIndexOf('/', room - 1), rest.lastIndexOf('\\', room - 1));
    if (cut <= 0) break;
    parts.push(rest.slice(0, cut + 1));
    rest = rest.slice(cut + 1);
  }
  parts.push(rest);
  return parts;
}

/**
 * Wrap `text` to `width` columns on spaces; every line starts with `indent` (the first with `first` when
 * given). A word longer than a line is split after a path separator, else left whole (it overflows
 * rather than being cut). Existing line breaks are kept.
 */
export function wrap(text: string, width: number, indent = '', first = indent): string[] {
  const out: string[] = [];
  let prefix = first;
  for (const para of text.split('\n')) {
    let line = '';
    const flush = () => {
      out.push(prefix + line);
      prefix = indent;
      line = '';
    };
    for (const word of para.split(/ +/).filter((w) => w !== '')) {
      const room = Math.max(1, width - prefix.length);
      if (line && line.length + 1 + word.length <= room) {
        line += ' ' + word;
        continue;
      }
      if (line) flush();
      const pieces = splitLongWord(word, Math.max(1, width - indent.length));
      for (const [i, piece] of pieces.entries()) {
        line = piece;
        if (i < pieces.length - 1) flush();
      }
    }
    flush();
  }
  return out;
}

/** Cut to `n` columns with an ellipsis; for a single-line field (a table cell), never for advice. */
export function clip(s: string, n: number): string {
  return s.length <= n ? s : n <= 1 ? '…' : s.slice(0, n - 1) + '…';
}
