import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { briefOf, runCli, TempTree } from './helpers.js';
import type { Brief } from '../src/brief/types.js';

/** A Django project: layered settings, nested include()s (module, inline list, variable), Celery with a beat schedule. */
const FILES: Record<string, string> = {
  'requirements.txt': 'django==5.0.6\ndjangorestframework==3.15.1\ncelery==5.3.6\npsycopg2-binary==2.9.9\nsentry-sdk==2.0.0\n',
  'README.rst': `Blog
====

The newsroom's blog and its editorial jobs.

Install::

.. code-block:: bash

    pip install -r requirements.txt
    python manage.py migrate

Then run the tests with \`\`python manage.py test\`\`.
`,
  'manage.py': `#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings.dev")
    from django.core.management import execute_from_command_line
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
`,
  'mysite/__init__.py': 'from .celery import app as celery_app\n\n__all__ = ("celery_app",)\n',
  'mysite/celery.py': `import os
from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings.dev")
app = Celery("mysite")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
`,
  'mysite/settings/__init__.py': '',
  'mysite/settings/base.py': `import os
from celery.schedules import crontab

INSTALLED_APPS = ["django.contrib.admin", "blog", "api"]
ROOT_URLCONF = "mysite.urls"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("DB_NAME", "blog"),
        "HOST": os.environ.get("DB_HOST", "localhost"),
    }
}
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "amqp://guest:guest@rabbitmq:5672//")
CELERY_BEAT_SCHEDULE = {
    "publish-scheduled": {
        "task": "blog.tasks.publish_scheduled",
        "schedule": 600.0,
    },
    "weekly-digest": {
        "task": "blog.send_digest",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
    },
}
`,
  'mysite/settings/dev.py': 'from .base import *  # noqa\n\nDEBUG = True\n',
  'mysite/settings/prod.py': `import os
import sentry_sdk
from .base import *  # noqa

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
sentry_sdk.init(dsn=os.environ.get("SENTRY_DSN"))
`,
  'mysite/urls.py': `from django.contrib import admin
from django.urls import include, path
from blog import views as blog_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", blog_views.home, name="home"),
    path("blog/", include("blog.urls")),
    path("api/", include([
        path("v1/", include("api.urls")),
        path("health/", blog_views.health),
    ])),
]
`,
  'mysite/wsgi.py': `import os
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings.prod")
application = get_wsgi_application()
`,
  'blog/__init__.py': '',
  'blog/views.py': `from django.http import HttpResponse
from django.views.generic import ListView


def home(request):
    return HttpResponse("home")


def health(request):
    return HttpResponse("ok")


class PostList(ListView):
    template_name = "blog/list.html"


def post_detail(request, pk):
    return HttpResponse(str(pk))


def archive(request, year):
    return HttpResponse(year)
`,
  'blog/urls.py': `from django.urls import include, path, re_path
from . import views

app_name = "blog"
feeds = [
    path("rss/", views.archive),
]
urlpatterns = [
    path("", views.PostList.as_view(), name="list"),
    path("<int:pk>/", views.post_detail, name="detail"),
    re_path(r"^archive/(?P<year>[0-9]{4})/$", views.archive),
    path("feeds/", include(feeds)),
]
`,
  'blog/tasks.py': `from celery import shared_task


@shared_task
def publish_scheduled():
    pass


@shared_task(name="blog.send_digest")
def send_weekly_digest():
    pass
`,
  'blog/management/__init__.py': '',
  'blog/management/commands/__init__.py': '',
  'blog/management/commands/rebuild_index.py': `from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Rebuild the search index"

    def handle(self, *args, **options):
        pass
`,
  'api/__init__.py': '',
  'api/views.py': `from django.http import JsonResponse


def orders(request):
    return JsonResponse([], safe=False)


class InvoiceViewSet:
    pass
`,
  'api/urls.py': `from django.urls import include, path
from rest_framework.routers import DefaultRouter
from .views import orders, InvoiceViewSet

router = DefaultRouter()
router.register(r"invoices", InvoiceViewSet, basename="invoice")

urlpatterns = [
    path("orders/", orders),
    path("", include(router.urls)),
]
`,
  'deploy/crontab': '# m h dom mon dow command\n0 2 * * * cd /app && python manage.py clearsessions\n',
};

let t: TempTree;
let brief: Brief;

before(async () => {
  ({ tree: t, brief } = await briefOf(FILES));
});
after(() => t.cleanup());

test('django: every route from ROOT_URLCONF through nested include()s, with the view definitions', () => {
  assert.deepEqual(
    brief.routes.map((r) => `${r.method} ${r.path} ${r.handler} ${r.file}:${r.line}${r.handlerFile ? ` -> ${r.handlerFile}:${r.handlerLine}` : ''}`),
    [
      'ANY / blog.views.home mysite/urls.py:7 -> blog/views.py:5',
      'ANY /admin/ django.contrib.admin mysite/urls.py:6',
      'ANY /api/health/ blog.views.health mysite/urls.py:11 -> blog/views.py:9',
      'ANY /api/v1/invoices/ api.views.InvoiceViewSet api/urls.py:6 -> api/views.py:8',
      'ANY /api/v1/invoices/{pk}/ api.views.InvoiceViewSet api/urls.py:6 -> api/views.py:8',
      'ANY /api/v1/orders/ api.views.orders api/urls.py:9 -> api/views.py:4',
      'ANY /blog/ blog.views.PostList.as_view blog/urls.py:9 -> blog/views.py:13',
      'ANY /blog/<int:pk>/ blog.views.post_detail blog/urls.py:10 -> blog/views.py:17',
      'ANY /blog/archive/(?P<year>[0-9]{4})/ blog.views.archive blog/urls.py:11 -> blog/views.py:21',
      'ANY /blog/feeds/rss/ blog.views.archive blog/urls.py:6 -> blog/views.py:21',
    ],
  );
  assert.deepEqual(brief.routes.filter((r) => r.framework !== 'django').map((r) => `${r.framework} ${r.path}`), [
    'django-rest-framework /api/v1/invoices/',
    'django-rest-framework /api/v1/invoices/{pk}/',
  ]);
});

test('django: Celery tasks by their registered names, the beat schedule and the crontab file', () => {
  assert.deepEqual(brief.tasks, [
    { name: 'blog.send_digest', kind: 'celery', file: 'blog/tasks.py', line: 9 },
    { name: 'blog.tasks.publish_scheduled', kind: 'celery', file: 'blog/tasks.py', line: 4 },
  ]);
  assert.deepEqual(
    brief.schedules.map((s) => `${s.kind} | ${s.name} | ${s.task} | ${s.schedule} | ${s.file}:${s.line}`),
    [
      'celery-beat | publish-scheduled | blog.tasks.publish_scheduled | every 10m | mysite/settings/base.py:15',
      'celery-beat | weekly-digest | blog.send_digest | cron 0 7 * * mon | mysite/settings/base.py:19',
      'cron | cd /app && python manage.py clearsessions | cd /app && python manage.py clearsessions | cron 0 2 * * * | deploy/crontab:2',
    ],
  );
});

test('django: entry points — manage.py, management commands, WSGI; settings layering', () => {
  assert.deepEqual(brief.entryPoints.map((e) => `${e.kind} ${e.name} ${e.file}:${e.line}`), [
    'management-command python manage.py rebuild_index blog/management/commands/rebuild_index.py:4',
    'main-guard python manage.py manage.py:12',
    'wsgi mysite.wsgi:application mysite/wsgi.py:1',
  ]);
  assert.deepEqual(brief.settings.djangoSettingsModule, [
    { value: 'mysite.settings.dev', file: 'manage.py', line: 7 },
    { value: 'mysite.settings.dev', file: 'mysite/celery.py', line: 4 },
    { value: 'mysite.settings.prod', file: 'mysite/wsgi.py', line: 4 },
  ]);
  assert.equal(brief.settings.rootUrlconf, 'mysite.urls');
  assert.deepEqual(brief.settings.modules, [
    { module: 'mysite.settings.base', file: 'mysite/settings/base.py', extends: [] },
    { module: 'mysite.settings.dev', file: 'mysite/settings/dev.py', extends: ['mysite.settings.base'] },
    { module: 'mysite.settings.prod', file: 'mysite/settings/prod.py', extends: ['mysite.settings.base'] },
  ]);
});

test('django: integrations — the database from DATABASES, the broker URL masked, Sentry', () => {
  assert.deepEqual(
    brief.integrations.map((i) => `${i.kind} ${i.name} [${i.detail ?? ''}] ${i.uses.map((u) => `${u.path}:${u.line}`).join(' ')}`),
    [
      "database PostgreSQL [DATABASES['default'] NAME=$DB_NAME (default blog) HOST=$DB_HOST (default localhost)] mysite/settings/base.py:7",
      'queue RabbitMQ [amqp://guest:****@rabbitmq:5672//] mysite/settings/base.py:13',
      'monitoring Sentry [] mysite/settings/prod.py:2',
    ],
  );
});

test('django: env vars, commands from an rst README and Django defaults', () => {
  assert.deepEqual(brief.envVars.map((e) => `${e.name}=${e.default ?? ''}`), [
    'CELERY_BROKER_URL=amqp://guest:****@rabbitmq:5672//',
    'DB_HOST=localhost',
    'DB_NAME=blog',
    'DJANGO_SECRET_KEY=',
    'DJANGO_SETTINGS_MODULE=mysite.settings.dev',
    'SENTRY_DSN=',
  ]);
  assert.deepEqual(brief.commands.map((c) => `${c.kind} | ${c.command} | ${c.file}:${c.line ?? ''}`), [
    'install | pip install -r requirements.txt | README.rst:10',
    'migrate | python manage.py migrate | README.rst:11',
    // ``python manage.py test`` in the prose is the documented test command: no Django default needed
    'test | python manage.py test | README.rst:13',
    'run | python manage.py runserver | manage.py:',
  ]);
  assert.equal(brief.description, "The newsroom's blog and its editorial jobs.");
  assert.deepEqual(brief.frameworks.filter((f) => f.declared && f.imported).map((f) => f.name), ['Django', 'Django REST framework', 'Celery']);
});

test('django: the HTML brief embeds the package map as an escaped SVG', async () => {
  const r = await runCli(['brief', t.dir, '--format', 'html']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^<!doctype html>/);
  assert.match(r.stdout, /<svg[^>]+id="architecture"/);
  assert.match(r.stdout, /data-package="blog"/);
  assert.match(r.stdout, /<code>\/blog\/&lt;int:pk&gt;\/<\/code>/);
  assert.ok(!r.stdout.includes('<int:pk>'));
});
