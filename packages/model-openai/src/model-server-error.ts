/**
 * What went wrong with a server:
 * - `connection`: the server could not be reached (refused, reset, unknown host).
 * - `timeout`: no whole reply within `timeoutMs`.
 * - `rate-limited`: the server answered 429 on every attempt.
 * - `http-status`: the server answered with another error status (see {@link ModelServerError.status}).
 * - `invalid-json`: the reply body is not valid JSON, or not a JSON object.
 * - `no-choices`: the reply has no `choices`.
 * - `no-message`: the first choice has no `message`.
 * - `null-content`: the message has no text (`content` is null: a tool call or a refusal).
 * - `empty-text`: the message text is empty or only whitespace.
 * - `unexpected`: any other failure of the request.
 */
export type ModelServerProblem =
  | "connection"
  | "timeout"
  | "rate-limited"
  | "http-status"
  | "invalid-json"
  | "no-choices"
  | "no-message"
  | "null-content"
  | "empty-text"
  | "unexpected";

/** The facts a {@link ModelServerError} carries. */
export interface ModelServerErrorDetails {
  /** The server's base URL. */
  serverUrl: string;
  /** The model the request asked for. */
  modelName: string;
  problem: ModelServerProblem;
  /** What was wrong, in words (already free of the API key). */
  detail: string;
  /** The HTTP status, when the server answered with an error status. */
  status?: number | undefined;
  /** How many requests were made before giving up. */
  attempts: number;
}

/**
 * An OpenAI-compatible server failed to give a usable reply. The message names the server and the model
 * and says what was wrong, for example
 * `http://127.0.0.1:8080/v1 (model stories): the reply has no choices`. It never contains the API key.
 */
export class ModelServerError extends Error {
  override readonly name = "ModelServerError";
  /** The server's base URL. */
  readonly serverUrl: string;
  /** The model the request asked for. */
  readonly modelName: string;
  /** What kind of failure this is; see {@link ModelServerProblem}. */
  readonly problem: ModelServerProblem;
  /** The HTTP status, when the server answered with an error status. */
  readonly status: number | undefined;
  /** How many requests were made before giving up (1 when the failure is not retried). */
  readonly attempts: number;

  constructor({ serverUrl, modelName, problem, detail, status, attempts }: ModelServerErrorDetails) {
    const gaveUp = attempts > 1 ? `; gave up after ${attempts} attempts` : "";
    super(`${serverUrl} (model ${modelName}): ${detail}${gaveUp}`);
    this.serverUrl = serverUrl;
    this.modelName = modelName;
    this.problem = problem;
    this.status = status;
    this.attempts = attempts;
  }
}
