/**
 * Trigger fragments for the whole-text pass. That pass is the scanner's main cost (one regex step per
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
