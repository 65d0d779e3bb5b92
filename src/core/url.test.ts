import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskUrlUserinfo, redactUrl, stripCredentials } from './url.js';

test('maskUrlUserinfo masks a password whatever its length, a long lone user (a token), keeps a short user and plain URLs', () => {
  assert.equal(maskUrlUserinfo('postgres://app:s3cret@db:5432/app'), 'postgres://app:****@db:5432/app');
  assert.equal(maskUrlUserinfo('redis://:pw@cache:6379/0'), 'redis://:****@cache:6379/0');
  assert.equal(maskUrlUserinfo('ssh://git@github.com/x'), 'ssh://git@github.com/x');
  assert.equal(maskUrlUserinfo('pip install git+https://ghp_0123456789abcdefghijklmnop@github.com/x'), 'pip install git+https://****@github.com/x');
  assert.equal(maskUrlUserinfo('https://api.example.io/v1 and http://127.0.0.1:8000/'), 'https://api.example.io/v1 and http://127.0.0.1:8000/');
  assert.equal(maskUrlUserinfo('postgres://app:****@db/app'), 'postgres://app:****@db/app', 'already masked: unchanged');
});

test('remotes: stripCredentials drops the userinfo, redactUrl keeps the user and hides the password', () => {
  assert.equal(stripCredentials('https://user:tok@github.com/a/b.git'), 'https://github.com/a/b.git');
  assert.equal(redactUrl('postgres://pyvet:pw@127.0.0.1:5432/db'), 'postgres://pyvet:***@127.0.0.1:5432/db');
});
