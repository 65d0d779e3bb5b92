import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CREDENTIAL_WORDS, NAME_THEN_OPERATOR, leadingChars } from './triggers.js';
import { RULES } from './rules/index.js';

const lead = (src: string) => {
  const s = leadingChars(src);
  return s && [...s].sort().join('');
};

test('leadingChars reads literals, classes, escapes and groups', () => {
  assert.equal(lead('AIza'), 'A');
  assert.equal(lead('SG\\.'), 'S');
  assert.equal(lead('-----BEGIN '), '-');
  assert.equal(lead('[kK](?:[eE][yY])|[cC][rR]'), 'CKck');
  assert.equal(lead('(?:ab|cd)e|\\/x'), '/ac');
  assert.equal(lead('[0-3x]'), '0123x');
  assert.equal(lead('\\.com'), '.');
  assert.equal(lead(CREDENTIAL_WORDS), 'CKPckp');
});

test('leadingChars gives up where the first character is not fixed', () => {
  for (const src of ['(?<=ab)c', '\\sx', '[^a]', 'a?b', 'a*b', 'a{0,2}b', '.x', '(a)b', 'ab|\\dc', 'x|']) {
    assert.equal(leadingChars(src), null, src);
  }
});

test('every rule trigger only matches where leadingChars says it can begin', () => {
  for (const r of RULES) {
    const chars = leadingChars(r.trigger);
    if (!chars) continue;
    const re = new RegExp(r.trigger, 'g');
    for (const ex of r.examples.bad) {
      for (const m of ex.text.matchAll(re)) assert.ok(chars.has(ex.text[m.index]!), `${r.id}: matched at ${JSON.stringify(ex.text[m.index])}`);
    }
  }
});

test('NAME_THEN_OPERATOR: the rest of a name, then an assignment operator', () => {
  // Each line is what follows the credential word that the trigger found.
  const follows = (rest: string) => {
    const re = new RegExp(NAME_THEN_OPERATOR);
    re.lastIndex = 0;
    return re.test(rest);
  };
  for (const rest of ['WORD = "x"', '": "x"', '=abc', 'word: str = "x"', '"] = 1', 'wd="x"', 'ENTIALS := 1', '_id=x']) assert.ok(follows(rest), rest);
  for (const rest of [')', ']', 'word == other:', '.strip()', '', ' in keys', 's()']) assert.ok(!follows(rest), rest);
});
