/**
 * Mask the password of a URL's userinfo: `postgres://app:s3cret@db/app` → `postgres://app:****@db/app`.
 * A token given as the whole userinfo of an https URL (`https://TOKEN@host`) is masked too; a bare user is kept.
 */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^\s/@]*)@/i, (_m, scheme: string, info: string) => {
    const colon = info.indexOf(':');
    if (colon >= 0) return `${scheme}${info.slice(0, colon)}:****@`;
    return /^https?:\/\//i.test(scheme) && info.length > 20 ? `${scheme}****@` : `${scheme}${info}@`;
  });
}
