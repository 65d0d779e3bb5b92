import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALICE, TempRepo } from './helpers.js';
import { ownersOf } from '../src/brief/owners.js';
import { identityKeys, lineOwnership, removeLines, renamePaths } from '../src/facts/ownership.js';
import { briefFile } from '../src/brief/test-util.js';
import { ModuleIndex, type Mod } from '../src/brief/resolve.js';
import { djangoRoutes, webRoutes } from '../src/brief/routes.js';
import { cliCommands } from '../src/brief/entries.js';
import { modelsOf, erDiagram } from '../src/brief/models.js';
import { readmeCommands, pyprojectTox } from '../src/brief/commands.js';
import { redactText } from '../src/brief/redact.js';

const mod = (module: string, path: string, src: string): Mod => {
  return { module, path, ...briefFile(src, path), role: 'production' };
};

test('owners: line ownership from the whole history, aliases merged, identical on every run', async () => {
  const repo = new TempRepo();
  try {
    repo.commit('a', { 'app/core.py': 'a = 1\nb = 2\nc = 3\nd = 4\n' });
    // the same person under a GitHub noreply address and a differently-cased name
    repo.commit('b', { 'app/core.py': 'a = 1\nb = 2\nc = 3\nd = 4\ne = 5\nf = 6\n' }, { author: { name: 'alice example', email: '123+alice@users.noreply.github.com' } });
    repo.commit('c', { 'app/core.py': 'a = 1\nb = 20\nc = 3\nd = 4\ne = 5\nf = 6\n' }, { author: { name: 'Bob', email: 'bob@example.com' } });
    repo.commit('mv', { 'app/core.py': null, 'app/main.py': 'a = 1\nb = 20\nc = 3\nd = 4\ne = 5\nf = 6\n' });
    const one = await lineOwnership(repo.dir);
    const two = await lineOwnership(repo.dir);
    assert.deepEqual(one.files, two.files);
    const f = one.files.find((x) => x.path === 'app/main.py');
    assert.deepEqual(f?.authors, [{ name: ALICE.name, lines: 5 }, { name: 'Bob', lines: 1 }]);
    assert.equal(one.files.some((x) => x.path === 'app/core.py'), false);
    const owners = ownersOf(one.files, one.activity);
    assert.equal(owners[0]!.authors[0]!.name, ALICE.name);
  } finally {
    repo.cleanup();
  }
});

test('owners: identity keys, proportional removal, rename notation', () => {
  assert.deepEqual(identityKeys('Alice', '42+alice@users.noreply.github.com'), ['e:42+alice@users.noreply.github.com', 'gh:alice', 'n:alice', 'gh:alice']);
  assert.ok(!identityKeys('root', 'root@localhost').includes('n:root'));
  const m = new Map([['a', 6], ['b', 3], ['c', 1]]);
  removeLines(m, 5);
  assert.deepEqual([...m], [['a', 3], ['b', 1], ['c', 1]]);
  assert.deepEqual(renamePaths('src/{old => new}/x.py'), ['src/old/x.py', 'src/new/x.py']);
  assert.deepEqual(renamePaths('a.py => b.py'), ['a.py', 'b.py']);
  assert.equal(renamePaths('a.py'), null);
});

test('django: settings-valued prefix, tuple urlpatterns, router.urls with viewset actions and @action extras', () => {
  const settings = mod('site.settings', 'site/settings.py', `BASE_PATH = trailing(getattr(cfg, 'BASE_PATH', 'nb/'))\nROOT_URLCONF = 'site.urls'\n`);
  const urls = mod('site.urls', 'site/urls.py', `from django.conf import settings\nfrom django.urls import include, path\n_p = [\n    path('users/', include('users.urls')),\n    path('api/', include('users.api')),\n]\n_p.append(path('debug/', include('users.urls')))\nurlpatterns = [path(settings.BASE_PATH, include(_p))]\n`);
  const users = mod('users.urls', 'users/urls.py', `from django.urls import path\nfrom . import views\nurlpatterns = (\n    path('tokens/', views.TokenList.as_view()),\n    path('x/', include(get_model_urls('users', 'x'))),\n)\n`);
  const api = mod('users.api', 'users/api.py', `from rest_framework import viewsets, mixins\nfrom rest_framework.decorators import action\nfrom netbox.routers import NetBoxRouter\nclass Base(mixins.ListModelMixin, viewsets.GenericViewSet):\n    pass\nclass TokenViewSet(Base):\n    def retrieve(self, request, pk=None): ...\n    @action(detail=True, methods=['post'], url_path='rotate')\n    def rotate(self, request, pk=None): ...\nrouter = NetBoxRouter()\nrouter.register('tokens', TokenViewSet)\nurlpatterns = router.urls\n`);
  const ix = new ModuleIndex([settings, urls, users, api]);
  const gaps: string[] = [];
  const lookup = (n: string) => (settings.facts.settingValues?.[n] ? { ...settings.facts.settingValues[n]!, file: settings.path } : null);
  const routes = djangoRoutes(ix, ['site.urls'], lookup, gaps).map((r) => `${r.method} ${r.path} ${r.handler}`);
  assert.deepEqual(routes, [
    'ANY /nb/users/tokens/ users.views.TokenList.as_view',
    'GET /nb/api/tokens/ users.api.TokenViewSet.list',
    'GET /nb/api/tokens/{pk}/ users.api.TokenViewSet.retrieve',
    'POST /nb/api/tokens/{pk}/rotate/ users.api.TokenViewSet.rotate',
    'ANY /nb/debug/tokens/ users.views.TokenList.as_view',
  ]);
  assert.ok(gaps.some((g) => g.includes('settings.BASE_PATH is computed') && g.includes('"nb/"')));
  assert.ok(gaps.some((g) => g.includes('include(get_model_urls())') && g.includes('/nb/users/x/')));
  // A router class pyvet does not model may add routes at run time: a gap names it and where it is made.
  assert.ok(gaps.includes("users/api.py:10: router `router` is a NetBoxRouter, not a class of this project; routes it adds beyond DRF's standard viewset actions and @action methods (under /nb/api/) are not listed"), gaps.join('\n'));
  // The project's own router class is named with its definition; DRF's DefaultRouter needs no gap.
  const own = mod('app.routers', 'app/routers.py', 'from rest_framework.routers import DefaultRouter\nclass BulkRouter(DefaultRouter):\n    pass\n');
  const appUrls = mod('app.urls', 'app/urls.py', "from django.urls import include, path\nfrom rest_framework.routers import DefaultRouter\nfrom app.routers import BulkRouter\nfrom app.views import A\nbulk = BulkRouter()\nbulk.register('a', A)\nplain = DefaultRouter()\nplain.register('b', A)\nurlpatterns = [path('x/', include(bulk.urls)), path('y/', include(plain.urls))]\n");
  const gaps2: string[] = [];
  djangoRoutes(new ModuleIndex([own, appUrls]), ['app.urls'], () => null, gaps2);
  assert.deepEqual(gaps2.filter((g) => g.includes('router')), ["app/urls.py:5: router `bulk` is a BulkRouter (app/routers.py:2); routes it adds beyond DRF's standard viewset actions and @action methods (under /x/) are not listed"]);
});

test('aiohttp and FastAPI settings prefixes; cleo commands', () => {
  const aio = mod('svc.app', 'svc/app.py', `from aiohttp import web\nroutes = web.RouteTableDef()\n@routes.get('/health')\nasync def health(request): ...\napp = web.Application()\napp.router.add_post('/items', create)\napp.add_routes([web.get('/items/{id}', read)])\napp.add_routes(routes)\n`);
  const cfg = mod('api.config', 'api/config.py', `from pydantic_settings import BaseSettings\nclass Settings(BaseSettings):\n    API_V1_STR: str = "/api/v1"\nsettings = Settings()\n`);
  const main = mod('api.main', 'api/main.py', `from fastapi import FastAPI, APIRouter\nfrom api.config import settings\napp = FastAPI()\nrouter = APIRouter(prefix='/users')\n@router.get('/me')\ndef me(): ...\napp.include_router(router, prefix=settings.API_V1_STR)\n`);
  const gaps: string[] = [];
  const routes = webRoutes(new ModuleIndex([aio, cfg, main]), gaps).map((r) => `${r.framework} ${r.method} ${r.path}`).sort();
  assert.deepEqual(routes, ['aiohttp GET /health', 'aiohttp GET /items/{id}', 'aiohttp POST /items', 'fastapi GET /api/v1/users/me']);
  const cmd = mod('tool.commands.add', 'src/tool/commands/add.py', `from cleo.commands.command import Command as Base\nclass AddCommand(Base):\n    name = "add"\nclass EnvInfo(AddCommand):\n    name = "env info"\n`);
  const cli = cliCommands(new ModuleIndex([cmd]), [{ name: 'tool', target: 'tool.app:main', file: 'pyproject.toml', line: 3, gui: false }]);
  assert.deepEqual(cli.map((c) => `${c.framework} ${c.name}`), ['cleo tool add', 'cleo tool env info']);
});

test('models: Django relations, SQLModel tables and Pydantic schemas; an ER diagram of the connected ones', () => {
  const dj = mod('shop.models', 'shop/models.py', `from django.db import models\nclass Base(models.Model):\n    class Meta:\n        abstract = True\nclass Customer(Base):\n    name = models.CharField(max_length=10)\nclass Order(Base):\n    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)\n    tags = models.ManyToManyField('shop.Tag')\n    parent = models.OneToOneField('self', null=True)\nclass Tag(models.Model):\n    label = models.SlugField()\n`);
  const sm = mod('app.models', 'app/models.py', `from sqlmodel import SQLModel, Field, Relationship\nclass ItemBase(SQLModel):\n    title: str\nclass Item(ItemBase, table=True):\n    id: int = Field(primary_key=True)\n    owner_id: int = Field(foreign_key="user.id")\n    owner: "User" = Relationship(back_populates="items")\n`);
  const models = modelsOf(new ModuleIndex([dj, sm]));
  assert.deepEqual(models.map((m) => `${m.kind} ${m.name}:${m.line}`), ['sqlmodel Item:4', 'pydantic ItemBase:2', 'django Customer:5', 'django Order:7', 'django Tag:11']);
  assert.deepEqual(models.find((m) => m.name === 'Order')!.relations, [
    { field: 'customer', kind: 'FK', target: 'Customer' },
    { field: 'tags', kind: 'M2M', target: 'Tag' },
    { field: 'parent', kind: 'O2O', target: 'Order' },
  ]);
  assert.deepEqual(models.find((m) => m.name === 'Item')!.relations, [{ field: 'owner_id', kind: 'FK', target: 'user' }, { field: 'owner', kind: 'relationship', target: 'User' }]);
  const er = erDiagram(models);
  assert.match(er, /^erDiagram\n/);
  assert.match(er, /Order \}o--\|\| Customer : customer/);
});

test('commands: an unclosed fence ends at prose, inline code with a tool, untyped fences; tox in pyproject; host:port kept', () => {
  const md = '# X\n\n```bash\ndocker compose up\n\n### Build\n1. Clone the repository `git clone x`\n2. Install `pip install -r requirements.txt`\n4. Browse to <http://127.0.0.1:8000>\n\n```\npython manage.py test\n```\n';
  assert.deepEqual(readmeCommands(md, 'README.md').map((c) => `${c.kind} ${c.command} :${c.line}`), ['run docker compose up :4', 'install pip install -r requirements.txt :8', 'test python manage.py test :12']);
  const tox = pyprojectTox('[project]\nname = "x"\n\n[tool.tox]\nenv_list = ["py3.12", "style"]\n\n[tool.tox.env.style]\ncommands = [["ruff"]]\n', 'pyproject.toml');
  assert.deepEqual(tox.map((c) => `${c.kind} ${c.command} :${c.line}`), ['test tox :4', 'lint tox -e style :7']);
  assert.equal(redactText('open http://127.0.0.1:8000/admin'), 'open http://127.0.0.1:8000/admin');
  assert.equal(redactText('postgres://app:s3cr'), 'postgres://app:****');
});
