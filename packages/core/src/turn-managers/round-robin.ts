import { TurnManager, type TurnManagerDescription } from "./turn-manager.js";

/**
 * Everyone speaks once per round, in the order given, then again in the same order.
 *
 * @example
 * ```ts
 * new RoundRobin(["John", "Mary", "Howard", "Todd"]).take(5); // John, Mary, Howard, Todd, John
 * ```
 */
export class RoundRobin extends TurnManager {
  #position = 0;

  protected pickNext(names: readonly string[]): string {
    const name = names[this.#position % names.length] as string;
    this.#position += 1;
    return name;
  }

  protected reset(): void {
    this.#position = 0;
  }

  clone(): RoundRobin {
    return new RoundRobin();
  }

  describe(): TurnManagerDescription {
    return { type: "round_robin" };
  }
}
