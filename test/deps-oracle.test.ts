import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { BUNDLED_DB, loadDatabase } from '../src/deps/osv/database.js';

/**
 * An independent reading of the OSV schema, in Python with `packaging` (pip's own PEP 440 code): for
 * each (package, version) it lists the affecting records and the smallest clean upgrade. pyvet
 * must agree on every pin.
 */
const ORACLE = String.raw`
import functools, json, re, sys, zipfile
from packaging.version import Version, InvalidVersion
def norm(n): return re.sub(r'[-_.]+', '-', n).lower()
@functools.lru_cache(maxsize=None)
def V(s):
    try: return Version(s)
    except InvalidVersion: return None
by = {}
with zipfile.ZipFile(sys.argv[1]) as z:
    for n in z.namelist():
        r = json.loads(z.read(n))
        if r.get('withdrawn'): continue
        for a in r.get('affected', []):
            p = a.get('package', {})
            if p.get('ecosystem') == 'PyPI': by.setdefault(norm(p['name']), []).append((r['id'], a))
def affected(v, a):
    vv = V(v)
    for x in a.get('versions', []):
        if x == v or (vv is not None and V(x) is not None and V(x) == vv): return True
    if vv is None: return False
    for rg in a.get('ranges', []):
        if rg['type'] != 'ECOSYSTEM': continue
        evs = []
        for e in rg['events']:
            (k, val), = e.items()
            if k == 'introduced' and val == '0': evs.append((None, k)); continue
            if V(val) is not None: evs.append((V(val), k))
        evs.sort(key=lambda t: (t[0] is not None, t[0] or Version('0')))
        hit = False
        for ev, k in evs:
            if k == 'introduced' and (ev is None or vv >= ev): hit = True
            elif k in ('fixed', 'limit') and vv >= ev: hit = False
            elif k == 'last_affected' and vv > ev: hit = False
        if hit: return True
    return False
@functools.lru_cache(maxsize=None)
def ids(name, v): return tuple(sorted({i for i, a in by.get(name, []) if affected(v, a)}))
def fix(name, v):
    cands = set()
    for _, a in by.get(name, []):
        cands.update(a.get('versions', []))
        for rg in a.get('ranges', []):
            if rg['type'] == 'ECOSYSTEM':
                for e in rg['events']: cands.update(x for x in e.values() if x != '0')
    cur = V(v)
    good = [V(c) for c in cands if V(c) is not None and (cur is None or V(c) > cur) and not ids(name, c)]
    pool = [g for g in good if not g.is_prerelease] or good
    return str(min(pool)) if pool else None
out = []
for name, v in json.load(sys.stdin):
    i = ids(name, v)
    out.append([list(i), fix(name, v) if i else None])
print(json.dumps(out))
`;

function hasPackaging(): boolean {
  return spawnSync('python3', ['-c', 'import packaging.version'], { stdio: 'ignore' }).status === 0;
}

test('pyvet agrees with an independent Python/packaging reading of OSV on 500 pins', { skip: !hasPackaging() && 'python3 with packaging is not installed' }, () => {
  const db = loadDatabase(BUNDLED_DB);
  const names = db.packages().sort();
  let seed = 7;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * n);
  };
  // Versions the advisories name, plus spellings and neighbours they do not: post, pre, epoch, zero-padded.
  const extra = ['0.0.1', '99.0', '1.0.post1', '2.0rc1', '1!1.0', '1.0.0.0'];
  const pins: [string, string][] = [];
  for (let i = 0; i < 500; i++) {
    const name = names[rnd(names.length)]!;
    const vs = db.package(name).namedVersions();
    pins.push([name, rnd(5) > 0 && vs.length ? vs[rnd(vs.length)]! : extra[rnd(extra.length)]!]);
  }
  const expected = JSON.parse(execFileSync('python3', ['-c', ORACLE, BUNDLED_DB], { input: JSON.stringify(pins), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as [string[], string | null][];
  let vulnerable = 0;
  pins.forEach(([name, v], i) => {
    const pkg = db.package(name);
    const got = pkg.affecting(v).map((r) => r.id).sort();
    const [ids, fix] = expected[i]!;
    assert.deepEqual(got, ids, `${name} ${v}`);
    if (got.length) {
      vulnerable++;
      const mine = pkg.smallestFix(v);
      // packaging prints versions normalized; compare as PEP 440 versions.
      if (fix === null) assert.equal(mine, null, `${name} ${v} fix`);
      else assert.ok(mine !== null && pkg.rank(mine) === pkg.rank(fix), `${name} ${v}: fix ${mine} vs ${fix}`);
    }
  });
  assert.ok(vulnerable > 150);
});
