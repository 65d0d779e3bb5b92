import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../sources/workspace.js';
import { defaultConfig } from '../config/config.js';
import { TempTree } from '../../test/helpers.js';
import { testServices } from './services.js';

test('test services: GitHub Actions job services and test compose files, with file:line; compose services a job brings up; other compose files are not tests', () => {
  const t = new TempTree().files({
    '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    services:\n      postgres:\n        image: postgres:16\n      redis: redis:7\n    steps:\n      - run: docker compose up -d db app mail\n      - run: pytest\n',
    'docker-compose.test.yml': 'services:\n  es:\n    image: elasticsearch:8.13.0\n  app:\n    build: .\n',
    'docker-compose.yml': 'services:\n  db:\n    image: mysql:8\n  app:\n    image: shop:latest\n    build: .\n',
    'docker-compose.override.yml': 'services:\n  mail:\n    image: axllent/mailpit\n',
    '.github/workflows/broken.yml': 'jobs:\n  services: [\n',
  });
  try {
    assert.deepEqual(testServices(new Workspace(t.dir, defaultConfig())).map((s) => `${s.name} ${s.image} ${s.path}:${s.line}`), [
      'db mysql:8 docker-compose.yml:2',
      'mail axllent/mailpit docker-compose.override.yml:2',
      'postgres postgres:16 .github/workflows/ci.yml:6',
      'redis redis:7 .github/workflows/ci.yml:8',
      'es elasticsearch:8.13.0 docker-compose.test.yml:2',
    ]);
  } finally {
    t.cleanup();
  }
});
