import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALNUM, fake, fakePem } from './fake.js';
import { maskSecrets } from './mask.js';
import { holdingAnchors } from './detect.js';

test('maskSecrets hides tokens, URL passwords and suppressed values, keeps the rest', () => {
  const token = 'ghp' + '_' + fake(ALNUM, 36, 'mask-1');
  const pw = fake(ALNUM, 18, 'mask-2');
  const text = `x = 1\nGH = "${token}"\nparse("postgres://app:${pw}@db.")\nOLD_TOKEN = "${fake(ALNUM, 20, 'mask-3')}"  # pyvet: ignore[secret]\n`;
  const out = maskSecrets(text, 'settings.py');
  assert.ok(!out.includes(token) && !out.includes(pw) && !out.includes(fake(ALNUM, 20, 'mask-3')));
  assert.match(out, /^x = 1\nGH = "ghp_\*\*\*\*"\nparse\("postgres:\/\/app:\w{2}\*\*\*\*@db\."\)/);
  assert.equal(maskSecrets('nothing to see = here\n'), 'nothing to see = here\n');
});

test('maskSecrets blanks the body of a private key', () => {
  const pem = fakePem('RSA', 'mask-pem');
  const out = maskSecrets(`key:\n${pem}\n`, 'notes.txt');
  for (const body of pem.split('\n').slice(1, -1)) assert.ok(!out.includes(body));
  assert.match(out, /-----BEGIN RSA PRIVATE KEY-----/);
});

test('maskSecrets masks every piece of a string split over lines', () => {
  const a = fake(ALNUM, 20, 'mask-split-1');
  const b = fake(ALNUM, 20, 'mask-split-2');
  const out = maskSecrets(`API_TOKEN = (\n    "${a}"\n    "${b}"\n)\nX = 1\n`, 'app.py');
  assert.ok(!out.includes(a) && !out.includes(b), out);
  assert.match(out, /X = 1/);
  const same = maskSecrets(`API_TOKEN = "${a}" "${b}"\n`, 'app.py');
  assert.ok(!same.includes(a) && !same.includes(b), same);
});

test('holdingAnchors marks every string maskSecrets would change, each by its own index', () => {
  const token = 'ghp' + '_' + fake(ALNUM, 36, 'mask-anchors');
  const texts = ['', 'plain words', `GH = "${token}"`, 'x\ny', `two\nlines with GH = "${token}"`, 'ends with s', 'k-'];
  const marked = holdingAnchors(texts);
  texts.forEach((t, i) => {
    if (maskSecrets(t) !== t) assert.ok(marked.has(i), `text ${i} not marked`);
  });
  assert.deepEqual([...marked].sort(), [2, 4]);
  // an anchor split over the joint of two texts ("s" + "k-") marks neither
  assert.equal(holdingAnchors(['as', 'k-1']).size, 0);
});
