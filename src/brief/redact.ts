import { maskUrlUserinfo } from '../core/url.js';

const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|PWD|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?|AUTH)/i;

/** Is this the name of a variable that holds a credential? */
export const isSecretName = (name: string): boolean => SECRET_NAME.test(name);

/** A credential value shown by its first characters only (`sk_l…`), as the secrets reporter does. */
export const maskValue = (v: string): string => (v.length <= 4 ? '****' : `${v.slice(0, 4)}…`);

/**
 * Mask credentials anywhere in a line of text that the brief quotes (commands, gap snippets): URL passwords,
 * even cut short (`postgres://app:s3cr`), `SECRET_NAME=value` assignments and `--password value` flags.
 * References (`$TOKEN`, `${TOKEN}`) are kept: they are not secrets.
 */
export function redactText(s: string): string {
  return s
    .replace(/([a-z][a-z0-9+.-]*:\/\/)([^\s/@"'`<>]*)(@|$|(?=["'`\s<>]))/gi, (m, scheme: string, info: string, end: string) => {
      // host:port (`http://127.0.0.1:8000`) holds no password
      if ((!info.includes(':') || /:\d{1,5}$/.test(info)) && end !== '@') return m;
      return end === '@' ? maskUrlUserinfo(m) : `${scheme}${info.slice(0, Math.max(0, info.indexOf(':')))}:****`;
    })
    .replace(/\b(Bearer|Basic|Token)(\s+)([A-Za-z0-9._~+/-]{8,}=*)/g, (_m, kind: string, sp: string, v: string) => `${kind}${sp}${maskValue(v)}`)
    .replace(/\b([A-Za-z0-9_]+)(\s*[=:]\s*)(["']?)([^\s"'$]{3,})\3/g, (m, name: string, eq: string, q: string, v: string) =>
      isSecretName(name) && !/^(Bearer|Basic|Token)$/i.test(v) ? `${name}${eq}${q}${maskValue(v)}${q}` : m,
    )
    .replace(/(--(?:password|passwd|token|secret|api-key)\b[= ]+)(["']?)([^\s"'$][^\s"']*)\2/gi, (_m, flag: string, q: string, v: string) => `${flag}${q}${maskValue(v)}${q}`);
}
