import type { Node as YamlNode } from 'yaml';
import { parseDocument, LineCounter, isMap, isScalar } from '../facts/yaml.js';
import type { Workspace } from '../sources/workspace.js';
import { composeServices, purpose } from './commands.js';
import type { TestService } from './types.js';

/** A compose file the tests or CI bring up: docker-compose.test.yml, compose.ci.yaml, docker-compose-testing.yml. */
const TEST_COMPOSE = /^(docker-)?compose[.-](\w+[.-])*(test|tests|testing|ci)([.-]\w+)*\.ya?ml$/;

/** The services the tests need: GitHub Actions `jobs.*.services` images, compose services a workflow brings up, and test/CI compose files. */
export function testServices(ws: Workspace): TestService[] {
  const out: TestService[] = [];
  for (const f of ws.select((p) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(p))) {
    const text = ws.text(f.path);
    if (text === null) continue;
    // `docker compose up -d db mailpit` in a job: those services of the root compose file
    for (const m of text.matchAll(/docker[- ]compose((?:\s+-f\s+\S+)*)\s+up\b([^\n#&|;]*)/g)) {
      // without -f, compose reads the root file and its override
      const named = [...m[1]!.matchAll(/-f\s+(\S+)/g)].map((x) => x[1]!);
      const files = named.length ? named : ['compose', 'docker-compose'].flatMap((b) => [`${b}.yml`, `${b}.yaml`, `${b}.override.yml`, `${b}.override.yaml`]).filter((c) => ws.byPath.has(c));
      const wanted = m[2]!.trim().split(/\s+/).filter((w) => w && !w.startsWith('-'));
      if (!wanted.length) continue;
      // a stack brought up to be curled (a smoke test of the deployment) is not what the tests need:
      // only services started before a test command of the same workflow count
      const after = text.slice(m.index! + m[0].length).split(/docker[- ]compose\s[^\n]*\bdown\b/)[0]!;
      if (!after.split('\n').some((l) => purpose(l.replace(/^\s*(-\s*)?(run:\s*)?/, '')) === 'test')) continue;
      for (const file of files) for (const s of composeServices(ws, file, false)) if (s.image && !s.built && wanted.includes(s.name)) out.push({ name: s.name, image: s.image, path: file, line: s.line });
    }
    if (!/^\s+services:\s*$/m.test(text)) continue;
    const lc = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lc, schema: 'failsafe' });
    // a broken workflow is reported by the CI facts; here it only adds nothing
    if (doc.errors.length || !isMap(doc.contents)) continue;
    const jobs = doc.contents.get('jobs', true);
    if (!isMap(jobs)) continue;
    for (const job of jobs.items) {
      const services = isMap(job.value) ? job.value.get('services', true) : null;
      if (!isMap(services)) continue;
      for (const s of services.items) {
        const name = isScalar(s.key) ? String(s.key.value) : null;
        const im = isMap(s.value) ? s.value.get('image', true) : isScalar(s.value) ? s.value : null;
        if (!name || !isScalar(im)) continue;
        const range = (s.key as YamlNode).range;
        out.push({ name, image: String(im.value), path: f.path, line: range ? lc.linePos(range[0]).line : 1 });
      }
    }
  }
  for (const f of ws.select((_p, b) => TEST_COMPOSE.test(b))) {
    for (const s of composeServices(ws, f.path, false)) if (s.image && !s.built) out.push({ name: s.name, image: s.image, path: f.path, line: s.line });
  }
  const seen = new Set<string>();
  return out.filter((s) => !seen.has(`${s.path}:${s.line}`) && !!seen.add(`${s.path}:${s.line}`));
}
