import { own } from '../core/lookup.js';

/**
 * Import names that differ from their distribution's name (PEP 503-normalized). A name not listed
 * here is assumed to be its own distribution (`requests` → requests), which holds for most packages.
 */
const IMPORT_TO_DIST: Record<string, string[]> = {
  yaml: ['pyyaml'],
  PIL: ['pillow'],
  sklearn: ['scikit-learn'],
  skimage: ['scikit-image'],
  cv2: ['opencv-python', 'opencv-python-headless', 'opencv-contrib-python', 'opencv-contrib-python-headless'],
  dateutil: ['python-dateutil'],
  bs4: ['beautifulsoup4'],
  jwt: ['pyjwt'],
  jose: ['python-jose'],
  dotenv: ['python-dotenv'],
  magic: ['python-magic'],
  multipart: ['python-multipart'],
  slugify: ['python-slugify'],
  socketio: ['python-socketio'],
  engineio: ['python-engineio'],
  telegram: ['python-telegram-bot'],
  docx: ['python-docx'],
  pptx: ['python-pptx'],
  ldap: ['python-ldap'],
  Levenshtein: ['python-levenshtein', 'levenshtein'],
  json_logging: ['json-logging'],
  pythonjsonlogger: ['python-json-logger'],
  crypto: ['pycryptodome'],
  Crypto: ['pycryptodome', 'pycrypto'],
  Cryptodome: ['pycryptodomex'],
  OpenSSL: ['pyopenssl'],
  nacl: ['pynacl'],
  zmq: ['pyzmq'],
  serial: ['pyserial'],
  usb: ['pyusb'],
  git: ['gitpython'],
  github: ['pygithub'],
  gitlab: ['python-gitlab'],
  MySQLdb: ['mysqlclient'],
  pymysql: ['pymysql'],
  psycopg2: ['psycopg2', 'psycopg2-binary'],
  psycopg: ['psycopg', 'psycopg-binary'],
  pg8000: ['pg8000'],
  snowflake: ['snowflake-connector-python', 'snowflake-sqlalchemy'],
  google: [
    'protobuf', 'google-cloud-storage', 'google-cloud-bigquery', 'google-cloud-pubsub', 'google-cloud-firestore',
    'google-cloud-secret-manager', 'google-cloud-logging', 'google-cloud-core', 'google-api-core', 'google-auth',
    'google-api-python-client', 'google-cloud-aiplatform', 'google-generativeai', 'google-cloud-tasks',
    'google-cloud-datastore', 'google-cloud-spanner', 'google-cloud-kms', 'google-cloud-translate', 'googleapis-common-protos',
  ],
  googleapiclient: ['google-api-python-client'],
  grpc: ['grpcio'],
  grpc_tools: ['grpcio-tools'],
  azure: ['azure-storage-blob', 'azure-identity', 'azure-core', 'azure-keyvault-secrets', 'azure-functions', 'azure-cosmos', 'azure-servicebus', 'azure-mgmt-resource'],
  attr: ['attrs'],
  attrs: ['attrs'],
  pkg_resources: ['setuptools'],
  setuptools: ['setuptools'],
  _pytest: ['pytest'],
  pytest_asyncio: ['pytest-asyncio'],
  pytest_django: ['pytest-django'],
  pytest_mock: ['pytest-mock'],
  fitz: ['pymupdf'],
  docutils: ['docutils'],
  markdown: ['markdown'],
  dns: ['dnspython'],
  ruamel: ['ruamel-yaml'],
  websocket: ['websocket-client'],
  sentry_sdk: ['sentry-sdk'],
  opentelemetry: ['opentelemetry-api', 'opentelemetry-sdk'],
  kafka: ['kafka-python'],
  confluent_kafka: ['confluent-kafka'],
  elasticsearch: ['elasticsearch'],
  memcache: ['python-memcached'],
  pylibmc: ['pylibmc'],
  Xlib: ['python-xlib'],
  win32api: ['pywin32'],
  win32con: ['pywin32'],
  pywintypes: ['pywin32'],
  ddtrace: ['ddtrace'],
  mpl_toolkits: ['matplotlib'],
  tensorflow: ['tensorflow', 'tensorflow-cpu', 'tensorflow-gpu'],
  torch: ['torch'],
  faiss: ['faiss-cpu', 'faiss-gpu'],
  igraph: ['python-igraph', 'igraph'],
  rest_framework: ['djangorestframework'],
  rest_framework_simplejwt: ['djangorestframework-simplejwt'],
  corsheaders: ['django-cors-headers'],
  django_filters: ['django-filter'],
  debug_toolbar: ['django-debug-toolbar'],
  environ: ['django-environ'],
  decouple: ['python-decouple'],
  storages: ['django-storages'],
  celery: ['celery'],
  flask_sqlalchemy: ['flask-sqlalchemy'],
  flask_login: ['flask-login'],
  flask_migrate: ['flask-migrate'],
  flask_wtf: ['flask-wtf'],
  flask_cors: ['flask-cors'],
  flask_restful: ['flask-restful'],
  pydantic_settings: ['pydantic-settings'],
  email_validator: ['email-validator'],
  jinja2: ['jinja2'],
  markupsafe: ['markupsafe'],
  typing_extensions: ['typing-extensions'],
  importlib_metadata: ['importlib-metadata'],
  importlib_resources: ['importlib-resources'],
  ujson: ['ujson'],
  lxml: ['lxml'],
  boto3: ['boto3'],
  botocore: ['botocore'],
  aws_cdk: ['aws-cdk-lib'],
  mypy_extensions: ['mypy-extensions'],
  zope: ['zope-interface'],
  pkg_about: ['pkg-about'],
  umap: ['umap-learn'],
  Bio: ['biopython'],
  cairo: ['pycairo'],
  gi: ['pygobject'],
  wx: ['wxpython'],
  pygame: ['pygame'],
  vlc: ['python-vlc'],
  tree_sitter: ['tree-sitter'],
};

/** PEP 503 normalization of a distribution name. */
export function normalizeDist(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Distributions that may provide a top-level import name, most likely first. */
export function distributionsFor(importName: string): string[] {
  return own(IMPORT_TO_DIST, importName) ?? [normalizeDist(importName)];
}

/**
 * Distributions never imported by nature: tools, plugins, servers, type stubs, build backends.
 * Declared-but-unused is not reported for them.
 */
export function isNeverImported(dist: string): boolean {
  const d = normalizeDist(dist);
  return (
    d.startsWith('types-') ||
    d.endsWith('-stubs') ||
    d.startsWith('pytest-') ||
    d.startsWith('flake8-') ||
    d.startsWith('mypy-') ||
    d.startsWith('sphinx') ||
    d.startsWith('mkdocs') ||
    NEVER_IMPORTED.has(d)
  );
}

const NEVER_IMPORTED = new Set([
  'pytest', 'pytest-cov', 'coverage', 'tox', 'nox', 'pre-commit', 'black', 'ruff', 'flake8', 'pylint', 'mypy', 'pyright',
  'isort', 'autopep8', 'yapf', 'bandit', 'safety', 'pip-audit', 'pip-tools', 'pip', 'setuptools', 'wheel', 'build', 'twine',
  'hatch', 'hatchling', 'poetry', 'poetry-core', 'flit', 'flit-core', 'pdm', 'pdm-backend', 'uv', 'gunicorn', 'uvicorn',
  'hypercorn', 'daphne', 'waitress', 'supervisor', 'honcho', 'invoke', 'ipython', 'ipdb', 'pdbpp', 'jupyter', 'notebook',
  'jupyterlab', 'ipykernel', 'watchdog', 'watchfiles', 'certifi',
  'codecov', 'commitizen', 'bump2version', 'bumpversion', 'towncrier', 'pydocstyle', 'pycodestyle', 'pyflakes',
  'vulture', 'radon', 'xenon', 'interrogate', 'check-manifest', 'django-debug-toolbar', 'django-extensions', 'wemake-python-styleguide',
  'docformatter', 'pyupgrade', 'autoflake', 'semgrep', 'detect-secrets', 'pytest-xdist', 'coverage-badge', 'locust',
]);
