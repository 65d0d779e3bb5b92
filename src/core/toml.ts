import { createRequire } from 'node:module';

/**
 * smol-toml through its CommonJS build: one file, where the ESM build is nine modules that Node 20
 * loads one by one, a cost every `pyvet deps` paid before reading any TOML.
 */
const toml = createRequire(import.meta.url)('smol-toml') as typeof import('smol-toml');

export const parseToml = toml.parse;
export const TomlError = toml.TomlError;
