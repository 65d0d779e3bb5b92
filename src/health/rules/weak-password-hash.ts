import { defineHealthRule, smellHits, py } from '../rule.js';

export const weakPasswordHash = defineHealthRule({
  id: 'health.weak-password-hash',
  severity: 'high',
  scoredBy: 'security',
  summary: 'A password is hashed with MD5 or SHA-1',
  docs: {
    what: 'Flags `hashlib.md5(...)`, `hashlib.sha1(...)` and `hashlib.new("md5"|"sha1", ...)` whose argument mentions a password.',
    why: 'MD5 and SHA-1 are fast and unsalted here: a leaked table of them is cracked at billions of guesses per second.',
    example: 'digest = hashlib.md5(password.encode()).hexdigest()',
    fix: 'Use a password hasher: `argon2-cffi`, `bcrypt`, `hashlib.scrypt`, or your framework\'s (`django.contrib.auth.hashers.make_password`).',
  },
  codes: ['S324', 'B324', 'S303', 'B303'],
  check: smellHits,
  examples: {
    bad: [py('import hashlib\ndef store(password):\n    return hashlib.md5(password.encode()).hexdigest()\n')],
    good: [py('import hashlib\ndef etag(body):\n    return hashlib.md5(body).hexdigest()\n'), py('import hashlib, os\ndef store(password):\n    return hashlib.scrypt(password.encode(), salt=os.urandom(16), n=2**14, r=8, p=1)\n')],
  },
});
