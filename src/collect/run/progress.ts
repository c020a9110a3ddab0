import type { RunStats } from './stats.js';
import type { JobReport } from './summary.js';

/** Receives the run's events; the CLI picks an implementation for the terminal, a pipe or machines. */
export interface Reporter {
  jobFinished(job: JobReport): void;
  message(level: 'info' | 'warn' | 'error', text: string, fields?: Record<string, unknown>): void;
  /** Called at the end, before the final message. */
  close(): void;
}

/** Nothing, except warnings and errors as plain lines: the default in pipes. */
export function plainReporter(write: (text: string) => void): Reporter {
  return {
    jobFinished(job) {
      if (job.status === 'failed')
        write(`iamwright: ${job.account} ${job.service}/${job.sync} ${job.region}: failed: ${job.reason ?? ''}\n`);
    },
    message(level, text) {
      if (level !== 'info') write(`iamwright: ${text}\n`);
    },
    close() {},
  };
}

/** One JSON object per line (`--log-format json`): every finished job and every message. */
export function jsonReporter(write: (text: string) => void, now = () => new Date()): Reporter {
  return {
    jobFinished(job) {
      write(
        `${JSON.stringify({ time: now().toISOString(), level: job.status === 'failed' ? 'error' : 'info', event: 'job', ...job })}\n`,
      );
    },
    message(level, text, fields) {
      write(`${JSON.stringify({ time: now().toISOString(), level, message: text, ...fields })}\n`);
    },
    close() {},
  };
}

/**
 * A live status line on a terminal (stderr), redrawn at most 10 times a second:
 * accounts, jobs done and left, API calls, retries and errors. Failures are printed above it.
 */
export function ttyReporter(stream: NodeJS.WriteStream, stats: RunStats): Reporter {
  let errors = 0;
  let last = 0;
  let shown = false;
  const line = () =>
    `collect: accounts ${stats.accountsStarted}/${stats.accountsTotal} · jobs ${stats.jobsDone} done, ${
      stats.jobsTotal - stats.jobsDone
    } left · API calls ${stats.totalCalls} (${stats.retries} retried) · ${errors} error${errors === 1 ? '' : 's'}`;
  const draw = (force = false) => {
    const now = Date.now();
    if (!force && now - last < 100) return;
    last = now;
    const width = stream.columns || 120;
    stream.write(`\r\x1b[2K${line().slice(0, width - 1)}`);
    shown = true;
  };
  const clear = () => {
    if (shown) stream.write('\r\x1b[2K');
    shown = false;
  };
  const timer = setInterval(() => draw(), 250);
  timer.unref();
  return {
    jobFinished(job) {
      if (job.status === 'failed') {
        errors++;
        clear();
        stream.write(
          `iamwright: ${job.account} ${job.service}/${job.sync} ${job.region}: failed: ${job.reason ?? ''}\n`,
        );
      }
      draw();
    },
    message(level, text) {
      clear();
      stream.write(`iamwright: ${text}\n`);
      if (level === 'error') errors++;
      draw(true);
    },
    close() {
      clearInterval(timer);
      clear();
    },
  };
}
