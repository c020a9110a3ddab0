/**
 * Runs jobs with at most `concurrency` at once, in queue order, except that a job whose group is at
 * its own cap waits while later jobs of other groups go ahead. Caps bound the memory of sources whose
 * responses are large (one GetAccountAuthorizationDetails holds a whole account), whatever the size of
 * the organization. Results keep the input order.
 */
export async function runScheduled<J, R>(
  jobs: readonly J[],
  concurrency: number,
  groupOf: (job: J) => { key: string; cap: number } | undefined,
  run: (job: J) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(jobs.length);
  const waiting = jobs.map((job, index) => ({ job, index }));
  const running = new Map<string, number>();
  let active = 0;
  return new Promise((resolve, reject) => {
    const pump = () => {
      if (waiting.length === 0 && active === 0) {
        resolve(results);
        return;
      }
      for (let i = 0; i < waiting.length && active < concurrency; ) {
        const entry = waiting[i] as { job: J; index: number };
        const group = groupOf(entry.job);
        if (group && (running.get(group.key) ?? 0) >= group.cap) {
          i++;
          continue;
        }
        waiting.splice(i, 1);
        active++;
        if (group) running.set(group.key, (running.get(group.key) ?? 0) + 1);
        run(entry.job).then((result) => {
          results[entry.index] = result;
          active--;
          if (group) running.set(group.key, (running.get(group.key) ?? 1) - 1);
          pump();
        }, reject);
      }
    };
    pump();
  });
}
