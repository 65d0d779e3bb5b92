import type { Command } from 'commander';
import type { Io } from './io.js';

export function registerServe(_program: Command, _io: Io, _setCode: (n: number) => void): void {}
