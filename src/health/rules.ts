import type { RuleMeta } from '../core/rule.js';
import type { Severity } from '../core/severity.js';

/** A tree for an example: relative path → content. */
export type ExampleTree = Record<string, string>;

/**
 * A health rule: metadata plus examples the registry test runs through the real analyzer
 * (`bad` trees must report the rule, `good` look-alikes must not). History rules need git
 * repositories and are exercised by test/health-history.test.ts instead.
 */
export interface HealthRule extends RuleMeta {
  examples?: { bad: ExampleTree[]; good: ExampleTree[] };
  /** The codes other linters give the same problem: `# noqa: <code>` / `# nosec <code>` on the line silences it here too. */
  codes?: string[];
}

const py = (code: string): ExampleTree => ({ 'app/service.py': code });

function rule(id: string, severity: Severity, summary: string, what: string, why: string, fix: string, example: string | undefined, examples?: HealthRule['examples']): HealthRule {
  const r: HealthRule = { id, severity, summary, docs: { what, why, fix } };
  if (example) r.docs.example = example;
  if (examples) r.examples = examples;
  return r;
}

const SMELLS: HealthRule[] = [
  rule(
    'health.bare-except',
    'low',
    'A bare `except:` catches everything, including KeyboardInterrupt and SystemExit',
    'Flags `except:` clauses without an exception type.',
    'A bare except also swallows Ctrl-C, SystemExit and programming errors, hiding the failures a maintainer needs to see.',
    'Catch the exceptions you expect (`except ValueError:`), or `except Exception:` and log it.',
    'try:\n    run()\nexcept:\n    pass',
    { bad: [py('try:\n    run()\nexcept:\n    retry()\n')], good: [py('try:\n    run()\nexcept ValueError:\n    retry()\n')] },
  ),
  rule(
    'health.swallowed-exception',
    'medium',
    '`except Exception: pass` silently discards every error',
    'Flags handlers for Exception/BaseException whose body does nothing (`pass` or `...`).',
    'Errors disappear without a trace; the system continues in an unknown state and nobody learns why.',
    'Handle the specific error, or at least log it: `except Exception: log.exception("…")`.',
    'try:\n    sync()\nexcept Exception:\n    pass',
    { bad: [py('try:\n    sync()\nexcept Exception:\n    pass\n')], good: [py('import logging\ntry:\n    sync()\nexcept Exception:\n    logging.exception("sync failed")\n')] },
  ),
  rule(
    'health.print-in-library',
    'info',
    '`print()` in library code instead of logging',
    'Flags `print(...)` calls in modules that log elsewhere (they import logging, structlog or loguru) and are not tests, scripts, CLIs or `__main__` entry points.',
    'The module already routes its output through logging; a print beside it cannot be filtered, levelled or routed and is lost in services or pollutes stdout protocols.',
    'Use the module\'s logger and log at the right level.',
    'import logging\nlog = logging.getLogger(__name__)\ndef handle(order):\n    print("handling", order)',
    {
      bad: [py('import logging\nlog = logging.getLogger(__name__)\ndef handle(order):\n    print("handling", order)\n')],
      good: [py('import logging\nlog = logging.getLogger(__name__)\ndef handle(order):\n    log.info("handling %s", order)\n'), { 'scripts/report.py': 'import logging\nprint("done")\n' }, py('def banner():\n    print("hello")\n')],
    },
  ),
  rule(
    'health.mutable-default',
    'medium',
    'A mutable default argument is shared between calls',
    'Flags parameters whose default is a list, dict or set literal (or list()/dict()/set()).',
    'The default is created once, at definition time: every call that mutates it changes it for all later calls.',
    'Default to None and create the value inside: `def f(items=None): items = items or []`.',
    'def add(item, items=[]):\n    items.append(item)',
    { bad: [py('def add(item, items=[]):\n    items.append(item)\n    return items\n')], good: [py('def add(item, items=None):\n    items = list(items or [])\n    items.append(item)\n    return items\n')] },
  ),
  rule(
    'health.assert-validation',
    'info',
    '`assert` used for validation outside tests',
    'Flags `assert` statements in non-test code.',
    'Assertions are removed when Python runs with -O; input validated by assert is not validated in optimized deployments.',
    'Raise an exception: `if amount <= 0: raise ValueError("amount must be positive")`.',
    'def pay(amount):\n    assert amount > 0',
    { bad: [py('def pay(amount):\n    assert amount > 0\n    return amount\n')], good: [{ 'tests/test_pay.py': 'def test_pay():\n    assert 1 > 0\n' }, py('def pay(amount):\n    if amount <= 0:\n        raise ValueError("amount")\n    return amount\n')] },
  ),
  rule(
    'health.eval-exec',
    'high',
    '`eval`/`exec` runs arbitrary code',
    'Flags calls to the builtins `eval()` and `exec()`.',
    'Any input that reaches eval/exec becomes code: a direct path to remote code execution.',
    'Parse data with `ast.literal_eval`, `json.loads` or an explicit parser; dispatch through a dict of functions.',
    'value = eval(request.args["expr"])',
    { bad: [py('def calc(expr):\n    return eval(expr)\n')], good: [py('import ast\ndef calc(expr):\n    return ast.literal_eval(expr)\n'), py('def run(model):\n    return model.eval()\n')] },
  ),
  rule(
    'health.shell-true',
    'high',
    'A command run through the shell (`shell=True`, `os.system`)',
    'Flags subprocess calls with `shell=True`, and `os.system`/`os.popen`.',
    'A shell interprets the whole string: any interpolated value can inject commands.',
    'Pass an argument list without a shell: `subprocess.run(["git", "log", ref], check=True)`.',
    'subprocess.run(f"git log {ref}", shell=True)',
    { bad: [py('import subprocess\ndef log(ref):\n    subprocess.run("git log " + ref, shell=True)\n'), py('import os\ndef log(ref):\n    os.system("git log " + ref)\n')], good: [py('import subprocess\ndef log(ref):\n    subprocess.run(["git", "log", ref], shell=False, check=True)\n')] },
  ),
  rule(
    'health.pickle-load',
    'high',
    '`pickle.load(s)` deserializes data that can execute code',
    'Flags `pickle.load`, `pickle.loads` and `Unpickler` (also cPickle, dill, cloudpickle).',
    'Unpickling runs constructors chosen by the data: loading untrusted bytes is code execution.',
    'Use JSON or another data-only format for anything that crosses a trust boundary.',
    'obj = pickle.loads(request.body)',
    { bad: [py('import pickle\ndef load(blob):\n    return pickle.loads(blob)\n')], good: [py('import json\ndef load(blob):\n    return json.loads(blob)\n'), py('import pickle\ndef save(obj):\n    return pickle.dumps(obj)\n')] },
  ),
  rule(
    'health.yaml-unsafe-load',
    'high',
    '`yaml.load` without a safe loader can construct arbitrary objects',
    'Flags `yaml.load`/`yaml.load_all` without `Loader=SafeLoader` (or CSafeLoader/BaseLoader), and `yaml.unsafe_load`.',
    'The full loaders build Python objects named in the document: a crafted YAML file runs code.',
    'Use `yaml.safe_load(text)` or `yaml.load(text, Loader=yaml.SafeLoader)`.',
    'cfg = yaml.load(open("config.yml"))',
    { bad: [py('import yaml\ndef read(t):\n    return yaml.load(t)\n'), py('import yaml\ndef read(t):\n    return yaml.load(t, Loader=yaml.Loader)\n')], good: [py('import yaml\ndef read(t):\n    return yaml.safe_load(t)\n'), py('import yaml\ndef read(t):\n    return yaml.load(t, Loader=yaml.SafeLoader)\n')] },
  ),
  rule(
    'health.tls-verify-disabled',
    'high',
    'TLS certificate verification disabled (`verify=False`)',
    'Flags calls passing `verify=False`.',
    'Without certificate checks anyone on the network path can read and alter the traffic.',
    'Keep verification on; point `verify=` at the CA bundle of a private CA if needed.',
    'requests.get(url, verify=False)',
    { bad: [py('import requests\ndef get(url):\n    return requests.get(url, verify=False)\n')], good: [py('import requests\ndef get(url):\n    return requests.get(url, verify="/etc/ssl/ca.pem")\n')] },
  ),
  rule(
    'health.debug-enabled',
    'medium',
    'Debug mode enabled in settings or on a running app',
    'Flags `DEBUG = True` at module level of a settings/config module, and `.run(debug=True)`.',
    'Debug mode shows stack traces, settings and sometimes an interactive console to whoever triggers an error.',
    'Read it from the environment, off by default: `DEBUG = os.environ.get("DEBUG") == "1"`.',
    'DEBUG = True',
    { bad: [{ 'app/settings.py': 'DEBUG = True\n' }, py('from flask import Flask\napp = Flask(__name__)\napp.run(debug=True)\n')], good: [{ 'app/settings.py': 'import os\nDEBUG = os.environ.get("DEBUG") == "1"\n' }, py('DEBUG = True\n')] },
  ),
  rule(
    'health.sql-injection',
    'high',
    'SQL built from values by string formatting is passed to execute/raw/text',
    'Flags `execute`, `executemany`, `executescript`, `raw`, `mogrify`, SQLAlchemy `text()` and Django `RawSQL` called with SQL assembled by an f-string, `%`, `.format()` or `+` (directly or through a variable assigned in the same function).',
    'A value spliced into SQL text becomes SQL: a quote in it ends the string and the rest runs as a query (SQL injection).',
    'Pass values as parameters: `cur.execute("SELECT * FROM users WHERE id = %s", (user_id,))`, `text("… WHERE id = :id").bindparams(id=user_id)`.',
    'cur.execute(f"SELECT * FROM users WHERE name = \'{name}\'")',
    {
      bad: [
        py('def find(cur, name):\n    cur.execute(f"SELECT * FROM users WHERE name = \'{name}\'")\n'),
        py('def find(cur, uid):\n    q = "SELECT * FROM users WHERE id = %s" % uid\n    cur.execute(q)\n'),
        py('from sqlalchemy import text\ndef find(s, uid):\n    return s.execute(text("DELETE FROM users WHERE id = " + uid))\n'),
      ],
      good: [py('def find(cur, name):\n    cur.execute("SELECT * FROM users WHERE name = %s", (name,))\n'), py('def run(pool, job):\n    pool.execute(f"job-{job}")\n')],
    },
  ),
  rule(
    'health.weak-password-hash',
    'high',
    'A password is hashed with MD5 or SHA-1',
    'Flags `hashlib.md5(...)`, `hashlib.sha1(...)` and `hashlib.new("md5"|"sha1", ...)` whose argument mentions a password.',
    'MD5 and SHA-1 are fast and unsalted here: a leaked table of them is cracked at billions of guesses per second.',
    'Use a password hasher: `argon2-cffi`, `bcrypt`, `hashlib.scrypt`, or your framework\'s (`django.contrib.auth.hashers.make_password`).',
    'digest = hashlib.md5(password.encode()).hexdigest()',
    {
      bad: [py('import hashlib\ndef store(password):\n    return hashlib.md5(password.encode()).hexdigest()\n')],
      good: [py('import hashlib\ndef etag(body):\n    return hashlib.md5(body).hexdigest()\n'), py('import hashlib, os\ndef store(password):\n    return hashlib.scrypt(password.encode(), salt=os.urandom(16), n=2**14, r=8, p=1)\n')],
    },
  ),
  rule(
    'health.http-no-timeout',
    'medium',
    'An HTTP request without a timeout can hang forever',
    'Flags `requests.get/post/put/patch/delete/head/options/request` without `timeout=`, and httpx calls with `timeout=None` (httpx has a default of 5 s).',
    'requests waits forever by default: one stalled server ties up a worker thread until the process is restarted.',
    'Always pass a timeout: `requests.get(url, timeout=10)` (or `(connect, read)` seconds).',
    'requests.get(url)',
    {
      bad: [py('import requests\ndef fetch(url):\n    return requests.get(url)\n'), py('import httpx\ndef fetch(url):\n    return httpx.get(url, timeout=None)\n')],
      good: [py('import requests\ndef fetch(url):\n    return requests.get(url, timeout=10)\n'), py('import httpx\ndef fetch(url):\n    return httpx.get(url)\n')],
    },
  ),
  rule(
    'health.blocking-in-async',
    'medium',
    'A blocking call inside `async def` stalls the event loop',
    'Flags, inside `async def`, calls to `time.sleep`, `requests.*`, `urllib.request.urlopen`, `subprocess.run/call/check_call/check_output`, `os.system`, builtin `open` and synchronous database connects.',
    'While the call blocks, no other task on the loop runs: one slow request freezes every connection the process serves.',
    'Use the async equivalent (`await asyncio.sleep`, httpx.AsyncClient, asyncio.create_subprocess_exec, aiofiles) or `await asyncio.to_thread(fn, ...)`.',
    'async def handler():\n    time.sleep(1)',
    {
      bad: [py('import time\nasync def handler():\n    time.sleep(1)\n'), py('import requests\nasync def handler(url):\n    return requests.get(url, timeout=5)\n')],
      good: [py('import asyncio\nasync def handler():\n    await asyncio.sleep(1)\n'), py('import time\ndef handler():\n    time.sleep(1)\n')],
    },
  ),
  rule(
    'health.log-without-traceback',
    'low',
    'An `except` block logs an error without its traceback',
    'Flags `logger.error(...)`/`logger.critical(...)` inside an `except` block that does not re-raise, without `exc_info=`.',
    'The message says something failed but not where or why: the traceback that would answer it is thrown away.',
    'Use `logger.exception("…")` (which adds the traceback), or pass `exc_info=True`.',
    'except OSError:\n    log.error("sync failed")',
    {
      bad: [py('import logging\nlog = logging.getLogger(__name__)\ndef sync():\n    try:\n        run()\n    except OSError:\n        log.error("sync failed")\n')],
      good: [
        py('import logging\nlog = logging.getLogger(__name__)\ndef sync():\n    try:\n        run()\n    except OSError:\n        log.exception("sync failed")\n'),
        py('import logging\nlog = logging.getLogger(__name__)\ndef sync():\n    try:\n        run()\n    except OSError:\n        log.error("sync failed")\n        raise\n'),
      ],
    },
  ),
  rule(
    'health.secret-in-log',
    'medium',
    'A secret or personal data is passed to a log call',
    'Flags log calls (`logger.info/debug/warning/error/exception/critical`, `logging.*`) whose arguments read a variable or attribute named like a password, token, API key, secret, card number or SSN.',
    'Logs are copied to files, aggregators and support tickets, kept for months and read by many: a secret in them is leaked.',
    'Log an identifier or a masked form instead (`user.id`, `token[:4] + "…"`), never the value.',
    'log.info("login %s %s", user, password)',
    {
      bad: [py('import logging\nlog = logging.getLogger(__name__)\ndef login(user, password):\n    log.info("login %s %s", user, password)\n')],
      good: [py('import logging\nlog = logging.getLogger(__name__)\ndef login(user, password):\n    log.info("login %s (password reset requested)", user)\n'), py('import logging\nlog = logging.getLogger(__name__)\ndef login(user, token):\n    log.info("token length %d", len(token))\n')],
    },
  ),
  rule(
    'health.allowed-hosts-wildcard',
    'medium',
    "Django `ALLOWED_HOSTS = ['*']` in production settings",
    "Flags `ALLOWED_HOSTS` containing `'*'` at module level of a settings module that is not a development one (settings/dev.py, local_settings.py…).",
    'Any Host header is accepted: cache poisoning and password-reset links pointing at an attacker\'s host become possible.',
    'List the real host names, read from the environment: `ALLOWED_HOSTS = os.environ["ALLOWED_HOSTS"].split(",")`.',
    "ALLOWED_HOSTS = ['*']",
    { bad: [{ 'app/settings.py': "ALLOWED_HOSTS = ['*']\n" }], good: [{ 'app/settings.py': 'import os\nALLOWED_HOSTS = os.environ["ALLOWED_HOSTS"].split(",")\n' }, { 'app/settings/dev.py': "ALLOWED_HOSTS = ['*']\n" }] },
  ),
  rule(
    'health.complex-function',
    'medium',
    'A function whose cyclomatic complexity is above 10 (radon rank C or worse)',
    'Reports functions with cyclomatic complexity (computed as radon does) above 10. Severity by band: 11–20 low, 21–30 medium, 31+ high.',
    'Each decision point is a path to understand and test; past ~10 paths, changes start breaking things nobody tested.',
    'Split the function: extract branches into named helpers, replace flag arguments and long if/elif chains with dispatch tables.',
    'def route(a, b, c, d, e, f):\n    if a: ...\n    elif b: ...  # 11 or more branches',
    {
      bad: [py('def f(x):\n' + Array.from({ length: 11 }, (_, i) => `    if x == ${i}:\n        return ${i}\n`).join('') + '    return -1\n')],
      good: [py('def f(x):\n' + Array.from({ length: 9 }, (_, i) => `    if x == ${i}:\n        return ${i}\n`).join('') + '    return -1\n')],
    },
  ),
  rule(
    'health.low-maintainability',
    'low',
    'A module whose maintainability index is 9 or below (radon rank C)',
    'Reports modules whose maintainability index (radon mi formula: Halstead volume, complexity, logical lines, comments) is at most 9.',
    'Rank C modules are long, dense and complex all at once; they cost the most to change safely.',
    'Split the module by responsibility and simplify its most complex functions.',
    undefined,
  ),
];

const STRUCTURE: HealthRule[] = [
  rule(
    'health.import-cycle',
    'medium',
    'Project modules import each other in a cycle',
    'Reports each strongly connected component of the project import graph, with one concrete path as evidence.',
    'Cycles make import order matter, break on refactors with ImportError/partially initialised modules, and prevent layering.',
    'Move the shared code into a lower module both can import, or invert the dependency (pass a callback, import inside the function).',
    '# app/a.py: from app import b\n# app/b.py: from app import a',
    {
      bad: [{ 'app/__init__.py': '', 'app/a.py': 'from app import b\n', 'app/b.py': 'from app import a\n' }],
      good: [{ 'app/__init__.py': '', 'app/a.py': 'from app import b\n', 'app/b.py': 'import os\n' }],
    },
  ),
  rule(
    'health.undocumented-env-var',
    'low',
    'The code reads an environment variable no document mentions',
    'Lists each environment variable read (os.environ, os.getenv, django-environ, decouple, pydantic BaseSettings) that no README, docs/, .env.example, docker-compose or CI file mentions, with every place it is read.',
    'A newcomer cannot run or deploy the service without knowing its configuration; undocumented variables are found only by failures.',
    'List every variable, its meaning and default in .env.example or a Configuration section of the README.',
    'DB_URL = os.environ["APP_DB_URL"]',
    {
      bad: [py('import os\nURL = os.environ["APP_DB_URL"]\n')],
      good: [{ 'app/service.py': 'import os\nURL = os.environ["APP_DB_URL"]\n', '.env.example': 'APP_DB_URL=postgres://localhost/app\n' }],
    },
  ),
  rule(
    'health.undeclared-dependency',
    'medium',
    'A third-party package is imported but not declared as a dependency',
    'Reports top-level import names that are neither standard library, project modules, nor provided by a declared distribution.',
    'The code works only where the package happens to be installed; a clean install fails at import time.',
    'Declare the distribution in requirements.txt or pyproject.toml (mind import vs distribution names: yaml → PyYAML).',
    'import requests  # requests is in no manifest',
    {
      bad: [{ 'app/service.py': 'import requests\n', 'requirements.txt': 'flask==3.0.0\n' }],
      good: [{ 'app/service.py': 'import yaml\n', 'requirements.txt': 'PyYAML==6.0.1\n' }],
    },
  ),
  rule(
    'health.unused-dependency',
    'low',
    'A declared dependency is never imported',
    'Reports declared distributions (PEP 503 names) that no file imports; tools, plugins, servers and type stubs are exempt.',
    'Unused dependencies widen the attack surface and slow installs, and mislead readers about what the code uses.',
    'Remove it, or note why it is needed if it is loaded indirectly (a plugin, a driver).',
    'requirements.txt: flask==3.0.0  # no `import flask` anywhere',
    {
      bad: [{ 'app/service.py': 'import os\n', 'requirements.txt': 'flask==3.0.0\n' }],
      good: [{ 'app/service.py': 'import flask\n', 'requirements.txt': 'flask==3.0.0\n' }, { 'app/service.py': 'import os\n', 'requirements.txt': 'gunicorn==22.0.0\n' }],
    },
  ),
  rule(
    'health.dev-dependency-in-production',
    'medium',
    'Production code imports a package declared only for development or tests',
    'Reports distributions declared only in dev/test/extra groups that non-test, non-script code imports.',
    'Production installs skip dev groups: the import fails in deployment though every test passes.',
    'Move the package to the main dependencies, or keep its use in tests/tooling.',
    'app/service.py: import factory  # factory-boy only in [dependency-groups].dev',
    undefined,
  ),
  rule(
    'health.unpinned-action',
    'medium',
    'A third-party GitHub Action is used by tag or branch, not by commit SHA',
    'Reports each `uses:` of a third-party action whose ref is not a full 40-character commit SHA (actions/* and github/* are GitHub\'s own).',
    'Tags and branches can be moved by whoever controls the action repository; a compromised action runs with your CI secrets.',
    'Pin to the full SHA and keep the tag in a comment: `uses: owner/action@<sha> # v2.1.0`.',
    'uses: some-org/deploy-action@v2',
    {
      bad: [{ '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: some-org/deploy-action@v2\n' }],
      good: [{ '.github/workflows/ci.yml': `on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: some-org/deploy-action@${'a1'.repeat(20)}\n` }],
    },
  ),
  rule(
    'health.knowledge-island',
    'info',
    'A file whose current lines were written almost entirely by one author',
    `Reports source files of at least 10 lines where one author wrote 95% or more of the current lines (git blame), in repositories with more than one author.`,
    'When that person leaves or is away, nobody knows the file: the bus factor of that code is one.',
    'Have a second person change and review it; document its intent.',
    undefined,
  ),
  rule(
    'health.docker-unpinned-base',
    'low',
    'A container base image without a pinned version (no tag or :latest)',
    'Reports Dockerfile FROM lines (and devcontainer images) without a tag or digest, or with :latest.',
    'The image changes under you: builds are not reproducible and a bad upstream push ships silently.',
    'Pin a version tag (python:3.12-slim), ideally with a digest (@sha256:…).',
    'FROM python',
    { bad: [{ Dockerfile: 'FROM python:latest\nUSER app\n' }], good: [{ Dockerfile: 'FROM python:3.12-slim\nUSER app\n' }] },
  ),
  rule(
    'health.docker-root-user',
    'medium',
    'The container runs as root (no USER in the final stage)',
    'Reports Dockerfiles whose final stage has no USER instruction, or switches to root last.',
    'A process running as root in a container turns any code-execution bug into root in the container and eases escapes.',
    'Create an unprivileged user and switch to it: `RUN useradd -m app` then `USER app`.',
    'FROM python:3.12-slim\nCMD ["python", "app.py"]',
    { bad: [{ Dockerfile: 'FROM python:3.12-slim\nCMD ["python", "app.py"]\n' }], good: [{ Dockerfile: 'FROM python:3.12-slim\nRUN useradd -m app\nUSER app\nCMD ["python", "app.py"]\n' }] },
  ),
  rule(
    'health.docker-secret-env',
    'high',
    'A credential-like value is baked into the image with ENV or ARG',
    'Reports ENV/ARG instructions that set a variable named like a password, token, secret or key to a literal value.',
    'Image layers are readable by anyone who can pull the image; the value stays in its history forever.',
    'Pass secrets at run time (environment, secret mounts: `RUN --mount=type=secret`), never in the Dockerfile.',
    'ENV API_TOKEN=<a literal token>',
    {
      bad: [{ Dockerfile: `FROM python:3.12-slim\nENV API_TOKEN=${'x'.repeat(6)}${'7'.repeat(6)}\nUSER app\n` }],
      good: [{ Dockerfile: 'FROM python:3.12-slim\nENV API_TOKEN=$API_TOKEN\nENV APP_PORT=8080\nUSER app\n' }],
    },
  ),
];

/** Check-level rules: a failing check is reported under `health.<check id>`. */
const CHECKS: HealthRule[] = [
  rule('health.tests.present', 'medium', 'No tests were found', 'Fails when no test function (test_*.py / *_test.py / tests/) exists.', 'Without tests every change is a guess; the next maintainer cannot refactor safely.', 'Add pytest tests under tests/.', undefined, {
    bad: [py('def f():\n    return 1\n')],
    good: [{ 'app/service.py': 'def f():\n    return 1\n', 'tests/test_service.py': 'from app.service import f\ndef test_f():\n    assert f() == 1\n' }],
  }),
  rule('health.tests.ratio', 'low', 'Little test code compared with the code under test', 'Fails when test SLOC is under 25% of code SLOC (10 points at 50%).', 'A thin test suite leaves most paths unverified.', 'Add tests for the most complex and most changed modules first.', undefined),
  rule('health.tests.layers', 'low', 'No test layers are distinguished', 'Fails when no unit / integration / end-to-end layer can be identified by folder, marker or name.', 'Without layers, slow and fast tests mix and developers stop running them.', 'Split tests into tests/unit and tests/integration, or mark them with pytest markers.', undefined),
  rule('health.tests.coverage', 'low', 'Coverage is not measured or has no threshold', 'Fails when no coverage configuration is found; warns when coverage has no fail-under threshold.', 'Unmeasured coverage drifts down unnoticed.', 'Set [tool.coverage.report] fail_under = 80 or pass --cov-fail-under=80 in CI.', undefined, {
    bad: [py('def f():\n    return 1\n')],
    good: [{ 'app/service.py': 'def f():\n    return 1\n', 'pyproject.toml': '[tool.coverage.report]\nfail_under = 85\n' }],
  }),
  rule('health.tests.untested-modules', 'low', 'Many modules are imported by no test', 'Fails when fewer than half of the library modules with functions are imported by a test.', 'Modules no test imports are changed blind.', 'Add tests importing the listed modules.', undefined),
  rule('health.ci.present', 'medium', 'No continuous integration is configured', 'Fails when no GitHub Actions, GitLab CI, CircleCI, Azure Pipelines, Travis, Bitbucket or Jenkins configuration exists.', 'Without CI nothing checks a change before it lands.', 'Add .github/workflows/ci.yml running install, lint and tests.', undefined, {
    bad: [py('x = 1\n')],
    good: [{ 'app/service.py': 'x = 1\n', '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pip install -r requirements.txt\n' }],
  }),
  rule('health.ci.installs', 'low', 'CI never installs the project', 'Fails when no CI command installs dependencies (pip/poetry/uv/pdm/pipenv).', 'A CI that does not install cannot test what users get.', 'Install the locked dependencies as the first CI step.', undefined),
  rule('health.ci.runs-tests', 'high', 'CI does not run the tests', 'Fails when no CI command (directly or through tox, nox, make or pre-commit) runs pytest, unittest or an equivalent.', 'A green CI that never tests gives false confidence.', 'Run `python -m pytest` in CI.', undefined, {
    bad: [{ 'app/service.py': 'x = 1\n', '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pip install -r requirements.txt\n' }],
    good: [{ 'app/service.py': 'x = 1\n', 'Makefile': 'test:\n\tpython -m pytest -q\n', '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n' }],
  }),
  rule('health.ci.lints', 'low', 'CI does not lint', 'Fails when no CI command runs ruff, flake8 or pylint.', 'Lint catches bugs and keeps the style uniform without review effort.', 'Run `ruff check .` in CI.', undefined),
  rule('health.ci.format-check', 'low', 'CI does not check formatting', 'Fails when no CI command runs black --check, ruff format --check or isort --check.', 'Unchecked formatting turns reviews into whitespace debates and noisy diffs.', 'Run `ruff format --check .` in CI.', undefined),
  rule('health.ci.type-check', 'low', 'CI does not type-check', 'Fails when no CI command runs mypy or pyright.', 'Type checking finds whole classes of bugs before runtime.', 'Run `mypy` in CI.', undefined),
  rule('health.ci.security-scan', 'low', 'CI runs no security scan', 'Fails when no CI command runs pip-audit, safety, bandit, semgrep, CodeQL, trivy or similar.', 'Known-vulnerable dependencies and risky code ship unnoticed.', 'Add `pip-audit` (and `bandit -r src`) to CI.', undefined),
  rule('health.ci.python-matrix', 'low', 'CI tests a single Python version (or none)', 'Warns when CI tests one Python version; fails when no version is identifiable.', 'Code that claims several versions but tests one breaks on the others.', 'Use a matrix of python-version (or a tox envlist) covering supported versions.', undefined),
  rule('health.docs.readme', 'medium', 'README missing, or missing sections a newcomer needs', 'Fails without a README; scores its install, run, test and configuration sections.', 'The README is the handoff: without it every newcomer reverse-engineers the setup.', 'Add README sections: Installation, Usage, Tests, Configuration.', undefined, {
    bad: [py('x = 1\n')],
    good: [{ 'app/service.py': 'x = 1\n', 'README.md': '# App\n## Installation\n## Usage\n## Running tests\n## Configuration\n' }],
  }),
  rule('health.docs.contributing', 'info', 'No contributing guide', 'Fails when no CONTRIBUTING file exists (root, .github/ or docs/).', 'Contributors guess how to set up, test and submit changes.', 'Add CONTRIBUTING.md.', undefined),
  rule('health.docs.architecture', 'info', 'No architecture notes or decision records', 'Fails when no ARCHITECTURE/DESIGN document or ADR folder exists.', 'Why the system is shaped the way it is leaves with its authors.', 'Add ARCHITECTURE.md and record decisions in docs/adr/.', undefined),
  rule('health.docs.changelog', 'info', 'No changelog', 'Fails when no CHANGELOG/CHANGES/HISTORY/NEWS file exists.', 'Users and maintainers cannot see what changed between versions.', 'Keep a CHANGELOG.md.', undefined),
  rule('health.docs.license', 'low', 'No license file or declared license', 'Fails when no LICENSE/COPYING file or project.license exists.', 'Without a license nobody may legally reuse the code.', 'Add a LICENSE file.', undefined, {
    bad: [py('x = 1\n')],
    good: [{ 'app/service.py': 'x = 1\n', LICENSE: 'MIT License\n' }],
  }),
  rule('health.docs.security-policy', 'info', 'No security policy', 'Fails when no SECURITY file exists (root, .github/ or docs/).', 'Reporters of vulnerabilities do not know how to reach you privately.', 'Add SECURITY.md.', undefined),
  rule('health.structure.lint-config', 'low', 'No linter configured', 'Fails when no ruff, flake8 or pylint configuration exists.', 'Lint rules are the cheapest code review.', 'Add [tool.ruff] to pyproject.toml.', undefined),
  rule('health.structure.format-config', 'info', 'No formatter configured', 'Fails when no black, ruff format or isort configuration exists.', 'Formatting by hand wastes review time.', 'Add [tool.ruff.format] or [tool.black].', undefined),
  rule('health.structure.type-config', 'info', 'No type checker configured', 'Fails when no mypy or pyright configuration exists.', 'Type hints that nothing checks drift from the code.', 'Add [tool.mypy] to pyproject.toml.', undefined),
  rule(
    'health.structure.logging-config',
    'low',
    'An application logs but never configures logging',
    'Fails for applications (a Django manage.py, wsgi/asgi module, Dockerfile or Procfile) whose code logs but where no logging configuration exists: no basicConfig/dictConfig/fileConfig, Django LOGGING, structlog.configure, loguru handler or logging config file. Libraries are exempt: they must not configure logging.',
    'Unconfigured, Python prints only warnings and above, without timestamps or logger names: the info and error context an operator needs is lost.',
    'Configure logging once at start-up: `logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")`, or Django\'s LOGGING setting.',
    undefined,
    {
      bad: [{ 'manage.py': 'import logging\nlog = logging.getLogger(__name__)\nlog.info("start")\n' }],
      good: [{ 'manage.py': 'import logging\nlogging.basicConfig(level=logging.INFO)\nlog = logging.getLogger(__name__)\nlog.info("start")\n' }, py('import logging\nlog = logging.getLogger(__name__)\n')],
    },
  ),
  rule('health.structure.maintainability', 'low', 'Many modules have a low maintainability index', 'Fails when many modules have a maintainability index of 19 or below (radon rank B or C).', 'Low-MI modules are long and complex: slow and risky to change.', 'Split and simplify the listed modules.', undefined),
  rule('health.dependencies.declared', 'medium', 'Third-party imports but no dependency manifest', 'Fails when the code imports third-party packages and no manifest declares any dependency.', 'Nobody can reproduce the environment the code needs.', 'Declare dependencies in pyproject.toml or requirements.txt, with a lock file.', undefined),
  rule('health.dependencies.pinned', 'low', 'Dependencies are not pinned or locked', 'Fails when fewer than half of the declared dependencies have an exact or locked version.', 'Unpinned installs change under you: builds are not reproducible and a bad release ships silently.', 'Lock dependencies (uv.lock, poetry.lock, pip-compile) or pin with ==.', undefined),
  rule('health.history.bus-factor', 'medium', 'One or two people wrote most of the code', 'Fails when the fewest authors who wrote 80% of the current source lines is 1 (warns at 2).', 'When they leave, the knowledge leaves with them.', 'Spread ownership: reviews, pairing, documentation of the core modules.', undefined),
  rule('health.history.commit-hygiene', 'info', 'Many commits have one-word messages or are giant', 'Fails when a large share of commits have an empty/one-word subject or change more than 2000 lines or 100 files.', 'History is the documentation of why; "fix" and 5000-line commits explain nothing and cannot be reviewed.', 'Write messages that say what and why; keep commits small.', undefined),
  rule('health.history.activity', 'info', 'No commits for a long time', 'Fails when the last commit is more than a year old (warns after 90 days).', 'A quiet repository has stale dependencies and CI that may no longer run.', 'Re-run CI and update dependencies before changing it.', undefined),
];

/** ruff / flake8 / bandit / pylint codes of the same problems, so one `# noqa` serves every tool. */
const CODES: Record<string, string[]> = {
  'health.eval-exec': ['S307', 'S102', 'B307', 'B102', 'PGH001', 'W0123', 'W0122'],
  'health.shell-true': ['S602', 'S604', 'S605', 'S606', 'S607', 'B602', 'B604', 'B605', 'B607'],
  'health.pickle-load': ['S301', 'B301', 'S403', 'B403'],
  'health.yaml-unsafe-load': ['S506', 'B506'],
  'health.tls-verify-disabled': ['S501', 'B501'],
  'health.debug-enabled': ['S201', 'B201'],
  'health.bare-except': ['E722', 'B001', 'W0702'],
  'health.swallowed-exception': ['S110', 'B110', 'BLE001', 'SIM105', 'W0703', 'W0718'],
  'health.print-in-library': ['T201', 'T001'],
  'health.mutable-default': ['B006', 'W0102'],
  'health.assert-validation': ['S101', 'B101'],
  'health.complex-function': ['C901', 'PLR0912', 'R0912'],
  'health.sql-injection': ['S608', 'B608', 'S611'],
  'health.weak-password-hash': ['S324', 'B324', 'S303', 'B303'],
  'health.http-no-timeout': ['S113', 'B113'],
  'health.blocking-in-async': ['ASYNC210', 'ASYNC220', 'ASYNC221', 'ASYNC222', 'ASYNC230', 'ASYNC251'],
  'health.log-without-traceback': ['TRY400'],
  'health.secret-in-log': ['G004'],
  'health.allowed-hosts-wildcard': ['S104'],
};

/** Metadata of every health check that can produce a finding. */
export const HEALTH_RULES: HealthRule[] = [...SMELLS, ...STRUCTURE, ...CHECKS].map((r) => {
  const codes = CODES[r.id];
  if (!codes) return r;
  const references = [...(r.docs.references ?? []), `the same problem in ruff/flake8/bandit/pylint: ${codes.join(', ')} — \`# noqa\` or \`# nosec\` with any of them (or with ${r.id}) silences it`];
  return { ...r, codes, docs: { ...r.docs, references } };
});

const BY_ID = new Map(HEALTH_RULES.map((r) => [r.id, r]));

export function healthRule(id: string): HealthRule | undefined {
  return BY_ID.get(id);
}

/**
 * A `# noqa` or `# nosec` on the finding's line silences it: a bare one silences every rule, one with
 * codes silences the rules those codes (or the rule's own id, `# noqa: health.eval-exec`) name.
 */
export function isSuppressed(rule: string, noqa: { line: number; codes: string[] }[] | undefined, line: number): boolean {
  const hit = noqa?.find((n) => n.line === line);
  if (!hit) return false;
  if (!hit.codes.length) return true;
  const codes = healthRule(rule)?.codes ?? [];
  return hit.codes.some((c) => codes.includes(c));
}
