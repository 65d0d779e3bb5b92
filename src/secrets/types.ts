/** Counters of the secrets scan, so a reader knows what was and was not looked at. */
export interface SecretsSummary {
  filesScanned: number;
  bytesScanned: number;
  skippedBinary: number;
  skippedLarge: number;
  /** Set when --history ran. */
  commitsScanned?: number;
  /** Secrets in the tree silenced by an inline `# pyvet: ignore[secret]`, `# pragma: allowlist secret` or `gitleaks:allow`. */
  suppressed: number;
  /** Findings left out because their fingerprint is in the --baseline file. */
  baselined?: number;
  /** Secrets found only in git history (removed from the tree, still to rotate). */
  historyOnly?: number;
  /** Commits the history scan had to skip (objects missing, as in a partial clone). */
  skippedCommits?: string[];
  /** The repository is a shallow clone: commits before its cut-off were not scanned. */
  shallow?: boolean;
}
