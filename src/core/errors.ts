/** Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage/config/database error, 3 internal error. */
export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 } as const;

export class PyvetError extends Error {
  constructor(message: string, readonly exitCode: number = EXIT.usage) {
    super(message);
    this.name = new.target.name;
  }
}
export class UsageError extends PyvetError {}
export class ConfigError extends PyvetError {}
export class DatabaseError extends PyvetError {}
export class StoreError extends PyvetError {}

/** A problem with one input that does not stop the scan: recorded in the report's `errors`. */
export interface ScanError {
  path: string;
  line?: number;
  message: string;
}
