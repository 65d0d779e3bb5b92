import type { ManifestParser } from './types.js';
import { requirementsParser } from './requirements.js';
import { pyprojectParser } from './pyproject.js';
import { poetryLockParser, uvLockParser, pdmLockParser } from './locks.js';
import { pipfileParser, pipfileLockParser } from './pipfile.js';
import { setupCfgParser } from './setup-cfg.js';
import { setupPyParser } from './setup-py.js';

/** Every manifest format, one parser each. */
export const PARSERS: ManifestParser[] = [
  requirementsParser,
  pyprojectParser,
  poetryLockParser,
  uvLockParser,
  pdmLockParser,
  pipfileParser,
  pipfileLockParser,
  setupCfgParser,
  setupPyParser,
];

export function parserFor(path: string): ManifestParser | undefined {
  return PARSERS.find((p) => p.matches(path));
}
