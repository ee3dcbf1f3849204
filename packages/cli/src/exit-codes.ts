/**
 * The exit codes of the `syndisco` command.
 *
 * - `OK` (0): every planned unit finished.
 * - `UNITS_FAILED` (1): the run ended but some discussions or annotations failed (they are listed).
 * - `BAD_INPUT` (2): the config, a persona file, a backend or a model file is wrong; nothing was written.
 * - `INTERRUPTED` (130): stopped by Ctrl-C or SIGTERM; running the same command again resumes.
 */
export const ExitCode = {
  OK: 0,
  UNITS_FAILED: 1,
  BAD_INPUT: 2,
  INTERRUPTED: 130,
} as const;

/** One of the {@link ExitCode} values. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
