/**
 * Makes V8 slower to hand hot functions to its optimising compiler (TurboFan) for the rest of the
 * process. A short command's hot loops run for a few tens of milliseconds: TurboFan compiles them
 * on a background thread, and Node waits for every such compile before the process may exit
 * (measured: a 220-line template spent 15–20 ms that way). Raising the budget 15-fold keeps
 * TurboFan for work that really is long. Loading `node:v8` costs about 1 ms, so callers only do
 * this for inputs big enough to gain from it.
 */
export async function deferOptimizingCompiler(): Promise<void> {
  const { setFlagsFromString } = await import('node:v8');
  // V8's default is 67584 (bytes of bytecode run between tier-up checks).
  setFlagsFromString('--interrupt-budget=1000000');
}

/** Templates longer than this (in characters) are worth deferring TurboFan for. */
export const LONG_TEMPLATE_CHARS = 2000;
