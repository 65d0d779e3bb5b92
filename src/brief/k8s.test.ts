import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../sources/workspace.js';
import { defaultConfig } from '../config/config.js';
import { TempTree } from '../../test/helpers.js';
import { k8sWorkloads } from './k8s.js';

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: api
          image: shop:1.2
          command: ["gunicorn"]
          args: ["shop.wsgi", "-b", "0.0.0.0:8000"]
        - name: proxy
          image: nginx:1.27
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: job
              image: shop:1.2
              command: [python, manage.py, clearsessions]
`;

test('k8s: containers of workloads are processes with file:line; a CronJob schedule is a schedule', () => {
  const t = new TempTree().files({ 'deploy/app.yaml': DEPLOY, 'tests/k8s/app.yaml': DEPLOY, 'deploy/svc.yaml': 'kind: Service\nmetadata:\n  name: web\n' });
  try {
    const gaps: string[] = [];
    const r = k8sWorkloads(new Workspace(t.dir, defaultConfig()), gaps);
    assert.deepEqual(r.commands.map((c) => [c.command, c.file, c.line, c.detail]), [
      ['gunicorn shop.wsgi -b 0.0.0.0:8000', 'deploy/app.yaml', 9, 'Deployment web, container api'],
      ['image nginx:1.27', 'deploy/app.yaml', 13, 'Deployment web, container proxy'],
      ['python manage.py clearsessions', 'deploy/app.yaml', 27, 'CronJob nightly, container job'],
    ]);
    assert.deepEqual(r.schedules.map((s) => [s.name, s.task, s.schedule, s.kind, s.line]), [['nightly', 'python manage.py clearsessions', 'cron 0 3 * * *', 'k8s-cronjob', 21]]);
    assert.deepEqual(gaps, []);
  } finally {
    t.cleanup();
  }
});

test('k8s: a Helm template and a broken manifest are skipped with a gap', () => {
  const t = new TempTree().files({
    'chart/templates/deployment.yaml': 'kind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n',
    'deploy/bad.yaml': 'kind: Job\nspec: [unclosed\n',
  });
  try {
    const gaps: string[] = [];
    const r = k8sWorkloads(new Workspace(t.dir, defaultConfig()), gaps);
    assert.deepEqual(r.commands, []);
    assert.equal(gaps.length, 2);
    assert.ok(gaps.some((g) => g.startsWith('chart/templates/deployment.yaml: a templated Kubernetes manifest')));
    assert.ok(gaps.some((g) => g.startsWith('deploy/bad.yaml:') && g.includes('does not parse')));
  } finally {
    t.cleanup();
  }
});
