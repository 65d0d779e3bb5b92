import type { Node as YamlNode, YAMLMap } from 'yaml';
import { parseAllDocuments, LineCounter, isMap, isScalar, isSeq } from '../facts/yaml.js';
import type { Workspace } from '../sources/workspace.js';
import { rolesOf } from '../facts/roles.js';
import { redactText } from './redact.js';
import type { Command, Schedule } from './types.js';

const WORKLOAD = /^kind:\s*["']?(Deployment|StatefulSet|DaemonSet|Job|CronJob)["']?\s*$/m;
/** Where each workload kind keeps its pod spec. */
const POD_SPEC: Record<string, string[]> = {
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

// map.get() unwraps scalars unless asked to keep them: accept both
const str = (n: unknown): string | null => (typeof n === 'string' ? n : isScalar(n) && n.value !== null ? String(n.value) : null);
const words = (n: unknown): string[] => (isSeq(n) ? n.items.map((x) => str(x) ?? '') : str(n) !== null ? [str(n)!] : []);

/** Kubernetes workloads in the tree: each container's command/args (or its image) as a process, and CronJob schedules. */
export function k8sWorkloads(ws: Workspace, gaps: string[]): { commands: Command[]; schedules: Schedule[] } {
  const commands: Command[] = [];
  const schedules: Schedule[] = [];
  const roles = rolesOf(ws);
  for (const f of ws.select((p, b) => /\.ya?ml$/.test(b) && !['test', 'fixture', 'docs', 'example'].includes(roles.role(p)))) {
    const text = ws.text(f.path);
    if (text === null || !WORKLOAD.test(text)) continue;
    // Helm templates are Go templates, not YAML: what they run is decided at render time
    if (text.includes('{{')) {
      gaps.push(`${f.path}: a templated Kubernetes manifest (Helm); its processes are known only once rendered`);
      continue;
    }
    const lc = new LineCounter();
    const lineOf = (n: unknown): number => ((n as YamlNode | null)?.range ? lc.linePos((n as YamlNode).range![0]).line : 1);
    for (const doc of parseAllDocuments(text, { lineCounter: lc, schema: 'failsafe' })) {
      if (doc.errors.length) {
        gaps.push(`${f.path}:${doc.errors[0]!.linePos?.[0]?.line ?? 1}: Kubernetes manifest does not parse: ${doc.errors[0]!.message.split('\n')[0]}`);
        continue;
      }
      const root = doc.contents;
      if (!isMap(root)) continue;
      const kind = str(root.get('kind'));
      const path = kind ? POD_SPEC[kind] : undefined;
      if (!kind || !path) continue;
      const meta = root.get('metadata');
      const name = (isMap(meta) ? str(meta.get('name')) : null) ?? '?';
      const pod = doc.getIn(path, true) as unknown;
      const containers = isMap(pod) ? (pod as YAMLMap).get('containers') : null;
      const runs: string[] = [];
      for (const c of isSeq(containers) ? containers.items : []) {
        if (!isMap(c)) continue;
        const argv = [...words(c.get('command')), ...words(c.get('args'))].join(' ');
        const image = str(c.get('image'));
        const run = argv ? redactText(argv) : image ? `image ${image}` : null;
        if (!run) continue;
        runs.push(run);
        commands.push({ command: run, source: 'k8s', file: f.path, line: lineOf(c), kind: 'run', detail: `${kind} ${name}, container ${str(c.get('name')) ?? '?'}` });
      }
      const spec = root.get('spec');
      const at = kind === 'CronJob' && isMap(spec) ? spec.get('schedule', true) : null;
      const schedule = str(at);
      if (schedule) schedules.push({ name, task: runs.join('; ') || name, schedule: `cron ${schedule}`, kind: 'k8s-cronjob', file: f.path, line: lineOf(at) });
    }
  }
  return { commands, schedules };
}
