import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../sources/workspace.js';
import { defaultConfig } from '../config/config.js';
import { TempTree } from '../../test/helpers.js';
import { ownPackages } from './own-packages.js';

test('own packages: distribution names and the top-level names setuptools, Poetry, Hatch, Flit and setup.cfg list; fixtures are not the project', () => {
  const t = new TempTree().files({
    'pyproject.toml':
      '[project]\nname = "Acme.Tools"\n[tool.setuptools]\npackages = ["acme_core", "acme_core.sub"]\npy-modules = ["acme_cli"]\n[tool.setuptools.package-dir]\nacme_legacy = "lib/legacy"\n',
    'svc/pyproject.toml': '[tool.poetry]\nname = "acme-svc"\npackages = [{ include = "acme_svc", from = "src" }]\n[tool.hatch.build.targets.wheel]\npackages = ["src/acme_hatch"]\n[tool.flit.module]\nname = "acme_flit"\n',
    'legacy/setup.cfg': '[metadata]\nname = acme-legacy\n[options]\npackages =\n    acme_old\n    acme_old.util\npy_modules = acme_one\n',
    'finder/setup.cfg': '[options]\npackages = find:\n',
    'tests/fixtures/demo/pyproject.toml': '[project]\nname = "requests"\n[tool.setuptools]\npackages = ["yaml"]\n',
  });
  try {
    const own = ownPackages(new Workspace(t.dir, defaultConfig()), (p) => !p.startsWith('tests/'));
    assert.deepEqual([...own.distributions].sort(), ['acme-legacy', 'acme-svc', 'acme-tools']);
    assert.deepEqual([...own.tops].sort(), ['acme_cli', 'acme_core', 'acme_flit', 'acme_hatch', 'acme_legacy', 'acme_old', 'acme_one', 'acme_svc']);
  } finally {
    t.cleanup();
  }
});
