import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { briefOf, runCli, TempTree } from './helpers.js';
import type { Brief } from '../src/brief/types.js';

/** A Flask shop: app factory, a blueprint prefixed at construction, one prefixed at registration, a nested one. */
const FILES: Record<string, string> = {
  'pyproject.toml': `[project]
name = "shopfront"
description = "Storefront and admin for the shop."
requires-python = ">=3.10"
classifiers = [
  "Programming Language :: Python :: 3.9",
  "Programming Language :: Python :: 3.10",
  "Programming Language :: Python :: 3.11",
]
dependencies = ["flask>=3", "redis", "sqlalchemy", "stripe", "click"]

[project.scripts]
shopfront = "shopfront.cli:cli"
`,
  'README.md': `# shopfront

Storefront and admin for the shop.

## Develop

\`\`\`bash
pip install -e .
flask --app shopfront run --debug
\`\`\`

Run the tests:

    $ pytest -q
`,
  Makefile: `.PHONY: test lint

test:
\tpytest -q

lint:
\truff check .
`,
  '.github/workflows/ci.yml': `on: push
jobs:
  test:
    strategy:
      matrix:
        python-version: ["3.10", "3.11", "3.12"]
    steps:
      - uses: actions/setup-python@v5
        with:
          python-version: \${{ matrix.python-version }}
`,
  'shopfront/__init__.py': `from flask import Flask
from .admin import bp as admin_bp
from .api import api
from .shop.views import shop


def create_app():
    app = Flask(__name__)
    app.register_blueprint(admin_bp)
    app.register_blueprint(api, url_prefix="/api/v1")
    app.register_blueprint(shop)

    @app.route("/")
    def index():
        return "ok"

    return app
`,
  'shopfront/admin/__init__.py': `from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from . import views  # noqa: E402
`,
  'shopfront/admin/views.py': `from . import bp


@bp.route("/users", methods=["GET", "POST"])
def users():
    return "users"


@bp.route("/users/<int:user_id>", methods=["DELETE"])
def delete_user(user_id):
    return ""
`,
  'shopfront/api.py': `import os
from flask import Blueprint
import stripe
import requests

api = Blueprint("api", __name__, url_prefix="/ignored-when-registered-with-a-prefix")
stripe.api_key = os.environ.get("STRIPE_API_KEY")


@api.get("/orders")
def list_orders():
    return []


@api.post("/orders")
def create_order():
    rates = requests.get("https://api.shipping.io/v1/rates")
    return rates.json()
`,
  'shopfront/shop/__init__.py': '',
  'shopfront/shop/views.py': `from flask import Blueprint

shop = Blueprint("shop", __name__, url_prefix="/shop")
cart = Blueprint("cart", __name__, url_prefix="/cart")
shop.register_blueprint(cart)


@shop.route("/")
def catalogue():
    return ""


@cart.route("/checkout", methods=["POST"])
def checkout():
    return ""
`,
  'shopfront/db.py': `import os
from sqlalchemy import create_engine

engine = create_engine(os.environ.get("DATABASE_URL", "postgresql://shop:hunter2@localhost:5432/shop"))
`,
  'shopfront/cache.py': `import os
import redis

cache = redis.Redis.from_url(os.getenv("REDIS_URL", "redis://localhost:6379/0"))
`,
  'shopfront/cli.py': `import click


@click.group()
def cli():
    """Shop admin tasks."""


@cli.command()
def init_db():
    from .db import engine
    engine.connect()


@cli.command("import-products")
@click.argument("path")
def import_products(path):
    pass
`,
  'tests/test_api.py': `from shopfront.api import list_orders


def test_list():
    assert list_orders() == []
`,
};

let t: TempTree;
let brief: Brief;

before(async () => {
  ({ tree: t, brief } = await briefOf(FILES));
});
after(() => t.cleanup());

test('flask: every route with prefixes from Blueprint(), register_blueprint() and a nested blueprint', () => {
  assert.deepEqual(
    brief.routes.map((r) => `${r.method} ${r.path} ${r.handler} ${r.file}:${r.line} ${r.framework}`),
    [
      'GET / shopfront.index shopfront/__init__.py:13 flask',
      'GET /admin/users shopfront.admin.views.users shopfront/admin/views.py:4 flask',
      'POST /admin/users shopfront.admin.views.users shopfront/admin/views.py:4 flask',
      'DELETE /admin/users/<int:user_id> shopfront.admin.views.delete_user shopfront/admin/views.py:9 flask',
      'GET /api/v1/orders shopfront.api.list_orders shopfront/api.py:10 flask',
      'POST /api/v1/orders shopfront.api.create_order shopfront/api.py:15 flask',
      'GET /shop/ shopfront.shop.views.catalogue shopfront/shop/views.py:8 flask',
      'POST /shop/cart/checkout shopfront.shop.views.checkout shopfront/shop/views.py:13 flask',
    ],
  );
});

test('flask: what it is — name, description, Python versions and where they disagree, frameworks, size', () => {
  assert.equal(brief.name, 'shopfront');
  assert.equal(brief.description, 'Storefront and admin for the shop.');
  assert.equal(brief.python.requiresPython, '>=3.10');
  assert.deepEqual(brief.python.classifiers, ['3.9', '3.10', '3.11']);
  assert.deepEqual(brief.python.ci.map((c) => c.version), ['3.10', '3.11', '3.12']);
  assert.deepEqual(brief.python.disagreements, [
    'classifier Python 3.9 is outside requires-python >=3.10',
    'classifiers claim Python 3.9 but CI does not test it',
    'CI tests Python 3.12 not listed in the classifiers',
  ]);
  const fw = Object.fromEntries(brief.frameworks.map((f) => [f.name, f]));
  assert.deepEqual(fw.Flask, { name: 'Flask', declared: true, imported: true, files: 4 });
  assert.deepEqual(fw.SQLAlchemy, { name: 'SQLAlchemy', declared: true, imported: true, files: 1 });
  assert.equal(brief.size.testFiles, 1);
  assert.equal(brief.size.pythonFiles, 10);
});

test('flask: how to run it, each command with where it was found', () => {
  assert.deepEqual(
    brief.commands.map((c) => `${c.kind} | ${c.command} | ${c.source} ${c.file}:${c.line}${c.detail ? ` | ${c.detail}` : ''}`),
    [
      'install | pip install -e . | readme README.md:8',
      'run | flask --app shopfront run --debug | readme README.md:9',
      'test | pytest -q | readme README.md:14',
      'test | make test | makefile Makefile:3 | pytest -q',
      'lint | make lint | makefile Makefile:6 | ruff check .',
      'run | shopfront | pyproject pyproject.toml:13 | shopfront.cli:cli',
    ],
  );
  assert.deepEqual(brief.sectionGaps.run, []);
});

test('flask: CLI commands named as the console script runs them; entry points', () => {
  assert.deepEqual(brief.cli.map((c) => `${c.name} ${c.handler} ${c.file}:${c.line}`), [
    'shopfront shopfront.cli.cli shopfront/cli.py:4',
    'shopfront import-products shopfront.cli.import_products shopfront/cli.py:15',
    'shopfront init-db shopfront.cli.init_db shopfront/cli.py:9',
  ]);
  assert.deepEqual(brief.entryPoints.map((e) => `${e.kind} ${e.name} ${e.target ?? ''}`), ['console-script shopfront shopfront.cli:cli']);
});

test('flask: integrations with files and lines, the database password masked, tests ignored', () => {
  assert.deepEqual(
    brief.integrations.map((i) => `${i.kind} ${i.name} [${i.detail ?? ''}] ${i.uses.map((u) => `${u.path}:${u.line}`).join(' ')}`),
    [
      'database PostgreSQL [postgresql://shop:****@localhost:5432/shop] shopfront/db.py:4',
      'cache Redis [redis://localhost:6379/0] shopfront/cache.py:2 shopfront/cache.py:4',
      'api Stripe [] shopfront/api.py:3',
      'http api.shipping.io [] shopfront/api.py:17',
    ],
  );
});

test('flask: env vars with defaults (redacted) and where they are read', () => {
  assert.deepEqual(
    brief.envVars.map((e) => `${e.name} ${e.documented} ${e.default} ${e.uses.map((u) => `${u.path}:${u.line}`).join(' ')}`),
    [
      'DATABASE_URL false postgresql://shop:****@localhost:5432/shop shopfront/db.py:4',
      'REDIS_URL false redis://localhost:6379/0 shopfront/cache.py:4',
      'STRIPE_API_KEY false null shopfront/api.py:7',
    ],
  );
});

test('flask: no secret appears anywhere in the brief, in any format', async () => {
  for (const fmt of ['json', 'markdown', 'html']) {
    const r = await runCli(['brief', t.dir, '--format', fmt]);
    assert.equal(r.code, 0);
    assert.ok(!r.stdout.includes('hunter2'), `${fmt} leaks the password`);
  }
});

test('flask: Markdown to a file writes the architecture SVG beside it and links it', async () => {
  const out = t.path('HANDOFF.md');
  const r = await runCli(['brief', t.dir, '--output', out]);
  assert.equal(r.code, 0, r.stderr);
  const md = readFileSync(out, 'utf8');
  assert.match(md, /!\[Package map[^\]]*\]\(HANDOFF\.architecture\.svg\)/);
  assert.ok(existsSync(t.path('HANDOFF.architecture.svg')));
  const svg = readFileSync(t.path('HANDOFF.architecture.svg'), 'utf8');
  assert.match(svg, /<svg[^>]+id="architecture"/);
  assert.match(svg, /data-package="shopfront.admin"/);
  assert.match(md, /\| POST \| `\/shop\/cart\/checkout` \| `shopfront\.shop\.views\.checkout` \| \[`shopfront\/shop\/views\.py:13`\]\(shopfront\/shop\/views\.py#L13\) \|/);
  // Markdown on stdout has no file to link: a Mermaid block instead
  const std = await runCli(['brief', t.dir, '--format', 'markdown']);
  assert.match(std.stdout, /```mermaid\nflowchart TD/);
});

test('flask: fragile — undocumented env vars link to their finding in the full report; untested modules', () => {
  const env = brief.fragile.filter((f) => f.kind === 'undocumented-env');
  assert.deepEqual(env.map((f) => f.message), [
    'DATABASE_URL is read at shopfront/db.py:4 but documented nowhere',
    'REDIS_URL is read at shopfront/cache.py:4 but documented nowhere',
    'STRIPE_API_KEY is read at shopfront/api.py:7 but documented nowhere',
  ]);
  for (const f of env) assert.match(f.link, /^pyvet\.html#finding-[0-9a-f]{32}$/);
  // health's list of modules no test imports, biggest first, each linked to its file
  assert.deepEqual(brief.fragile.filter((f) => f.kind === 'untested').map((f) => `${f.message} -> ${f.link}`), [
    'shopfront (13 lines): no test imports it -> shopfront/__init__.py',
    'shopfront.shop.views (10 lines): no test imports it -> shopfront/shop/views.py',
    'shopfront.admin.views (7 lines): no test imports it -> shopfront/admin/views.py',
  ]);
});
