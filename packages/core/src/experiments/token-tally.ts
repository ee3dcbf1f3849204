import type { PromptEvaluation } from "./events.js";
import type { TurnReport } from "./experiment-setup.js";

/** Adds up the token counts of turns: a unit's, or every finished unit's of a run. */
export class TokenTally {
  promptTokens = 0;
  completionTokens = 0;
  /** Turns whose backend said how many prompt tokens it evaluated, and those turns' prompt tokens. */
  #meteredTurns = 0;
  #meteredPromptTokens = 0;
  #evaluatedPromptTokens = 0;

  addTurn({ promptTokens, evaluatedPromptTokens, completionTokens }: TurnReport): void {
    this.promptTokens += promptTokens ?? 0;
    this.completionTokens += completionTokens ?? 0;
    if (evaluatedPromptTokens === undefined) return;
    this.#meteredTurns += 1;
    this.#meteredPromptTokens += promptTokens ?? 0;
    this.#evaluatedPromptTokens += evaluatedPromptTokens;
  }

  add(other: TokenTally): void {
    this.promptTokens += other.promptTokens;
    this.completionTokens += other.completionTokens;
    this.#meteredTurns += other.#meteredTurns;
    this.#meteredPromptTokens += other.#meteredPromptTokens;
    this.#evaluatedPromptTokens += other.#evaluatedPromptTokens;
  }

  /** Prompt tokens evaluated by the backend, over the turns that said; `undefined` when none did. */
  promptEvaluation(): PromptEvaluation | undefined {
    if (this.#meteredTurns === 0) return undefined;
    return {
      turns: this.#meteredTurns,
      promptTokens: this.#meteredPromptTokens,
      evaluatedTokens: this.#evaluatedPromptTokens,
      evaluatedPerTurn: this.#evaluatedPromptTokens / this.#meteredTurns,
      evaluatedShare: this.#meteredPromptTokens > 0 ? this.#evaluatedPromptTokens / this.#meteredPromptTokens : 0,
    };
  }
}
