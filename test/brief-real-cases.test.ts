// Cases the found / missed / invented pass on real repositories turned up (docs/brief.md lists them per repository),
// each reduced to the smallest tree that shows it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { briefOf } from './helpers.js';
import { briefFile } from '../src/brief/test-util.js';
import { ModuleIndex, type Mod } from '../src/brief/resolve.js';
import { cliCommands, tasksOf } from '../src/brief/entries.js';
import { modelsOf } from '../src/brief/models.js';
import { graphqlOf } from '../src/brief/graphql.js';
import { purpose, readmeCommands } from '../src/brief/commands.js';
import { renderBriefMarkdown } from '../src/brief/render.js';
import type { ScanReport } from '../src/core/report.js';

const mod = (module: string, path: string, src: string): Mod => ({ module, path, ...briefFile(src, path), role: 'production' });

test('RQ: a dotted string is the job as written, django_rq @job counts, cls.handle is the enclosing class method and each subclass\'s', () => {
  const events = mod('extras.events', 'extras/events.py', "import django_rq\ndef flush(q):\n    q.enqueue('extras.webhooks.send_webhook', data=1)\n");
  const hooks = mod('extras.webhooks', 'extras/webhooks.py', "from django_rq import job\n@job('default')\ndef send_webhook(data): ...\n");
  const jobs = mod('netbox.jobs', 'netbox/jobs.py', 'from core.models import Job\nclass JobRunner:\n    @classmethod\n    def enqueue(cls, *a):\n        return Job.enqueue(cls.handle, *a)\n');
  // Each subclass of the class that enqueues `cls.handle` is a job of its own, through another subclass too.
  const subs = mod('core.jobs', 'core/jobs.py', 'from netbox.jobs import JobRunner\nclass SyncJob(JobRunner):\n    def run(self): ...\nclass NightlySync(SyncJob): ...\nclass Other: ...\n');
  assert.deepEqual(tasksOf(new ModuleIndex([hooks, events, jobs, subs])).map((t) => `${t.kind} ${t.name} ${t.file}`), [
    'rq core.jobs.NightlySync.handle core/jobs.py',
    'rq core.jobs.SyncJob.handle core/jobs.py',
    'rq extras.webhooks.send_webhook extras/webhooks.py',
    'rq netbox.jobs.JobRunner.handle netbox/jobs.py',
  ]);
});

test('Django models: a custom User on AbstractBaseUser and a model on another app\'s models base; managers and DB functions are not models', () => {
  const m = mod('users.models', 'users/models.py', [
    'from django.contrib.auth.base_user import AbstractBaseUser',
    'from django.contrib.auth.models import PermissionsMixin, UserManager',
    'from django.db import models',
    'from taggit.models import GenericTaggedItemBase',
    'class User(AbstractBaseUser, PermissionsMixin):',
    '    username = models.CharField(max_length=150)',
    'class TaggedItem(GenericTaggedItemBase):',
    '    tag = models.ForeignKey("Tag", on_delete=models.CASCADE)',
    'class Manager(UserManager): ...',
    'class Lower(models.Func): ...',
    'from django.forms.models import ModelFormMetaclass',
    'class ConfigFormMetaclass(ModelFormMetaclass): ...',
    'class NotApplicable(ValueError): ...',
  ].join('\n'));
  assert.deepEqual(modelsOf(new ModuleIndex([m])).map((x) => `${x.name} ${x.kind} ${x.relations.map((r) => r.target).join(',')}`), ['TaggedItem django Tag', 'User django ']);
});

test('star imports: a name from `from .views import *` resolves to the project module that defines it', () => {
  const views = mod('challenge.views', 'challenge/views.py', 'class DoItFast: ...\n');
  const urls = mod('challenge.urls', 'challenge/urls.py', 'from django.urls import path\nfrom .views import *\n');
  const ix = new ModuleIndex([views, urls]);
  assert.equal(ix.qualify(urls, 'DoItFast.as_view'), 'challenge.views.DoItFast.as_view');
  assert.equal(ix.qualify(urls, 'Unknown'), 'challenge.urls.Unknown');
});

test('typer/click: commands on an app imported from the project count, on an unknown object they do not; a script calling the app names it', () => {
  const app = mod('deployer.app', 'deployer/app.py', 'import typer\napp = typer.Typer()\ngenerate_app = typer.Typer()\napp.add_typer(generate_app, name="generate")\n');
  const cmd = mod('deployer.gen', 'deployer/gen.py', 'from deployer.app import generate_app\n@generate_app.command()\ndef cryptnono_config(): ...\n');
  const grp = mod('tool.cli', 'tool/cli.py', 'import click\n@click.group()\ndef cli(): ...\n');
  const sub = mod('tool.sub', 'tool/sub.py', 'from tool.cli import cli\nfrom thing import registry\n@cli.command()\ndef init_db(): ...\n@registry.command()\ndef nope(): ...\n');
  // the scripts point at functions that run the CLI objects: `def main(): app()`, `def run(): cli.main()`
  const main = mod('deployer.__main__', 'deployer/__main__.py', 'from .app import app\ndef main():\n    validate()\n    app()\n');
  // the root app re-exported by another module and imported from there is the same object
  const reexport = mod('deployer.dev.app', 'deployer/dev/app.py', 'from deployer.app import app\n');
  const keys = mod('deployer.dev.keys', 'deployer/dev/keys.py', 'import typer\nfrom deployer.dev.app import app\n@app.command()\ndef decrypt_age(): ...\n');
  const run = mod('tool.run', 'tool/run.py', 'from tool.cli import cli\ndef run():\n    cli.main(prog_name="tool")\n');
  const scripts = [{ name: 'deployer', target: 'deployer.__main__:main', file: 'pyproject.toml', line: 1, gui: false }, { name: 'tool', target: 'tool.run:run', file: 'pyproject.toml', line: 2, gui: false }];
  assert.deepEqual(cliCommands(new ModuleIndex([app, cmd, grp, sub, main, run, reexport, keys]), scripts).map((c) => `${c.framework} ${c.name}`), ['typer deployer decrypt-age', 'typer deployer generate cryptnono-config', 'click tool', 'click tool init-db']);
});

test('Ariadne: resolvers in a module that imports only the project\'s bindable are read, through a namespace package', () => {
  // backend/utils has no __init__.py: the bindable's module is `graphql.mutation_type`, imported by its full path
  const ix = new ModuleIndex([
    mod('graphql.mutation_type', 'backend/utils/graphql/mutation_type.py', 'from ariadne import MutationType\nmutation = MutationType()\n'),
    mod('backend.users.login', 'backend/users/login.py', 'from backend.utils.graphql.mutation_type import mutation\n@mutation.field("loginUser")\nasync def login(obj, info): ...\n'),
  ]);
  assert.deepEqual(graphqlOf(ix, [], []).map((s) => [s.framework, s.mutations]), [['ariadne', ['loginUser']]]);
});

test('README commands: rst tables of backticks are no fences; a directory tree and a bare wrapper are no commands', () => {
  const rst = ['Intro', '', '``````````````', '', 'Since you normally', 'just return strings from views.', '', '.. code-block:: bash', '', '    pip install app', '', 'Activate', '~~~~~~~~', '', '.. code-block:: text', '', '    $ . .venv/bin/activate', '    (venv) ok'].join('\n');
  assert.deepEqual(readmeCommands(rst, 'docs/quickstart.rst', 'docs').map((c) => c.command), ['pip install app', '. .venv/bin/activate']);
  const md = ['```bash', '.', '└── saleor', '    └── graphql', '```', '> when you run `docker compose` or `uv run`, the override applies', 'Then `uv run pytest` and `uv sync`.'].join('\n');
  assert.deepEqual(readmeCommands(md, 'CONTRIBUTING.md', 'docs').map((c) => c.command), ['uv run pytest', 'uv sync']);
});

test('end to end: parenthesized re_path patterns, setup.py INI entry points, aiohttp factory handlers, asgi packages, smoke-test compose stacks', async () => {
  const { tree, brief } = await briefOf({
    'manage.py': 'import os\nif __name__ == "__main__":\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\n',
    'shop/__init__.py': '',
    'shop/settings.py': 'ROOT_URLCONF = "shop.urls"\npromo_schedule = make_schedule()\nCELERY_BEAT_SCHEDULE = {"recalc": {"task": (\n    "shop.tasks"\n    ".recalc"\n), "schedule": 60}, "promo": {"task": "shop.tasks.promo", "schedule": promo_schedule}}\n',
    'shop/asgi/__init__.py': 'from django.core.asgi import get_asgi_application\napplication = get_asgi_application()\n',
    'shop/views.py': 'def thumb(request, pk): ...\n',
    'shop/urls.py': 'from django.urls import re_path\nfrom .views import thumb\nurlpatterns = [\n    re_path(\n        (\n            r"^thumbnail/(?P<pk>\\d+)/"\n            r"(?:(?P<fmt>[a-z]+)/)?"\n        ),\n        thumb,\n    ),\n]\n',
    'Dockerfile': 'FROM python:3.12\nCMD ["uvicorn", "shop.asgi:application"]\n',
    'svc/__init__.py': '',
    'svc/api.py': 'def make(use_case):\n    async def h(request): ...\n    return h\n',
    'svc/app.py': 'from aiohttp import web\nfrom svc.api import make\ndef create_app():\n    app = web.Application()\n    app.add_routes([web.get("/api/items", make(cases.items()))])\n    return app\n',
    'setup.py': 'from setuptools import setup\nsetup(\n    name="shop",\n    entry_points="""\n        [console_scripts]\n        adev=svc.cli:cli\n        shop-devtools=svc.cli:cli\n    """,\n)\n',
    'svc/cli.py': 'import click\n@click.group()\ndef cli(): ...\n@cli.command()\ndef serve(): ...\n',
    'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n  adminer:\n    image: adminer\n',
    '.github/workflows/smoke.yml': 'on: push\njobs:\n  smoke:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker compose up -d --wait adminer\n      - run: curl http://localhost:8080\n      - run: docker compose down\n',
    '.github/workflows/test.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker compose up -d db\n      - run: pytest\n',
  });
  try {
    assert.ok(brief.routes.some((r) => r.path === '/thumbnail/(?P<pk>\\d+)/(?:(?P<fmt>[a-z]+)/)?' && r.handler === 'shop.views.thumb'), JSON.stringify(brief.routes));
    assert.equal(brief.gaps.some((g) => g.includes('not understood')), false);
    assert.equal(brief.schedules.find((s) => s.name === 'recalc')?.task, 'shop.tasks.recalc');
    assert.ok(brief.gaps.some((g) => g.includes('schedule of "promo" is computed at run time (promo_schedule)')), brief.gaps.join('\n'));
    assert.equal(brief.gaps.some((g) => g.includes('schedule of "recalc"')), false);
    assert.ok(brief.routes.some((r) => r.path === '/api/items' && r.handler === 'svc.api.make(…)'), JSON.stringify(brief.routes));
    assert.deepEqual(brief.entryPoints.filter((e) => e.kind === 'console-script').map((e) => [e.name, e.targetFile, e.targetLine]), [['adev', 'svc/cli.py', 3], ['shop-devtools', 'svc/cli.py', 3]]);
    assert.deepEqual(brief.cli.map((c) => c.name), ['adev', 'adev serve']);
    assert.ok(brief.entryPoints.some((e) => e.kind === 'asgi' && e.name === 'shop.asgi:application' && e.file === 'shop/asgi/__init__.py'));
    assert.deepEqual((brief.testServices ?? []).map((s) => s.name), ['db']);
    const md = renderBriefMarkdown({ brief, version: 'test', scannedAt: '2026-01-01T00:00:00Z' } as unknown as ScanReport);
    assert.match(md, /\*\*Read first:\*\* \[`shop\/asgi\/__init__.py:1`\]\(shop\/asgi\/__init__.py#L1\) — entry point \(shop.asgi:application\)/);
    assert.match(md, /\*\*Run it:\*\* run `uvicorn shop.asgi:application` \(\[`Dockerfile:2`\]/);
  } finally {
    tree.cleanup();
  }
});

test('Start here: the FastAPI app a run command loads is read first; the root manage.py picks the settings, not a side project', async () => {
  const { tree, brief } = await briefOf({
    'backend/app/__init__.py': '',
    'backend/app/backend_pre_start.py': 'def main(): ...\nif __name__ == "__main__":\n    main()\n',
    'backend/app/api.py': 'from fastapi import APIRouter\nrouter = APIRouter()\n@router.get("/items")\ndef items(): ...\n',
    'backend/app/main.py': 'from fastapi import FastAPI\nfrom app.api import router\napp = FastAPI()\napp.include_router(router, prefix="/api")\n',
    'backend/Dockerfile': 'FROM python:3.12\nCMD ["fastapi", "run", "--workers", "4", "app/main.py"]\n',
    'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings")\n',
    'site/__init__.py': '',
    'site/settings.py': 'ROOT_URLCONF = "site.urls"\n',
    'site/urls.py': 'from django.urls import path\nfrom app.api import items\nurlpatterns = [path("x/", items)]\n',
    'labs/lab/manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "labsite.settings")\n',
    'labs/lab/labsite/__init__.py': '',
    'labs/lab/labsite/settings.py': 'ROOT_URLCONF = "labsite.urls"\n',
  });
  try {
    assert.deepEqual((brief.apps ?? []).map((a) => `${a.framework} ${a.name} ${a.file}:${a.line}`), ['fastapi app.main:app backend/app/main.py:3']);
    const md = renderBriefMarkdown({ brief, version: 'test', scannedAt: '2026-01-01T00:00:00Z' } as unknown as ScanReport);
    const start = md.slice(md.indexOf('## Start here'), md.indexOf('1. ['));
    assert.match(start, /\[`site\/settings.py`\]\(site\/settings.py\) — settings/);
    assert.match(start, /\[`backend\/app\/main.py:3`\]\(backend\/app\/main.py#L3\) — the fastapi app \(app.main:app\)/);
    assert.doesNotMatch(start, /backend_pre_start/);
  } finally {
    tree.cleanup();
  }
});

test('SQLAlchemy Core tables: name, columns with their types, foreign keys by string or by table variable', () => {
  const m = mod('conduit.db.tables', 'conduit/db/tables.py', [
    'import sqlalchemy as sa',
    'METADATA = sa.MetaData()',
    'USER = sa.Table(',
    '    "user",',
    '    METADATA,',
    '    sa.Column("id", sa.BigInteger, primary_key=True),',
    '    sa.Column("bio", sa.Text(), nullable=False),',
    ')',
    'FOLLOWER = sa.Table("follower", METADATA, sa.Column("follower_id", sa.BigInteger, sa.ForeignKey(USER.c.id)), sa.Column("tag", sa.ForeignKey("tag.id")), sa.PrimaryKeyConstraint("follower_id"))',
    'NOT_A_TABLE = make_table("x", METADATA)',
  ].join('\n'));
  assert.deepEqual(modelsOf(new ModuleIndex([m])).map((x) => [x.name, x.kind, x.line, x.fields.map((f) => `${f.name}:${f.type}`), x.relations.map((r) => `${r.field}->${r.target}`)]), [
    ['follower', 'sqlalchemy', 9, ['follower_id:BigInteger', 'tag:?'], ['follower_id->user', 'tag->tag']],
    ['user', 'sqlalchemy', 3, ['id:BigInteger', 'bio:Text'], []],
  ]);
});

test('purpose: installing a test tool is an install command', () => {
  assert.equal(purpose('pip install nox'), 'install');
  assert.equal(purpose('python -m pip install pytest'), 'install');
  assert.equal(purpose('nox -s tests'), 'test');
  assert.equal(purpose('uv run pytest'), 'test');
});

test('Start here: the CLI layer is named apart only when it holds nearly all the commands', async () => {
  const cli = (names: string[]) => `import click\nfrom tool.cli import cli\n${names.map((n) => `@cli.command()\ndef ${n}(): ...\n`).join('')}`;
  const base = {
    'pyproject.toml': '[project]\nname = "tool"\n[project.scripts]\ntool = "tool.cli:cli"\n',
    'tool/__init__.py': '',
    'tool/cli.py': 'import click\n@click.group()\ndef cli(): ...\n',
    'tool/core/__init__.py': '',
    'tool/core/engine.py': Array.from({ length: 40 }, (_, i) => `def f${i}():\n    return ${i}\n`).join(''),
  };
  for (const [files, layer] of [
    [{ 'tool/console/__init__.py': '', 'tool/console/a.py': cli(['one', 'two', 'three', 'four']) }, true],
    [{ 'tool/console/__init__.py': '', 'tool/console/a.py': cli(['one', 'two']), 'tool/ops/__init__.py': '', 'tool/ops/b.py': cli(['three', 'four']) }, false],
  ] as const) {
    const { tree, brief } = await briefOf({ ...base, ...files });
    try {
      const md = renderBriefMarkdown({ brief, version: 'test', scannedAt: '2026-01-01T00:00:00Z' } as unknown as ScanReport);
      assert.equal(/the CLI layer is `tool.console`/.test(md), layer, md.slice(md.indexOf('## Start here'), md.indexOf('1. [')));
    } finally {
      tree.cleanup();
    }
  }
});

test('Django: `urlpatterns += static(...) + [...]` keeps the list and names the part a call builds at run time', () => {
  const m = mod('site.urls', 'site/urls.py', "from django.conf.urls.static import static\nfrom django.urls import re_path\nurlpatterns = []\nurlpatterns += static('/media/', document_root='m') + [\n    re_path(r'^$', home),\n]\n");
  assert.equal(m.facts.urlLists?.urlpatterns?.length, 1);
  assert.deepEqual(m.facts.dynamic!.map((d) => `${d.line}: ${d.what}`), ["4: URL patterns added at run time: static('/media/', document_root='m')"]);
});
