/** An HTTP route. `file`/`line` is where it is declared (decorator, `add_url_rule`, Django `path()`). */
export interface Route {
  /** GET, POST…; ANY for Django views (methods are decided inside the view); WS for websockets; MOUNT for mounted ASGI apps. */
  method: string;
  /** Full path with every prefix joined (blueprint/router/include), always starting with `/`. */
  path: string;
  /** Dotted name of the view: `app.views.index`, `blog.views.PostList.as_view`. */
  handler: string;
  file: string;
  line: number;
  framework: string;
  /** Where the handler is defined when it is not at the declaration (Django views). */
  handlerFile?: string;
  handlerLine?: number;
}
export interface Task {
  /** The name the worker knows it by (Celery: explicit name= or module.function). */
  name: string;
  /** celery, rq, dramatiq, huey. */
  kind: string;
  file: string;
  line: number;
}
export interface Schedule {
  name: string;
  task: string;
  /** "cron 30 7 * * 1", "every 5m", "cron hour=3" (APScheduler fields), or the expression as written. */
  schedule: string;
  /** celery-beat, apscheduler, huey, cron. */
  kind: string;
  file: string;
  line: number;
}
export interface Use { path: string; line: number }
export interface Integration {
  /** database, cache, queue, cloud, api, http, email, search, monitoring. */
  kind: string;
  name: string;
  /** Redacted URL, engine, boto3 services… */
  detail?: string;
  files: string[];
  uses: Use[];
}
/** A command the project documents or defines. */
export interface Command {
  command: string;
  /** readme, makefile, pyproject, setup.cfg, tox, nox, dockerfile, compose, procfile, manage.py. */
  source: string;
  file: string;
  line?: number;
  /** install, test, run, lint, migrate, build, docs, other. */
  kind: string;
  /** What it runs, when the command is an alias (make target recipe, console script target, compose command). */
  detail?: string;
}
/** A service the tests need (database, cache, search), from CI job services or a test compose file. */
export interface TestService { name: string; image: string; path: string; line: number }
export interface Owner {
  area: string;
  authors: { name: string; lines: number; share: number }[];
  lastChange: string | null;
  /** The area has a single expert (≥ 75 % of its current lines) who has not committed in the 6 months before the newest commit. */
  stale: boolean;
  /** The single expert's last commit anywhere in the repository, when known. */
  expertLastCommit?: string | null;
}
export interface EntryPoint {
  /** console-script, gui-script, main-module, main-guard, management-command, wsgi, asgi. */
  kind: string;
  name: string;
  target?: string;
  /** A console script's target module in the project (the file that runs first) and the target function's line. */
  targetFile?: string;
  targetLine?: number;
  file: string;
  line?: number;
}
export interface CliCommand {
  framework: string;
  /** Full command path: `cli db upgrade`. */
  name: string;
  handler: string;
  file: string;
  line: number;
}
export interface EnvVar {
  name: string;
  documented: boolean;
  default: string | null;
  uses: Use[];
}
export interface SettingsInfo {
  /** DJANGO_SETTINGS_MODULE values and where they are set. */
  djangoSettingsModule: { value: string; file: string; line: number }[];
  /** Settings modules with what each extends (`from .base import *`). */
  modules: { module: string; file: string; extends: string[] }[];
  /** .env files, config/*.yaml, settings.toml… */
  files: string[];
  rootUrlconf: string | null;
  /** Every ROOT_URLCONF the selected settings modules name, the primary project's first (a repository may hold several Django projects). */
  rootUrlconfs?: string[];
}
export interface PythonVersions {
  requiresPython: string | null;
  classifiers: string[];
  ci: { version: string; file: string }[];
  /** .python-version, runtime.txt, Dockerfile FROM python:X. */
  pinned: { version: string; file: string }[];
  disagreements: string[];
}
export interface Framework { name: string; declared: boolean; imported: boolean; files: number }
export interface ArchNode { id: string; files: number; loc: number; inCycle: boolean; x: number; y: number; width: number; height: number }
export interface ArchEdge {
  from: string;
  to: string;
  imports: number;
  cycle: boolean;
  points: { x: number; y: number }[];
  /** Only deferred imports (function-local, TYPE_CHECKING) join the two packages: drawn dashed, never a cycle. */
  deferred?: boolean;
}
export interface Architecture { nodes: ArchNode[]; edges: ArchEdge[]; width: number; height: number; cycles: string[][]; depth: number }
export interface FragileItem {
  /** hotspot, untested, knowledge-island, undocumented-env, security. */
  kind: string;
  message: string;
  /** `pyvet.html#finding-<fingerprint>` or `path:line`. */
  link: string;
}
/** A model of the data: Django model, SQLAlchemy/SQLModel table or Pydantic schema/settings. */
export interface Model {
  name: string;
  module: string;
  path: string;
  line: number;
  /** django, sqlalchemy, sqlmodel, pydantic. */
  kind: 'django' | 'sqlalchemy' | 'sqlmodel' | 'pydantic';
  fields: { name: string; type: string }[];
  /** FK, O2O, M2M (Django), relationship / one-to-many (SQLAlchemy, SQLModel), FK from ForeignKey('table.col'). */
  relations: { field: string; kind: string; target: string }[];
}
/** A GraphQL schema and the fields of its root types (Graphene, Strawberry, Ariadne). */
export interface GraphqlSchema {
  /** graphene, strawberry, ariadne. */
  framework: string;
  /** The HTTP path serving GraphQL, when a route names it. */
  endpoint?: string;
  /** Where the schema is built: `module.callee` (`app.schema.graphene.Schema`), or the Ariadne bindables' module. */
  schema: string;
  path: string;
  line: number;
  queries: string[];
  mutations: string[];
  subscriptions?: string[];
}
export type BriefSection = 'what' | 'run' | 'entry' | 'talks' | 'config' | 'architecture' | 'owners' | 'fragile';

/** The handoff brief; every section lists what it could not determine in `sectionGaps`, all of them in `gaps`. */
export interface Brief {
  name: string;
  description: string | null;
  routes: Route[];
  tasks: Task[];
  schedules: Schedule[];
  integrations: Integration[];
  commands: Command[];
  owners: Owner[];
  gaps: string[];
  python: PythonVersions;
  frameworks: Framework[];
  size: { pythonFiles: number; loc: number; testFiles: number; testLoc: number };
  entryPoints: EntryPoint[];
  cli: CliCommand[];
  envVars: EnvVar[];
  settings: SettingsInfo;
  architecture: Architecture;
  fragile: FragileItem[];
  /** The data model (production code only). */
  models?: Model[];
  /** GraphQL schemas with their root fields (production code only). */
  graphql?: GraphqlSchema[];
  /** Services the tests need: CI job services and test/CI compose files. */
  testServices?: TestService[];
  /** Web application objects (Flask(), FastAPI(), Starlette(), web.Application()) created in production code. */
  apps?: WebApp[];
  sectionGaps: Record<BriefSection, string[]>;
  [k: string]: unknown;
}
export interface WebApp {
  framework: string;
  /** `module:variable`, as a server is told to load it (`uvicorn app.main:app`). */
  name: string;
  file: string;
  line: number;
}
