import { decoyReason } from '../decoys.js';
import { fake, ALNUM } from '../fake.js';
import { CREDENTIAL_ANCHORS, CREDENTIAL_WORDS } from '../triggers.js';
import type { AssignmentRule } from '../rule.js';

// startproject's alphabet: letters, digits and punctuation
const djangoKey = (seed: string) => 'django-insecure-' + fake(ALNUM + '!@#%^&*(-_=+)', 50, seed);

export const djangoSecretKey: AssignmentRule = {
  kind: 'assignment',
  id: 'secret.django-secret-key',
  severity: 'high',
  label: 'Django/Flask SECRET_KEY',
  summary: 'Django (or Flask) SECRET_KEY hard-coded in settings',
  docs: {
    what: 'Finds a literal assigned to SECRET_KEY / DJANGO_SECRET_KEY in settings modules, .env files, YAML and compose files — including the django-insecure- key that startproject generates.',
    why: 'SECRET_KEY signs sessions, password-reset links and signed cookies: with it an attacker forges an admin session, and with pickle-based sessions can reach remote code execution.',
    example: 'SECRET_KEY = "django-insecure-<50 characters>"',
    fix: 'Generate a new key (django.core.management.utils.get_random_secret_key), read it from the environment (SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]); existing sessions and reset links are invalidated by design.',
    references: ['https://docs.djangoproject.com/en/stable/ref/settings/#secret-key'],
  },
  keywords: ['secret_key'],
  trigger: CREDENTIAL_WORDS,
  anchors: CREDENTIAL_ANCHORS,
  accept: (a) => {
    const name = a.name.split('.').pop()!;
    if (!/^(?:DJANGO_)?SECRET_KEY$/i.test(name) || a.templated) return false;
    return decoyReason(a.value, { weak: false }) === null;
  },
  examples: {
    bad: [
      { file: 'mysite/settings.py', text: `from pathlib import Path\n\nSECRET_KEY = "${djangoKey('dj-1')}"\nDEBUG = True\n`, line: 3 },
      { file: 'app/__init__.py', text: `app = Flask(__name__)\napp.config["SECRET_KEY"] = "${fake(ALNUM, 32, 'dj-2')}"\n`, line: 2 },
      { file: '.env', text: `DJANGO_SECRET_KEY='${fake(ALNUM, 50, 'dj-3')}'\n` },
    ],
    good: [
      { file: 'mysite/settings.py', text: 'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n' },
      { file: 'mysite/settings_env.py', text: 'SECRET_KEY = env("SECRET_KEY")\nSECRET_KEY_FILE = "/run/secrets/django_key"\n' },
      { file: 'mysite/settings_dev.py', text: 'SECRET_KEY = get_random_secret_key()\n' },
      { file: 'tests/settings.py', text: 'SECRET_KEY = "not-a-real-secret-key-for-tests"\n' },
      { file: 'docs/settings.md', text: 'SECRET_KEY = "django-insecure-<50 characters>"\n' },
    ],
  },
};
