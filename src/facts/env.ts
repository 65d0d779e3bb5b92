import type { PythonFileFacts } from '../python/analyze.js';
import type { TreeIndex } from './tree-index.js';

/** An environment variable the code reads, whether a document mentions it, and where it is read. */
export interface EnvVarMetric {
  name: string;
  documented: boolean;
  /** Literal default of the first read that has one, else null. */
  default: string | null;
  uses: { path: string; line: number }[];
  /** Where it is documented (first mention), when documented. */
  documentedIn?: string;
}

/**
 * Files where configuration is documented for a newcomer: READMEs, docs/, env examples,
 * docker-compose, CI configuration and settings references.
 */
export function isEnvDocPath(p: string): boolean {
  const base = p.split('/').pop()!.toLowerCase();
  return (
    /^readme/.test(base) ||
    /^(docs?|documentation)\//i.test(p) ||
    /^\.env\.(example|sample|template|dist|defaults?|local\.example)$/.test(base) ||
    /^(example|sample|template)\.env$/.test(base) ||
    /^env\.(example|sample|template)$/.test(base) ||
    /^(docker-)?compose[^/]*\.ya?ml$/.test(base) ||
    /^\.github\/workflows\/[^/]+\.ya?ml$/.test(p) ||
    /^(\.gitlab-ci\.yml|azure-pipelines\.ya?ml|jenkinsfile|\.travis\.yml|bitbucket-pipelines\.yml)$/.test(base) ||
    /^\.circleci\//.test(p) ||
    /^(configuration|config|settings|environment|env|deployment|deploy)[^/]*\.(md|rst|txt|adoc)$/.test(base) ||
    /(^|\/)(charts?|helm|k8s|kubernetes|deploy)\/.*\.ya?ml$/.test(p)
  );
}

/** Variables set by the shell, Python, virtualenvs, CI or the framework itself: documented where they come from. */
const WELL_KNOWN = new Set([
  'HOME', 'PATH', 'USER', 'USERNAME', 'SHELL', 'TERM', 'LANG', 'LC_ALL', 'TMPDIR', 'TEMP', 'TMP', 'PWD', 'EDITOR', 'VISUAL', 'PAGER',
  'COLUMNS', 'LINES', 'NO_COLOR', 'FORCE_COLOR', 'TZ', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_DATA_HOME', 'APPDATA', 'LOCALAPPDATA',
  'PYTHONPATH', 'PYTHONSTARTUP', 'PYTHONHOME', 'PYTHONIOENCODING', 'PYTHONDONTWRITEBYTECODE', 'PYTHONUNBUFFERED', 'PYTHONHASHSEED',
  'VIRTUAL_ENV', 'CONDA_PREFIX', 'CONDA_DEFAULT_ENV', 'PIP_INDEX_URL', 'CI', 'GITHUB_ACTIONS', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY',
  'http_proxy', 'https_proxy', 'no_proxy', 'REQUESTS_CA_BUNDLE', 'SSL_CERT_FILE', 'CURL_CA_BUNDLE', 'DJANGO_SETTINGS_MODULE',
]);

/** Every env var the code reads, whether documented, and where. Sorted by name. */
export function envVarMetrics(files: PythonFileFacts[], tree: TreeIndex): EnvVarMetric[] {
  const vars = new Map<string, EnvVarMetric>();
  for (const f of files) {
    for (const r of f.health.envReads ?? []) {
      let v = vars.get(r.name);
      if (!v) vars.set(r.name, (v = { name: r.name, documented: false, default: null, uses: [] }));
      v.uses.push({ path: f.path, line: r.line });
      if (v.default === null && r.default !== null) v.default = r.default;
    }
  }
  if (!vars.size) return [];
  // A variable the project sets itself (flask's CLI sets FLASK_RUN_FROM_CLI for the app it starts) is
  // a signal between its own processes: nobody deploying it has to know.
  const setBy = new Map<string, string>();
  for (const f of files) for (const n of f.health.envWrites ?? []) if (!setBy.has(n)) setBy.set(n, `${f.path} (set by the project itself)`);
  // One pass over the doc files: identifier-like words → first file mentioning them.
  const mentioned = new Map<string, string>();
  for (const p of tree.paths.filter(isEnvDocPath)) {
    const text = tree.text(p);
    if (!text) continue;
    for (const m of text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) if (!mentioned.has(m[0])) mentioned.set(m[0], p);
  }
  for (const v of vars.values()) {
    const where = WELL_KNOWN.has(v.name) ? 'a variable every Python or shell user knows' : (mentioned.get(v.name) ?? setBy.get(v.name));
    if (where) {
      v.documented = true;
      v.documentedIn = where;
    }
    v.uses.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  }
  return [...vars.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}
