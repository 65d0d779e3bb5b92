/**
 * Trigger fragments for the regex pass over the lines the prefilter found (one regex step per
 * character), and V8 runs an alternation fastest when few characters can start it. So each fragment
 * starts at a rare character of its keyword and checks the rest with a lookbehind: `_(?<=ghp_)`
 * wakes only at underscores, never at every "g". Fragments are case-sensitive.
 */

/** Both cases of each letter: `ci('key')` → `[kK][eE][yY]`. */
export function ci(word: string): string {
  return [...word].map((c) => (/[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c)).join('');
}

/**
 * The credential words of assignment rules (key, token, secret, cred, pass, pwd, psw), anchored on
 * k, c and p: "token" wakes at its k, "secret" at "cre". Shared by every rule that reads `name = value`.
 * Python's own `pass` statement (alone at the end of a line: 4 in 10 of these words in the standard
 * library) wakes nothing.
 */
export const CREDENTIAL_WORDS = [
  `${ci('k')}(?:${ci('ey')}|(?<=${ci('tok')})${ci('en')})`,
  `${ci('cre')}(?:${ci('d')}|${ci('t')}(?<=${ci('secret')}))`,
  `${ci('p')}(?:${ci('ass')}(?![ \t]*(?:\r?\n|$|#))|${ci('wd')}|${ci('sw')})`,
].join('|');

/**
 * What the SIMD prefilter looks for on behalf of CREDENTIAL_WORDS: every match holds one of these
 * (key, tok-en, cre-d, se-cre-t, pas-s, pwd, psw), in any case.
 */
export const CREDENTIAL_ANCHORS = ['key', 'tok', 'cre', 'pas', 'pwd', 'psw'].map(ci);

/**
 * What must follow a credential word for it to name the target of an assignment: the rest of the name,
 * then the operator (`DB_PASSWORD =`, `"api_key":`, `token=`, `password: str =`). Assignment rules
 * are woken only where it does, so the many `key` and `pass` lines of ordinary code cost one test. The
 * name's tail is bounded, as in assign.ts, so a megabyte of `keykeykey` stays linear.
 */
export const NAME_THEN_OPERATOR = /[\w.-]{0,100}["']?\]?[ \t]*(?::|=(?!=))/y;

/**
 * The characters a match of a trigger can begin with, or null when the source does not say (a
 * leading lookaround, a class escape such as `\s`, an optional first atom). Where the trigger pass
 * matched, the scanner then tries only the triggers that can begin with the character found there.
 */
export function leadingChars(source: string): Set<string> | null {
  const out = new Set<string>();
  for (const alt of alternatives(source)) {
    const lead = firstAtom(alt);
    if (!lead) return null;
    for (const c of lead) out.add(c);
  }
  return out;
}

/** The top-level alternatives of a regex source. */
function alternatives(src: string): string[] {
  const alts: string[] = [];
  let start = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === '[' || c === '(') i = atomEnd(src, i) - 1;
    else if (c === '|') {
      alts.push(src.slice(start, i));
      start = i + 1;
    }
  }
  alts.push(src.slice(start));
  return alts;
}

/** Index just past the group or class that opens at `i`. */
function atomEnd(src: string, i: number): number {
  let depth = 0;
  let inClass = false;
  for (let j = i; j < src.length; j++) {
    const c = src[j];
    if (c === '\\') j++;
    else if (inClass) {
      if (c === ']') {
        inClass = false;
        if (depth === 0) return j + 1;
      }
    } else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j + 1;
  }
  return src.length;
}

/** The characters a class body (`a-z0-9_`) admits, or null for negated classes and class escapes. */
export function classChars(body: string): Set<string> | null {
  if (body.startsWith('^')) return null;
  const out = new Set<string>();
  for (let i = 0; i < body.length; i++) {
    let c = body[i]!;
    if (c === '\\') {
      c = body[++i] ?? '';
      if (/[dDwWsSbBpPux0-9]/.test(c)) return null;
    }
    if (body[i + 1] === '-' && i + 2 < body.length) {
      const to = body[i + 2]!;
      for (let k = c.charCodeAt(0); k <= to.charCodeAt(0); k++) out.add(String.fromCharCode(k));
      i += 2;
    } else out.add(c);
  }
  return out;
}

function firstAtom(alt: string): Set<string> | null {
  let chars: Set<string> | null;
  let end: number;
  const c = alt[0];
  if (c === undefined || '.^$*+?{)'.includes(c)) return null;
  if (c === '(') {
    if (!alt.startsWith('(?:')) return null; // lookarounds and capturing groups
    end = atomEnd(alt, 0);
    chars = leadingChars(alt.slice(3, end - 1));
  } else if (c === '[') {
    end = atomEnd(alt, 0);
    chars = classChars(alt.slice(1, end - 1));
  } else if (c === '\\') {
    const e = alt[1] ?? '';
    if (!e || /[dDwWsSbBpPuxck0-9]/.test(e)) return null;
    chars = new Set([e]);
    end = 2;
  } else {
    chars = new Set([c]);
    end = 1;
  }
  // An atom that may be absent does not decide the first character.
  return /^(?:[?*]|\{0[,}])/.test(alt.slice(end)) ? null : chars;
}
