import { PlainProgress } from "./plain-progress.js";
import { type ProgressReporter, SilentProgress } from "./reporter.js";
import { TtyProgress } from "./tty-progress.js";

/** How progress should be shown. */
export interface ProgressChoice {
  /** `--quiet`: show nothing. */
  quiet: boolean;
  /** Where progress goes; bars when it is a terminal, plain lines otherwise. */
  stream: NodeJS.WriteStream;
}

/**
 * Bars on a terminal, plain lines elsewhere, nothing with `--quiet`.
 *
 * @param detail - more for the bar to show after its label (plain lines leave it out).
 */
export function createProgress(
  label: string,
  { quiet, stream }: ProgressChoice,
  detail?: () => string,
): ProgressReporter {
  if (quiet) return new SilentProgress();
  return stream.isTTY ? new TtyProgress(label, stream, detail) : new PlainProgress(label, stream);
}
