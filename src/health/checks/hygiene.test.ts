import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../sources/workspace.js';
import { defaultConfig } from '../../config/config.js';
import { TempTree } from '../../../test/helpers.js';
import { dockerSmells, docsChecks, toolConfigs } from './hygiene.js';
import { TreeIndex } from '../../facts/tree-index.js';
import { analyzeSource } from '../../python/analyze.js';
import { envVarMetrics } from '../../facts/env.js';
import { coverageConfig } from './tests.js';

function tree(files: Record<string, string>): { tree: TreeIndex; done: () => void } {
  const t = new TempTree().files(files);
  return { tree: new TreeIndex(new Workspace(t.dir, defaultConfig())), done: () => t.cleanup() };
}

test('Dockerfile smells: unpinned base, root user, credential in ENV; build stages and ARG images are not base images', () => {
  const { tree: tr, done } = tree({
    Dockerfile: ['FROM python AS build', 'RUN pip wheel .', 'FROM build AS test', 'FROM python:3.12-slim@sha256:' + 'a'.repeat(64), 'ENV APP_PORT=8080 DB_PASSWORD=' + 'p'.repeat(4) + '1234', 'ARG TOKEN', 'CMD ["app"]', ''].join('\n'),
    'worker/Dockerfile': 'FROM ${BASE}\nUSER root\n',
  });
  try {
    assert.deepEqual(
      dockerSmells(tr).smells.map((s) => [s.rule, s.path, s.line, s.detail]),
      [
        ['health.docker-unpinned-base', 'Dockerfile', 1, 'python'],
        ['health.docker-secret-env', 'Dockerfile', 5, 'DB_PASSWORD'],
        ['health.docker-root-user', 'Dockerfile', 4, 'root'],
        ['health.docker-root-user', 'worker/Dockerfile', 2, 'root'],
      ],
    );
  } finally {
    done();
  }
});

test('README sections, docs files and tool configuration', () => {
  const { tree: tr, done } = tree({
    'README.rst': 'Project\n=======\n\nInstallation\n------------\n\nRunning the tests\n-----------------\n',
    '.github/CONTRIBUTING.md': '# How to contribute\n',
    'docs/adr/0001-use-postgres.md': '# Use Postgres\n',
    'pyproject.toml': '[project]\nname = "x"\nlicense = {text = "MIT"}\n[tool.ruff]\nline-length = 100\n[tool.mypy]\nstrict = true\n',
    '.pre-commit-config.yaml': 'repos:\n  - repo: https://github.com/psf/black\n    hooks:\n      - id: black\n',
  });
  try {
    const c = Object.fromEntries(docsChecks(tr).map((x) => [x.id, x]));
    assert.deepEqual(c['docs.readme']!.evidence, [
      { path: 'README.rst', line: 4, message: 'install: "Installation"' },
      { path: 'README.rst', line: 7, message: 'test: "Running the tests"' },
      { path: 'README.rst', message: 'missing sections: run, configuration' },
    ]);
    assert.equal(c['docs.readme']!.score, 6);
    assert.equal(c['docs.contributing']!.status, 'pass');
    assert.equal(c['docs.architecture']!.evidence[0]!.path, 'docs/adr/0001-use-postgres.md');
    assert.equal(c['docs.license']!.evidence[0]!.path, 'pyproject.toml');
    assert.equal(c['docs.changelog']!.status, 'fail');
    const t = toolConfigs(tr);
    assert.deepEqual(t, {
      lint: [{ tool: 'ruff', path: 'pyproject.toml' }],
      format: [{ tool: 'black', path: '.pre-commit-config.yaml' }],
      types: [{ tool: 'mypy', path: 'pyproject.toml' }],
    });
  } finally {
    done();
  }
});

test('coverage threshold from setup.cfg, and env vars documented by docker-compose but not by code comments', () => {
  const { tree: tr, done } = tree({
    'setup.cfg': '[coverage:report]\nshow_missing = true\nfail_under = 90\n',
    'docker-compose.yml': 'services:\n  app:\n    environment:\n      - REDIS_URL=redis://redis\n',
    'app/x.py': '# SECRET_KEY is read below\nimport os\nA = os.environ["REDIS_URL"]\nB = os.environ["SECRET_KEY"]\n',
  });
  try {
    assert.deepEqual(coverageConfig(tr, []), { configured: true, threshold: 90, source: 'setup.cfg', line: 3 });
    const files = [
      {
        path: 'app/x.py',
        module: 'app.x',
        health: { envReads: [{ name: 'REDIS_URL', line: 3, default: null, via: 'os.environ' }, { name: 'SECRET_KEY', line: 4, default: null, via: 'os.environ' }] },
      },
    ] as unknown as Parameters<typeof envVarMetrics>[0];
    assert.deepEqual(
      envVarMetrics(files, tr).map((v) => [v.name, v.documented, v.documentedIn ?? null]),
      [
        ['REDIS_URL', true, 'docker-compose.yml'],
        ['SECRET_KEY', false, null],
      ],
    );
  } finally {
    done();
  }
});

test('env vars: one the project sets itself is a signal between its own processes, not configuration', () => {
  const { tree: tr, done } = tree({});
  try {
    const files = [
      analyzeSource('import os\n\ndef run_command():\n    os.environ["APP_RUN_FROM_CLI"] = "true"\n', 'app/cli.py', 'app.cli', false),
      analyzeSource('import os\n\ndef run():\n    if os.environ.get("APP_RUN_FROM_CLI") == "true":\n        return\n    return os.environ["APP_TOKEN"]\n', 'app/core.py', 'app.core', false),
    ];
    assert.deepEqual(
      envVarMetrics(files, tr).map((v) => [v.name, v.documented, v.documentedIn ?? null]),
      [
        ['APP_RUN_FROM_CLI', true, 'app/cli.py (set by the project itself)'],
        ['APP_TOKEN', false, null],
      ],
    );
  } finally {
    done();
  }
});
