/** PEP 503 normalization: `PyYAML`, `py_yaml`, `py.yaml` and `py-yaml` are one name. */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
}

/** A valid PEP 508 distribution name. */
export const NAME_RE = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;
