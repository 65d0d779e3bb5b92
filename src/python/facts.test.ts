import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePython } from './parse.js';
import { extractHealthFacts } from './facts.js';
import { functionsOf } from './functions.js';

const facts = (code: string, path = 'app/mod.py') => extractHealthFacts(parsePython(code), code, path);

test('env vars: os.environ, getenv, environ (from os), setdefault, django-environ, decouple, pydantic settings', () => {
  const code = [
    'import os',
    'from os import environ, getenv',
    'import environ as djenv',
    'from decouple import config',
    'from pydantic_settings import BaseSettings, SettingsConfigDict',
    'A = os.environ["A"]',
    'B = os.environ.get("B", "b-default")',
    'C = os.getenv("C")',
    'D = environ["D"]',
    'E = environ.get("E", 5)',
    'F = getenv("F", None)',
    'os.environ.setdefault("G", "g")',
    'os.environ["NOT_A_READ"] = "x"',
    'env = djenv.Env()',
    'H = env("H")',
    'I = env.bool("I", default=False)',
    'J = config("J", default="j", cast=int)',
    'other = {}',
    'K = other.get("K")',
    'class Settings(BaseSettings):',
    '    model_config = SettingsConfigDict(env_prefix="APP_")',
    '    db_url: str = "sqlite://"',
    '    port: int',
    '    _private: int = 1',
    '',
  ].join('\n');
  assert.deepEqual(
    facts(code).envReads!.map((r) => [r.name, r.line, r.default, r.via]),
    [
      ['A', 6, null, 'os.environ'],
      ['B', 7, 'b-default', 'os.environ'],
      ['C', 8, null, 'os.getenv'],
      ['D', 9, null, 'os.environ'],
      ['E', 10, '5', 'os.environ'],
      ['F', 11, null, 'os.getenv'],
      ['G', 12, 'g', 'os.environ'],
      ['H', 15, null, 'django-environ'],
      ['I', 16, 'False', 'django-environ'],
      ['J', 17, 'j', 'decouple'],
      ['APP_DB_URL', 22, 'sqlite://', 'pydantic'],
      ['APP_PORT', 23, null, 'pydantic'],
    ],
  );
});

test('imports: absolute, relative, from-import names, optional, TYPE_CHECKING and function-local (deferred) imports', () => {
  const code = [
    'import a.b as c, d',
    'from ..pkg.mod import x as y, z',
    'from . import sibling',
    'from m import *',
    'try:',
    '    import ujson as json',
    'except ImportError:',
    '    import json',
    'from typing import TYPE_CHECKING',
    'if TYPE_CHECKING:',
    '    from heavy import Thing',
    'def lazy():',
    '    import late',
    '',
  ].join('\n');
  assert.deepEqual(
    facts(code).imports!.map((i) => [i.name, i.level, i.names ?? [], i.line, i.optional ?? false, i.typing ?? false, i.deferred ?? false]),
    [
      ['a.b', 0, [], 1, false, false, false],
      ['d', 0, [], 1, false, false, false],
      ['pkg.mod', 2, ['x', 'z'], 2, false, false, false],
      ['', 1, ['sibling'], 3, false, false, false],
      ['m', 0, ['*'], 4, false, false, false],
      ['ujson', 0, [], 6, true, false, false],
      ['json', 0, [], 8, true, false, false],
      ['typing', 0, ['TYPE_CHECKING'], 9, false, false, false],
      ['heavy', 0, ['Thing'], 11, false, true, false],
      ['late', 0, [], 13, false, false, true],
    ],
  );
});

test('smells: exact rule, line and column for each; look-alikes stay quiet', () => {
  const code = [
    'import subprocess, pickle, yaml, requests, logging',
    'def f(a, b={}, *, c=None):',
    '    try:',
    '        eval(a)',
    '    except:',
    '        pass',
    '    try:',
    '        exec(a)',
    '    except Exception:',
    '        pass',
    '    except ValueError:',
    '        pass',
    '    subprocess.run(a, shell=True)',
    '    subprocess.run([a], shell=False)',
    '    pickle.loads(a)',
    '    yaml.load(a)',
    '    yaml.load(a, Loader=yaml.SafeLoader)',
    '    requests.get(a, verify=False, timeout=5)',
    '    assert a',
    '    print(a)',
    '    model.eval()',
    '',
  ].join('\n');
  assert.deepEqual(
    facts(code).smells!.map((s) => [s.rule, s.line, s.column, s.scope]),
    [
      ['health.mutable-default', 2, 10, '<module>'],
      ['health.eval-exec', 4, 9, 'f'],
      ['health.bare-except', 5, 5, 'f'],
      ['health.eval-exec', 8, 9, 'f'],
      ['health.swallowed-exception', 9, 5, 'f'],
      ['health.shell-true', 13, 5, 'f'],
      ['health.pickle-load', 15, 5, 'f'],
      ['health.yaml-unsafe-load', 16, 5, 'f'],
      ['health.tls-verify-disabled', 18, 5, 'f'],
      ['health.assert-validation', 19, 5, 'f'],
      ['health.print-in-library', 20, 5, 'f'],
    ],
  );
  // The same code in a test file or a script: no assert/print smells.
  const inTest = (facts(code, 'tests/test_mod.py').smells ?? []).map((s) => s.rule);
  assert.ok(!inTest.includes('health.assert-validation') && !inTest.includes('health.print-in-library'));
  const withMain = (facts(code + 'if __name__ == "__main__":\n    f(1)\n').smells ?? []).map((s) => s.rule);
  assert.ok(!withMain.includes('health.print-in-library'));
});

test('tests: test functions and pytest markers', () => {
  const code = [
    'import pytest, unittest',
    'def test_a():',
    '    def test_nested(): pass',
    '@pytest.mark.integration',
    'def test_b(): pass',
    'def helper(): pass',
    'class TestThing:',
    '    def test_c(self): pass',
    '    def setup_method(self): pass',
    'class Case(unittest.TestCase):',
    '    def test_d(self): pass',
    'class Helper:',
    '    def test_not_collected(self): pass',
    '',
  ].join('\n');
  const f = facts(code, 'tests/test_x.py');
  assert.equal(f.testFunctions, 4);
  assert.deepEqual(f.markers, ['integration']);
  assert.equal(facts(code, 'app/x.py').testFunctions, 0);
});

test('a syntax error yields the first error line and the rest of the facts', () => {
  const f = facts('import os\ndef ok():\n    return os.getenv("X")\n\ndef bad(:\n    pass\n');
  assert.equal(f.syntaxErrorLine, 5);
  assert.deepEqual(f.envReads!.map((r) => r.name), ['X']);
  assert.ok(functionsOf(f.functions).some((fn) => fn.name === 'ok'));
});

test('DEBUG = True is a smell in settings modules, not in development settings or other modules', async () => {
  const code = 'DEBUG = True\n';
  const rules = (p: string) => (facts(code, p).smells ?? []).map((s) => s.rule);
  assert.deepEqual(rules('proj/settings.py'), ['health.debug-enabled']);
  assert.deepEqual(rules('proj/settings/production.py'), ['health.debug-enabled']);
  assert.deepEqual(rules('proj/settings/dev.py'), []);
  assert.deepEqual(rules('proj/local_settings.py'), []);
  assert.deepEqual(rules('proj/views.py'), []);
});

test('new smells: SQL built from values, weak password hash, HTTP without timeout, blocking in async, logging', () => {
  const code = [
    'import hashlib, logging, requests, time',
    'log = logging.getLogger(__name__)',
    'def q(cur, name, password):',
    '    sql = f"SELECT * FROM t WHERE n = {name}"',
    '    cur.execute(sql)',
    '    cur.execute("SELECT * FROM t WHERE n = %s", (name,))',
    '    hashlib.md5(password.encode())',
    '    hashlib.md5(name.encode())',
    '    requests.post(name)',
    '    try:',
    '        pass',
    '    except Exception:',
    '        log.error("failed for %s", password)',
    'async def h():',
    '    time.sleep(1)',
    'x = 1  # noqa: S101',
    '',
  ].join('\n');
  const f = facts(code);
  assert.deepEqual(
    f.smells!.map((s) => [s.rule, s.line]),
    [
      ['health.sql-injection', 5],
      ['health.weak-password-hash', 7],
      ['health.http-no-timeout', 9],
      ['health.log-without-traceback', 13],
      ['health.secret-in-log', 13],
      ['health.blocking-in-async', 15],
    ],
  );
  assert.deepEqual(f.noqa, [{ line: 16, codes: ['S101'] }]);
  assert.equal(f.logs, true);
  assert.equal(f.configuresLogging, false);
});
