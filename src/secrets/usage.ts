/**
 * Is a name used as a key in code? `SECRET_COOKIE_KEY = "PYGOAT"` reads like an identifier until
 * `jwt.encode(payload, SECRET_COOKIE_KEY)` uses it to sign: then it is a signing key, wherever it sits.
 * Read across the workspace's Python files, only for the few names that need it.
 */

// Calls whose arguments are keys or credentials (signing, encryption, HMAC, database engines, clients).
const SINK =
  /\b(?:jwt\.(?:encode|decode)|Fernet|MultiFernet|hmac\.(?:new|digest)|HMAC|create_engine|create_async_engine|(?:URLSafe)?(?:Timed)?Serializer|(?:Timestamp)?Signer|AES\.new|ChaCha20\w*|AESGCM|encrypt|decrypt|sign|boto3\.(?:client|resource|Session)|Session|connect|login)[ \t]*\(/g;
// Settings that are keys by definition: SECRET_KEY = NAME, app.secret_key = NAME, config["SECRET_KEY"] = NAME.
const KEY_SETTING = /(?:\bSECRET_KEY|\.secret_key|\[["']SECRET_KEY["']\]|\bSIGNING_KEY|\bJWT_SECRET\w*)[ \t]*=[ \t]*(?:[\w.]+\.)?$/;

/** The last dotted part of a name (`settings.SECRET_COOKIE_KEY` → `SECRET_COOKIE_KEY`). */
function bare(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1).replace(/^["'-]+|["']+$/g, '');
}

/** Where `name` is passed to a key-taking call or assigned to a key setting in `text`, or null. */
export function keyUse(text: string, name: string): string | null {
  const n = bare(name);
  if (!/^[A-Za-z_]\w{2,100}$/.test(n)) return null;
  const word = new RegExp(`(?<![\\w.'"])(?:[\\w]+\\.)*${n}(?![\\w'"])`, 'g');
  for (let m = word.exec(text); m; m = word.exec(text)) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    const before = text.slice(Math.max(lineStart, m.index - 300), m.index);
    if (KEY_SETTING.test(before)) return 'assigned to a key setting';
    // An open call before the name on its line (or the line before, for wrapped arguments).
    const window = text.slice(Math.max(0, text.lastIndexOf('\n', lineStart - 2) + 1), m.index);
    let call: RegExpExecArray | null = null;
    SINK.lastIndex = 0;
    for (let c = SINK.exec(window); c; c = SINK.exec(window)) call = c;
    if (call && !window.slice(call.index).includes(')')) return `passed to ${call[0].replace(/[ \t]*\($/, '')}()`;
  }
  return null;
}

/**
 * For each name, how it is used as a key somewhere in `files` (path → text), or absent. Files are
 * searched only for the names they contain.
 */
export function keyUses(names: Iterable<string>, files: Iterable<[string, () => string | null]>): Map<string, string> {
  const want = new Set([...names].map(bare).filter((n) => n.length >= 3));
  const found = new Map<string, string>();
  if (want.size === 0) return found;
  for (const [, read] of files) {
    const text = read();
    if (!text) continue;
    for (const n of want) {
      if (found.has(n) || !text.includes(n)) continue;
      const how = keyUse(text, n);
      if (how) found.set(n, how);
    }
    if (found.size === want.size) break;
  }
  return new Map([...names].flatMap((n) => (found.has(bare(n)) ? [[n, found.get(bare(n))!] as [string, string]] : [])));
}
