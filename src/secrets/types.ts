/** Counters of the secrets scan, so a reader knows what was and was not looked at. */
export interface SecretsSummary {
  filesScanned: number;
  bytesScanned: number;
  skippedBinary: number;
  skippedLarge: number;
  /** Set when --history ran. */
  commitsScanned?: number;
  suppressed: number;
}
