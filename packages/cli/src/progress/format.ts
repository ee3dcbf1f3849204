/** A duration for people: `850 ms`, `12.3 s`, `4 min 05 s`, `1 h 02 min`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const wholeSeconds = Math.round(seconds);
  const minutes = Math.floor(wholeSeconds / 60);
  if (minutes < 60) return `${minutes} min ${String(wholeSeconds % 60).padStart(2, "0")} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

/** Generated tokens per second over a span, as a whole number (0 for an empty span). */
export function tokensPerSecond(tokens: number, ms: number): number {
  return ms > 0 ? Math.round((tokens * 1000) / ms) : 0;
}

/** Prompt tokens evaluated per turn: whole from 10 up, with one decimal below (a cache can spare all but 1). */
export function evaluatedPerTurnText(perTurn: number): string {
  return perTurn >= 10 ? String(Math.round(perTurn)) : perTurn.toFixed(1);
}
