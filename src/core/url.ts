/** Credentials in URLs, for every analyzer and output: one reading of a URL's userinfo. */

/**
 * Userinfo of any URL (`git+https://TOKEN@github.com/…`, `redis://:PASSWORD@host`): a password is
 * masked whatever its length, a lone user is kept only when it is short (`git@`, `deploy@`) — a
 * long one is a token.
 */
const URL_USERINFO = /([a-z][a-z0-9+.-]*:\/\/)([^\s/@?#"'`<>\\]+)@/gi;

export function maskUrlUserinfo(s: string): string {
  if (!s.includes('://')) return s;
  return s.replace(URL_USERINFO, (m, scheme: string, info: string) => {
    const colon = info.indexOf(':');
    if (colon >= 0) return info.slice(colon + 1) === '****' ? m : `${scheme}${info.slice(0, colon)}:****@`;
    return info.length > 16 ? `${scheme}****@` : m;
  });
}

/** A remote URL without user or password: `https://user:token@host/x` → `https://host/x`. */
export function stripCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}

/** A URL fit for logs and messages: its password replaced by `***` (`postgres://u:pw@h/db` → `postgres://u:***@h/db`). */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*):[^/@]*@/i, '$1:***@');
}
