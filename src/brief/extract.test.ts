import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clickName, type BriefFacts } from './extract.js';
import { briefFile } from './test-util.js';
import { classMethods } from './methods.js';

const facts = (src: string, path = 'pkg/mod.py'): BriefFacts => briefFile(src, path).facts;

test('Flask: app and blueprint objects, decorator routes with methods, register_blueprint prefixes', () => {
  const f = facts(`from flask import Flask, Blueprint
app = Flask(__name__)
bp = Blueprint('admin', __name__, url_prefix='/admin')

@bp.route('/users', methods=['GET', 'post'])
def users(): ...

@app.get('/health')
def health(): ...

app.register_blueprint(bp, url_prefix='/x')
app.add_url_rule('/about', view_func=About.as_view('about'))
app.add_url_rule(rule_var, view_func=f)
`);
  assert.deepEqual(f.apps, [
    { variable: 'app', kind: 'flask', prefix: null, line: 2 },
    { variable: 'bp', kind: 'blueprint', prefix: '/admin', line: 3 },
  ]);
  assert.deepEqual(f.routes, [
    { owner: 'bp', methods: ['GET', 'POST'], path: '/users', handler: 'users', line: 5, via: 'decorator' },
    { owner: 'app', methods: ['GET'], path: '/health', handler: 'health', line: 8, via: 'decorator' },
    { owner: 'app', methods: ['GET'], path: '/about', handler: 'About.as_view', line: 12, via: 'add_url_rule' },
  ]);
  assert.deepEqual(f.mounts, [{ parent: 'app', child: 'bp', prefix: '/x', line: 11, kind: 'register_blueprint' }]);
  assert.equal(f.dynamic!.length, 1);
  assert.match(f.dynamic![0]!.what, /add_url_rule\(\) with a computed path/);
});

test('FastAPI: routers with prefixes, include_router of an imported router, websocket', () => {
  const f = facts(`from fastapi import FastAPI, APIRouter
from .routers import users
app = FastAPI()
router = APIRouter(prefix="/items", tags=["items"])

@router.get("/{item_id}")
async def read_item(item_id: int): ...

@app.websocket("/ws")
async def ws(): ...

app.include_router(users.router, prefix="/v1")
app.include_router(router)
`);
  assert.deepEqual(f.apps!.map((a) => [a.variable, a.kind, a.prefix]), [['app', 'fastapi', null], ['router', 'apirouter', '/items']]);
  assert.deepEqual(f.routes!.map((r) => [r.owner, r.methods, r.path, r.handler, r.line]), [['router', ['GET'], '/{item_id}', 'read_item', 6], ['app', ['WS'], '/ws', 'ws', 9]]);
  assert.deepEqual(f.mounts!.map((m) => [m.parent, m.child, m.prefix, m.line]), [['app', 'users.router', '/v1', 12], ['app', 'router', null, 13]]);
  assert.deepEqual(f.imports![2], { module: 'routers', name: 'users', alias: null, level: 1, line: 2 });
});

test('a non-route .get() call and a route-like decorator on a non-path string are not routes', () => {
  const f = facts(`d = {}
x = d.get('/a')
@cache.get('key')
def g(): ...
`);
  assert.equal(f.routes, undefined);
});

test('Django URL lists: path/re_path/url, include of a module, a nested list, a variable; as_view handlers', () => {
  const f = facts(`from django.urls import include, path, re_path
from . import views
extra = [path('reports/', views.reports)]
urlpatterns = [
    path('', views.index, name='index'),
    path('blog/', include('blog.urls')),
    path('api/', include([path('v1/', views.ApiRoot.as_view())])),
    re_path(r'^archive/(?P<year>[0-9]{4})/$', views.archive),
    path('more/', include(extra)),
]
urlpatterns += [path('late/', views.late)]
`, 'site/urls.py');
  assert.deepEqual(Object.keys(f.urlLists ?? {}).sort(), ['extra', 'urlpatterns']);
  const u = f.urlLists!.urlpatterns!;
  assert.deepEqual(u.map((p) => [p.kind, p.route, p.view, p.include, p.line]), [
    ['path', '', 'views.index', null, 5],
    ['path', 'blog/', null, { module: 'blog.urls' }, 6],
    ['path', 'api/', null, { patterns: [{ kind: 'path', route: 'v1/', view: 'views.ApiRoot.as_view', include: null, line: 7 }] }, 7],
    ['re_path', '^archive/(?P<year>[0-9]{4})/$', 'views.archive', null, 8],
    ['path', 'more/', null, { variable: 'extra' }, 9],
    ['path', 'late/', 'views.late', null, 11],
  ]);
});

test('Celery: shared_task, app.task with name=, beat schedule dict with crontab, seconds and timedelta', () => {
  const f = facts(`from celery import Celery, shared_task
from celery.schedules import crontab
from datetime import timedelta
app = Celery('proj', broker='redis://:s3cret@redis:6379/0')

@shared_task
def cleanup(): ...

@app.task(name='reports.send', bind=True)
def send_report(self): ...

app.conf.beat_schedule = {
    'nightly-cleanup': {'task': 'proj.tasks.cleanup', 'schedule': crontab(hour=3, minute=30)},
    'every-5-min': {'task': 'reports.send', 'schedule': 60 * 5},
    'weekly': {'task': 'x.y', 'schedule': crontab(minute=0, hour=8, day_of_week='mon')},
    'hourly': {'task': 'x.z', 'schedule': timedelta(hours=1)},
}
`);
  assert.deepEqual(f.tasks, [
    { kind: 'celery', function: 'cleanup', name: null, line: 6 },
    { kind: 'celery', function: 'send_report', name: 'reports.send', line: 9 },
  ]);
  assert.deepEqual(f.schedules!.map((s) => [s.name, s.task, s.schedule, s.line]), [
    ['nightly-cleanup', 'proj.tasks.cleanup', 'cron 30 3 * * *', 13],
    ['every-5-min', 'reports.send', 'every 5m', 14],
    ['weekly', 'x.y', 'cron 0 8 * * mon', 15],
    ['hourly', 'x.z', 'every 1h', 16],
  ]);
  assert.deepEqual(f.urls, [{ scheme: 'redis', host: 'redis', url: 'redis://:****@redis:6379/0', line: 4 }]);
});

test('RQ, Dramatiq, APScheduler and add_periodic_task', () => {
  const f = facts(`import dramatiq
from rq import Queue
from apscheduler.schedulers.blocking import BlockingScheduler
q = Queue()
q.enqueue(send_email, 'a@b.c')
sched = BlockingScheduler()

@dramatiq.actor(queue_name='mail')
def mail(): ...

@sched.scheduled_job('cron', day_of_week='mon-fri', hour=5, id='morning')
def morning(): ...

sched.add_job(tick, 'interval', minutes=15)
app.add_periodic_task(10.0, ping.s(), name='ping every 10')
`);
  assert.deepEqual(f.tasks!.map((t) => [t.kind, t.function, t.line]), [['rq', 'send_email', 5], ['dramatiq', 'mail', 8]]);
  assert.deepEqual(f.schedules!.map((s) => [s.kind, s.name, s.task, s.schedule, s.line]), [
    ['apscheduler', 'morning', 'morning', 'cron day_of_week=mon-fri hour=5', 11],
    ['apscheduler', 'tick', 'tick', 'every 15m', 14],
    ['celery-beat', 'ping every 10', 'ping', 'every 10s', 15],
  ]);
});

test('click groups and commands, typer commands, argparse sub-commands', () => {
  const c = facts(`import click
@click.group()
def cli(): ...

@cli.command()
def init_db(): ...

@cli.command('serve')
def run_server(): ...
`);
  assert.deepEqual(c.cli!.map((x) => [x.framework, x.name, x.group, x.isGroup, x.handler, x.line]), [
    ['click', 'cli', null, true, 'cli', 2],
    ['click', 'init-db', 'cli', false, 'init_db', 5],
    ['click', 'serve', 'cli', false, 'run_server', 8],
  ]);
  const t = facts(`import typer
app = typer.Typer()
@app.command()
def hello_world(name: str): ...
`);
  assert.deepEqual(t.cli!.map((x) => [x.framework, x.name, x.group]), [['typer', 'hello-world', 'app']]);
  const a = facts(`import argparse
p = argparse.ArgumentParser()
sub = p.add_subparsers()
sub.add_parser('sync', help='sync')
if __name__ == '__main__':
    main()
`);
  assert.deepEqual(a.cli!.map((x) => [x.framework, x.name, x.line]), [['argparse', 'sync', 4]]);
  assert.equal(a.mainGuard, 5);
});

test('clickName follows click 8.2: dashes, suffix dropped', () => {
  assert.equal(clickName('init_db'), 'init-db');
  assert.equal(clickName('sync_command'), 'sync');
  assert.equal(clickName('Users_grp'), 'users');
});

test('Django settings: DATABASES with env values, ROOT_URLCONF, DJANGO_SETTINGS_MODULE, star imports', () => {
  const s = facts(`import os
from .base import *
ROOT_URLCONF = 'mysite.urls'
DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': os.environ.get('DB_NAME', 'shop'),
        'HOST': os.environ['DB_HOST'],
    }
}
os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings.dev')
`, 'mysite/settings/dev.py');
  assert.deepEqual(s.settings!.rootUrlconf, { value: 'mysite.urls', line: 3 });
  assert.deepEqual(s.settings!.settingsModule, { value: 'mysite.settings.dev', line: 11 });
  assert.deepEqual(s.settings!.starImports, [{ module: 'base', level: 1, line: 2 }]);
  assert.deepEqual(s.databases, [{ alias: 'default', engine: 'django.db.backends.postgresql', name: '$DB_NAME (default shop)', host: '$DB_HOST', line: 5 }]);
  assert.deepEqual(s.env!.map((e) => [e.name, e.default, e.line]).sort(), [['DB_HOST', null, 8], ['DB_NAME', 'shop', 7]]);
  assert.ok(s.settings!.upperNames!.includes('DATABASES'));
});

test('URL literals: passwords masked, docstrings and f-string hosts after interpolation skipped, boto3 services', () => {
  const f = facts(`"""Docs at https://docs.internal.example/x"""
import boto3
ENGINE = "postgresql+psycopg2://app:hunter2@db.internal:5432/shop"
API = f"https://api.partner.io/v2/{path}"
DYN = f"https://{host}/x"
s3 = boto3.client('s3')
table = boto3.resource('dynamodb')
`);
  assert.deepEqual(f.urls!.map((u) => [u.scheme, u.host, u.url, u.line]), [
    ['postgresql+psycopg2', 'db.internal', 'postgresql+psycopg2://app:****@db.internal:5432/shop', 3],
    ['https', 'api.partner.io', 'https://api.partner.io/v2/', 4],
  ]);
  assert.ok(!JSON.stringify(f).includes('hunter2'));
  assert.deepEqual(f.cloud, [{ sdk: 'boto3', service: 's3', line: 6 }, { sdk: 'boto3', service: 'dynamodb', line: 7 }]);
});

test('broken and empty sources yield facts, never a throw; the result is plain JSON', () => {
  for (const src of ['', 'def (:\n  @app.route(\n', '\x00\x01binary', 'x = "unterminated']) {
    const f = facts(src);
    assert.deepEqual(JSON.parse(JSON.stringify(f)), f);
  }
});

test('a class keeps its methods as rows of the function table, read back with their names, lines and decorators; empty lists are left out', () => {
  const src = [
    'class Plain:',
    '    pass',
    '',
    '@dataclass',
    'class View(Base, metaclass=Meta):',
    '    name = models.CharField(max_length=3)',
    '    def get(self): ...',
    '    @action(detail=True)',
    '    def publish(self): ...',
    '    class Meta:',
    '        abstract = True',
  ].join('\n');
  const { facts: f, functions } = briefFile(src, 'pkg/views.py');
  assert.deepEqual(f.classes!.Plain, { line: 1 });
  const view = f.classes!.View!;
  assert.deepEqual([view.bases, view.keywords, view.decorators, view.abstract], [['Base'], { metaclass: 'Meta' }, ['dataclass'], true]);
  assert.deepEqual(view.fields, [{ name: 'name', line: 6, annotation: null, fn: 'models.CharField', value: null }]);
  assert.deepEqual(classMethods(functions, view), [
    { name: 'get', line: 7, decorators: [] },
    { name: 'publish', line: 9, decorators: ['action(detail=True)'] },
  ]);
  assert.deepEqual(classMethods(functions, f.classes!.Plain!), []);
  for (const k of ['routes', 'apps', 'tasks', 'settings', 'urlLists'] as const) assert.equal(f[k], undefined, k);
});
