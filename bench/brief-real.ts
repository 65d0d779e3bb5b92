// Labelled expectations for the handoff brief on public repositories at pinned commits.
// Clone them, check out the commit, then: npm run build && node dist/bench/brief-real.js <dir>...
// Each directory is recognised by its HEAD; a directory at another commit is skipped (the labels would not hold).
import { execFileSync } from 'node:child_process';
import type { Brief } from '../src/brief/types.js';
import { classifyPath } from '../src/facts/roles.js';

interface Label { repo: string; check: (b: Brief) => string[] }

const has = (b: Brief, route: string): boolean => b.routes.some((r) => `${r.method} ${r.path}` === route);
const expect = (ok: boolean, what: string): string[] => (ok ? [] : [what]);

const LABELS: Record<string, Label> = {
  '43fe81f9': {
    repo: 'netbox-community/netbox',
    check: (b) => [
      ...expect(new Set(b.routes.filter((r) => r.framework === 'django-rest-framework').map((r) => `${r.file}:${r.line}`)).size === 138, '138 DRF router.register calls'),
      ...expect(has(b, 'ANY /user/api-tokens/'), 'include() prefix kept: /user/api-tokens/'),
      ...expect(has(b, 'GET /api/users/tokens/{pk}/') && has(b, 'POST /api/users/tokens/'), 'viewset actions under /api/users/tokens/'),
      ...expect(has(b, 'ANY /graphql/'), '/graphql/ listed'),
      ...expect(b.cli.some((c) => c.name === 'manage.py rqworker'), 'management command rqworker'),
      // 246 = the annotated fields and @strawberry.field methods of the ten per-app *Query classes Query inherits from
      ...expect((b.graphql ?? []).some((g) => g.framework === 'strawberry' && g.queries.length === 246 && g.queries.includes('site_list') && g.endpoint === '/graphql/'), 'strawberry schema with 246 query fields'),
      ...expect(b.gaps.some((g) => g.includes("registry['plugins']['graphql_schemas']")), 'plugin query types named as a gap'),
      // found / missed / invented pass (docs/brief.md)
      ...expect((b.models ?? []).some((m) => m.name === 'User' && m.path === 'netbox/users/models/users.py'), 'User(AbstractBaseUser, PermissionsMixin) is a model'),
      ...expect((b.models ?? []).some((m) => m.name === 'TaggedItem'), 'TaggedItem(GenericTaggedItemBase) is a model'),
      ...expect(b.tasks.some((t) => t.name === 'extras.webhooks.send_webhook') && !b.tasks.some((t) => t.name.includes('events.extras')), "enqueue('extras.webhooks.send_webhook') named as written"),
      ...expect(!b.tasks.some((t) => /\.cls\./.test(t.name)), 'no task named after cls.'),
      ...expect(b.tasks.some((t) => t.name === 'core.jobs.SyncDataSourceJob.handle'), 'a JobRunner subclass is a job of its own'),
    ],
  },
  '19d17cc8': {
    repo: 'adeyosemanputra/pygoat',
    check: (b) => [
      ...expect(b.settings.rootUrlconf === 'pygoat.urls', 'ROOT_URLCONF from manage.py: pygoat.urls'),
      ...expect(b.routes.filter((r) => r.file === 'introduction/urls.py').length === 114, '114 routes of introduction/urls.py'),
      ...expect(b.commands.some((c) => c.command === 'pip install -r requirements.txt'), 'install command from the README list'),
      ...expect(!b.commands.some((c) => c.command.includes('127.0.0.1:****')), 'host:port not masked'),
      ...expect(b.routes.some((r) => r.path === '/challenge/<str:challenge>' && r.handler === 'challenge.views.DoItFast.as_view'), 'handler through `from .views import *`'),
    ],
  },
  f4670233: {
    repo: 'python-poetry/poetry',
    check: (b) => [
      ...expect(b.cli.filter((c) => c.framework === 'cleo').length >= 36, 'at least 36 cleo commands'),
      ...expect(b.cli.some((c) => c.name === 'poetry self update'), 'poetry self update'),
      ...expect(b.commands.some((c) => c.kind === 'test' && c.command === 'poetry run pytest'), 'test command from docs/contributing.md'),
    ],
  },
  '68adb40d': {
    repo: 'fastapi/full-stack-fastapi-template',
    check: (b) => [
      ...expect(has(b, 'GET /api/v1/items/'), 'API_V1_STR prefix resolved'),
      ...expect((b.models ?? []).some((m) => m.name === 'Item' && m.kind === 'sqlmodel'), 'SQLModel table Item'),
      ...expect(b.commands.some((c) => c.kind === 'test' && c.file === 'backend/scripts/test.sh'), 'scripts/test.sh'),
      ...expect((b.testServices ?? []).map((t) => t.name).sort().join() === 'db,mailpit', 'test services db and mailpit; adminer is only curled by a smoke test'),
      ...expect(!b.commands.some((c) => c.command === 'uv run' || c.command === 'docker compose'), 'no bare wrapper mentioned in prose'),
    ],
  },
  '723cd4eb': {
    repo: 'saleor/saleor',
    check: (b) => [
      ...expect(!b.commands.some((c) => c.file.startsWith('.semgrep/')), 'no command from .semgrep'),
      ...expect(b.routes.some((r) => r.framework === 'graphql' && r.path === '/graphql/'), '/graphql/ endpoint'),
      ...expect(b.architecture.nodes.length > 1, 'the map opens saleor/ one level down'),
      // Query and Mutation in saleor/graphql/api.py merge 22 *Queries and 26 *Mutations classes
      ...expect((b.graphql ?? []).some((g) => g.framework === 'graphene' && g.queries.length === 87 && g.mutations.length === 332 && g.mutations.includes('checkout_complete')), 'graphene schema: 87 queries, 332 mutations'),
      ...expect(b.routes.some((r) => r.path.startsWith('/thumbnail/')) && b.routes.some((r) => r.path.startsWith('/image/')), 're_path with a parenthesized pattern'),
      ...expect(b.entryPoints.some((e) => e.kind === 'asgi' && e.name === 'saleor.asgi:application'), 'saleor/asgi/__init__.py is the asgi entry'),
      ...expect(!b.commands.some((c) => c.command === '.'), 'no `.` from a directory tree'),
      ...expect(b.schedules.some((s) => s.task === 'saleor.product.tasks.update_variant_relations_for_active_promotion_rules_task'), 'beat task in a parenthesized string'),
      // 107 Celery task decorators in non-test code, 13 of them in */migrations/tasks/
      ...expect(b.tasks.length === 107, `107 Celery tasks (got ${b.tasks.length})`),
    ],
  },
  '2ac89889': {
    repo: 'pallets/flask',
    check: (b) => [
      ...expect(b.routes.length === 0, 'no route from tests or examples'),
      ...expect(b.commands.some((c) => c.command === 'tox' && c.file === 'pyproject.toml'), 'tox from [tool.tox]'),
      ...expect(!b.commands.some((c) => c.command.startsWith('just return')), 'rst table borders are not fences'),
    ],
  },
  '1c8b7c5a': {
    repo: 'webofmars/realworld-back-python-aiohttp',
    check: (b) => [
      ...expect(b.routes.filter((r) => r.framework === 'aiohttp').length === 20, '20 aiohttp routes from add_routes([web.get(...)])'),
      ...expect(b.routes.some((r) => r.handler === 'conduit.api.users.sign_up_endpoint(…)'), 'factory handler named by its callee'),
      ...expect((b.models ?? []).filter((m) => m.kind === 'sqlalchemy').map((m) => m.name).sort().join() === 'article,article_tag,comment,favorite_article,follower,tag,user', 'seven SQLAlchemy Core tables'),
    ],
  },
  '060967d5': {
    repo: 'austincollinpena/Starlette-Ariadne-Gino-Starter',
    check: (b) => [
      ...expect(has(b, 'MOUNT /graphql'), 'Starlette mount of the Ariadne app'),
      ...expect((b.graphql ?? []).flatMap((g) => [...g.queries, ...g.mutations]).sort().join() === 'createUser,getUser,loginUser', 'Ariadne fields from resolver modules'),
    ],
  },
  '966a79e4': {
    repo: 'aio-libs/aiohttp-devtools',
    check: (b) => [
      ...expect(has(b, 'GET /livereload') && has(b, 'GET /livereload.js'), 'app.router.add_route'),
      ...expect(b.cli.map((c) => c.name).sort().join() === 'adev,adev runserver,adev serve', 'click commands under the setup.py console script'),
    ],
  },
  '9ad7cd0f': {
    repo: '2i2c-org/infrastructure',
    check: (b) => [
      // 60 @x.command() in src/deployer, one in a module importing neither typer nor click
      ...expect(b.cli.filter((c) => c.framework === 'typer').length === 60, 'typer commands through add_typer sub-apps'),
      ...expect(b.cli.some((c) => c.name.endsWith('generate cryptnono-secret-config')), 'command on an imported Typer app'),
      ...expect(b.gaps.some((g) => g.includes('a templated Kubernetes manifest (Helm)')), 'Helm templates named as gaps'),
      ...expect(b.cli.some((c) => c.name === 'deployer validate cluster-config'), 'the script running `app()` in main() names the program'),
    ],
  },
  '34ffea91': {
    repo: 'GoogleCloudPlatform/microservices-demo',
    check: (b) => [
      // eleven Deployments and the cart's redis in kubernetes-manifests/
      ...expect(b.commands.filter((c) => c.source === 'k8s' && c.file.startsWith('kubernetes-manifests/')).length === 12, '12 Kubernetes workloads'),
      ...expect(b.commands.some((c) => c.source === 'k8s' && c.command === 'image redis:alpine'), 'redis workload by its image'),
    ],
  },
};

let failed = 0;
for (const dir of process.argv.slice(2)) {
  const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
  const key = Object.keys(LABELS).find((k) => head.startsWith(k));
  if (!key) {
    console.log(`${dir}: HEAD ${head.slice(0, 8)} has no labels, skipped`);
    continue;
  }
  const out = execFileSync(process.execPath, ['dist/src/cli/bin.js', 'brief', dir, '-q', '--format', 'json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const b = JSON.parse(out) as Brief;
  const misses = LABELS[key]!.check(b);
  // nothing the system serves may come from a test, docs, example or fixture file
  for (const x of [...b.routes, ...b.cli, ...b.tasks]) {
    const role = classifyPath(x.file).role;
    // Celery tasks kept beside data migrations run on the production workers too
    if (role !== 'production' && !(role === 'migration' && b.tasks.includes(x as Brief['tasks'][number]))) misses.push(`${x.file} (${role}) declares an entry point`);
  }
  failed += misses.length;
  console.log(`${LABELS[key]!.repo}@${key}: ${misses.length ? `MISSED ${misses.join('; ')}` : 'all labels hold'}`);
}
process.exitCode = failed ? 1 : 0;
