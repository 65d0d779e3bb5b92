import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { briefOf, TempTree } from './helpers.js';
import type { Brief } from '../src/brief/types.js';

/** A FastAPI service in the src layout: routers with their own prefixes, included with more prefixes across modules. */
const FILES: Record<string, string> = {
  'pyproject.toml': `[tool.poetry]
name = "orders-api"
description = "Orders service."

[tool.poetry.dependencies]
python = "^3.11"
fastapi = "^0.110"
sqlalchemy = "^2"
boto3 = "*"
aiokafka = "*"
rq = "*"

[tool.poetry.scripts]
orders = "orders.cli:app"
`,
  'Dockerfile': `FROM python:3.11-slim
COPY . /app
CMD ["uvicorn", "orders.main:app", "--host", "0.0.0.0", "--port", "8000"]
`,
  'docker-compose.yml': `services:
  api:
    build: .
    command: uvicorn orders.main:app --reload
  db:
    image: postgres:16
  worker:
    build: .
    command: rq worker default
`,
  'Procfile': 'web: uvicorn orders.main:app --port $PORT\nrelease: alembic upgrade head\n',
  'src/orders/__init__.py': '',
  'src/orders/main.py': `from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from orders.routers import items, users
from .routers.admin import router as admin_router
from .api import api_v2

app = FastAPI(title="Orders")
app.include_router(users.router)
app.include_router(items.router, prefix="/v1")
app.include_router(admin_router, prefix="/admin", tags=["admin"])
app.include_router(api_v2, prefix="/v2")
app.mount("/static", StaticFiles(directory="static"), name="static")


@app.get("/health")
def health():
    return {"ok": True}
`,
  'src/orders/routers/__init__.py': '',
  'src/orders/routers/users.py': `from fastapi import APIRouter

router = APIRouter(prefix="/users", tags=["users"])


@router.get("/")
async def list_users():
    return []


@router.get("/{user_id}")
async def get_user(user_id: int):
    return {}
`,
  'src/orders/routers/items.py': `import boto3
from fastapi import APIRouter
from ..queue import q
from ..jobs import resize_image

router = APIRouter(prefix="/items")
s3 = boto3.client("s3")
sqs = boto3.client("sqs", region_name="eu-west-1")


@router.post("")
async def create_item():
    q.enqueue(resize_image, "x.png")
    return {}


@router.api_route("/{item_id}", methods=["PUT", "PATCH"])
async def update_item(item_id: int):
    return {}
`,
  'src/orders/routers/admin.py': `from fastapi import APIRouter

router = APIRouter()


@router.delete("/cache")
def clear_cache():
    return {}


@router.websocket("/live")
async def live(ws):
    await ws.accept()
`,
  'src/orders/api.py': `from fastapi import APIRouter
from .routers import users

api_v2 = APIRouter()
api_v2.include_router(users.router, prefix="/accounts")
`,
  'src/orders/queue.py': `import os
from redis import Redis
from rq import Queue

q = Queue(connection=Redis.from_url(os.environ["REDIS_URL"]))
`,
  'src/orders/jobs.py': `from aiokafka import AIOKafkaProducer


def resize_image(name):
    return name


async def publish(event):
    producer = AIOKafkaProducer(bootstrap_servers="kafka:9092")
    await producer.send("orders", event)
`,
  'src/orders/cli.py': `import typer

app = typer.Typer()


@app.command()
def seed_data(count: int = 10):
    pass


@app.command("purge")
def purge_everything():
    pass
`,
};

let t: TempTree;
let brief: Brief;

before(async () => {
  ({ tree: t, brief } = await briefOf(FILES));
});
after(() => t.cleanup());

test('fastapi: every route with include_router and APIRouter prefixes joined across modules', () => {
  assert.deepEqual(
    brief.routes.map((r) => `${r.method} ${r.path} ${r.handler} ${r.file}:${r.line}`),
    [
      'DELETE /admin/cache orders.routers.admin.clear_cache src/orders/routers/admin.py:6',
      'WS /admin/live orders.routers.admin.live src/orders/routers/admin.py:11',
      'GET /health orders.main.health src/orders/main.py:15',
      'MOUNT /static fastapi.staticfiles.StaticFiles src/orders/main.py:12',
      'GET /users/ orders.routers.users.list_users src/orders/routers/users.py:6',
      'GET /users/{user_id} orders.routers.users.get_user src/orders/routers/users.py:11',
      'POST /v1/items orders.routers.items.create_item src/orders/routers/items.py:11',
      'PATCH /v1/items/{item_id} orders.routers.items.update_item src/orders/routers/items.py:17',
      'PUT /v1/items/{item_id} orders.routers.items.update_item src/orders/routers/items.py:17',
      'GET /v2/accounts/users/ orders.routers.users.list_users src/orders/routers/users.py:6',
      'GET /v2/accounts/users/{user_id} orders.routers.users.get_user src/orders/routers/users.py:11',
    ],
  );
  assert.ok(brief.routes.every((r) => r.framework === 'fastapi'));
});

test('fastapi: RQ task enqueued from a route, typer commands under the poetry script', () => {
  assert.deepEqual(brief.tasks, [{ name: 'orders.jobs.resize_image', kind: 'rq', file: 'src/orders/routers/items.py', line: 13 }]);
  assert.deepEqual(brief.cli.map((c) => `${c.framework} ${c.name} ${c.file}:${c.line}`), [
    'typer orders purge src/orders/cli.py:11',
    'typer orders seed-data src/orders/cli.py:6',
  ]);
});

test('fastapi: run commands from Dockerfile, compose, Procfile and poetry scripts', () => {
  assert.deepEqual(
    brief.commands.map((c) => `${c.kind} | ${c.command} | ${c.file}:${c.line}${c.detail ? ` | ${c.detail}` : ''}`),
    [
      'run | orders | pyproject.toml:14 | orders.cli:app',
      'run | uvicorn orders.main:app --host 0.0.0.0 --port 8000 | Dockerfile:3 | CMD',
      'run | docker compose up api | docker-compose.yml:2 | uvicorn orders.main:app --reload',
      'run | docker compose up db | docker-compose.yml:5 | image postgres:16',
      'run | docker compose up worker | docker-compose.yml:7 | rq worker default',
      'run | uvicorn orders.main:app --port $PORT | Procfile:1 | web',
      'migrate | alembic upgrade head | Procfile:2 | release',
    ],
  );
  assert.deepEqual(brief.sectionGaps.run, [
    'no documented install command (README, CONTRIBUTING, docs, Makefile, justfile, tox/nox, pyproject tasks, scripts/, Docker, Procfile)',
    'no documented test command (README, CONTRIBUTING, docs, Makefile, justfile, tox/nox, pyproject tasks, scripts/, Docker, Procfile)',
  ]);
});

test('fastapi: integrations — Postgres from compose, Redis, Kafka, AWS with its services', () => {
  assert.deepEqual(
    brief.integrations.map((i) => `${i.kind} ${i.name} [${i.detail ?? ''}] ${i.uses.map((u) => `${u.path}:${u.line}`).join(' ')}`),
    [
      'database PostgreSQL [compose service db (postgres:16)] docker-compose.yml:5',
      'cache Redis [] src/orders/queue.py:2',
      'queue Kafka [] src/orders/jobs.py:1',
      'cloud AWS [s3; sqs] src/orders/routers/items.py:1 src/orders/routers/items.py:7 src/orders/routers/items.py:8',
    ],
  );
  assert.deepEqual(brief.sectionGaps.talks, ['addresses read from the environment without a default are not known: REDIS_URL']);
});

test('fastapi: Python versions from poetry and the Dockerfile; src layout packages on the map', () => {
  assert.equal(brief.python.requiresPython, '^3.11');
  assert.deepEqual(brief.python.pinned, [{ version: '3.11', file: 'Dockerfile' }]);
  assert.deepEqual(brief.python.disagreements, []);
  assert.deepEqual(brief.architecture.nodes.map((n) => `${n.id} ${n.files} ${n.loc}`), ['orders 6 36', 'orders.routers 4 30']);
  assert.deepEqual(brief.architecture.edges.map((e) => `${e.from}->${e.to} ${e.imports} ${e.cycle}`), ['orders->orders.routers 4 true', 'orders.routers->orders 2 true']);
  assert.deepEqual(brief.architecture.cycles, [['orders', 'orders.routers']]);
  for (const n of brief.architecture.nodes) assert.ok(n.width > 0 && n.height > 0);
  for (const e of brief.architecture.edges) assert.ok(e.points.length >= 2);
});
