import type { ModelServerProblem } from "./model-server-error.js";

/** What one failed request to one server tells the retry loop. Internal: users see {@link ModelServerError}. */
export class AttemptFailure extends Error {
  override readonly name = "AttemptFailure";
  readonly problem: ModelServerProblem;
  /** Whether the request may succeed if sent again (to this server later, or to another server). */
  readonly retriable: boolean;
  /** The HTTP status, when the server answered with an error status. */
  readonly status: number | undefined;
  /** How long the server asked us to wait (`Retry-After`), in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(
    problem: ModelServerProblem,
    detail: string,
    { retriable, status, retryAfterMs }: { retriable: boolean; status?: number; retryAfterMs?: number | undefined },
  ) {
    super(detail);
    this.problem = problem;
    this.retriable = retriable;
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }
}
