import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { analyzeSource } from '../src/python/analyze.js';
import { functionsOf } from '../src/python/functions.js';

/**
 * Fixtures: each X.py in test/fixtures/radon has radon 5.1's output beside it:
 * X.cc.json (`radon cc -j --show-closures`) and X.mi.json (`radon mi -j -s`), with the file key renamed "file".
 */
const dir = new URL('../../test/fixtures/radon/', import.meta.url);

interface Block {
  type: string;
  name: string;
  classname?: string;
  lineno: number;
  complexity: number;
}

for (const name of readdirSync(dir).filter((n) => n.endsWith('.py'))) {
  const stem = name.slice(0, -3);
  test(`radon agreement: ${name}`, () => {
    const source = readFileSync(new URL(name, dir), 'utf8');
    const facts = analyzeSource(source, `pkg/${name}`, `pkg.${stem}`, false);
    const cc = (JSON.parse(readFileSync(new URL(`${stem}.cc.json`, dir), 'utf8')) as Record<string, Block[]>).file!;
    const expected = cc
      .filter((b) => b.type !== 'class')
      .map((b) => ({ name: b.classname ? `${b.classname}.${b.name}` : b.name, line: b.lineno, complexity: b.complexity }))
      .sort((a, b) => a.line - b.line || (a.name < b.name ? -1 : 1));
    const actual = functionsOf(facts.health.functions).map((f) => ({ name: f.name, line: f.line, complexity: f.complexity })).sort((a, b) => a.line - b.line || (a.name < b.name ? -1 : 1));
    assert.deepEqual(actual, expected);
    const mi = (JSON.parse(readFileSync(new URL(`${stem}.mi.json`, dir), 'utf8')) as Record<string, { mi: number }>).file!.mi;
    assert.ok(facts.health.maintainability !== null);
    assert.ok(Math.abs(facts.health.maintainability - mi) < 1e-9, `MI ${facts.health.maintainability} vs radon ${mi}`);
  });
}
