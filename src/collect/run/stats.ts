/** Counters shown by the progress line and written to the run summary. */
export class RunStats {
  /** HTTP attempts by `<client>:<Operation>`, retries included. */
  readonly calls = new Map<string, number>();
  retries = 0;
  assumeRole = 0;
  filesWritten = 0;
  filesDeleted = 0;
  jobsTotal = 0;
  jobsDone = 0;
  jobsFailed = 0;
  jobsDenied = 0;
  accountsTotal = 0;
  accountsStarted = 0;

  countCall(operation: string): void {
    this.calls.set(operation, (this.calls.get(operation) ?? 0) + 1);
  }

  get totalCalls(): number {
    let total = 0;
    for (const n of this.calls.values()) total += n;
    return total;
  }

  callsByOperation(): Record<string, number> {
    return Object.fromEntries([...this.calls.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}
