import { getLogger } from "../logging/logger.js";

const logger = getLogger("experiment");
const SIGNALS = ["SIGINT", "SIGTERM"] as const;

/**
 * Turns the first SIGINT or SIGTERM into a call of `onInterrupt`, so that the experiment can stop cleanly.
 * A second signal means "now": the listeners step aside and the signal is raised again, which ends the
 * process (files are written atomically, so nothing half-written is left behind).
 *
 * @returns a function that removes the listeners.
 */
export function listenForInterrupts(onInterrupt: (signal: NodeJS.Signals) => void): () => void {
  let interrupted = false;
  const remove = () => {
    for (const name of SIGNALS) process.removeListener(name, handle);
  };
  function handle(signal: NodeJS.Signals): void {
    if (interrupted) {
      remove();
      process.kill(process.pid, signal);
      return;
    }
    interrupted = true;
    logger.warn(`${signal} received: finishing no new units; send it again to quit at once`);
    onInterrupt(signal);
  }
  for (const name of SIGNALS) process.on(name, handle);
  return remove;
}
