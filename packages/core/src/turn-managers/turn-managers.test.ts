import { describe, expect, it } from "vitest";
import { InputError } from "../errors.js";
import { RandomTurnManager } from "./random-turn-manager.js";
import { RandomWeighted } from "./random-weighted.js";
import { RoundRobin } from "./round-robin.js";

const names = ["John", "Mary", "Howard", "Todd"];

describe("RoundRobin", () => {
  it("gives everyone a turn per round, in order", () => {
    expect(new RoundRobin(names).take(10)).toEqual([...names, ...names, "John", "Mary"]);
  });

  it("is an iterator usable with for…of and a limit", () => {
    const seen: string[] = [];
    for (const name of new RoundRobin(names)) {
      seen.push(name);
      if (seen.length === 5) break;
    }
    expect(seen).toEqual([...names, "John"]);
  });

  it("accepts names later and restarts the order", () => {
    const manager = new RoundRobin();
    manager.setNames(["A", "B"]);
    expect(manager.take(3)).toEqual(["A", "B", "A"]);
    manager.setNames(["C", "D"]);
    expect(manager.nextName()).toBe("C");
  });

  it("refuses to run without names", () => {
    expect(() => new RoundRobin().nextName()).toThrow(InputError);
    expect(() => new RoundRobin([])).toThrow("a turn manager needs at least one name");
  });
});

describe("RandomWeighted", () => {
  it("gives the same order for the same seed, and another for another seed", () => {
    const order = (seed: number) => new RandomWeighted({ names, pRespond: 0.5, seed }).take(30);
    expect(order(7)).toEqual(order(7));
    expect(order(7)).not.toEqual(order(8));
  });

  it("never lets the last speaker speak again at once", () => {
    const order = new RandomWeighted({ names, pRespond: 0.3, seed: 1 }).take(200);
    for (let i = 1; i < order.length; i++) expect(order[i]).not.toBe(order[i - 1]);
  });

  it("with pRespond 1 alternates between the first two speakers (every comment is a reply back)", () => {
    const order = new RandomWeighted({ names, pRespond: 1, seed: 3 }).take(8);
    const [first, second] = order;
    expect(order).toEqual([first, second, first, second, first, second, first, second]);
  });

  // With four names, a turn that is not a reply back goes to one of the three others than the last speaker,
  // one of whom spoke before them: the reply-back rate is pRespond + (1 - pRespond) / 3. Each turn is a fresh
  // draw, so over 2,998 turns the number of reply backs is binomial. The bounds hold it to the 1e-6 quantiles:
  //   python3 -c "from scipy.stats import binom; n=2998
  //   [print(binom.ppf(1e-6, n, r), binom.isf(1e-6, n, r)) for r in (1/3, 2/3)]"   ->  878 1123, 1875 2120
  // A pRespond off by 0.1 (rate 0.4 for 0; 0.6 or 0.733 for 0.5) lands inside them with probability below 0.0024.
  it.each([
    [0, 878, 1123],
    [0.5, 1875, 2120],
  ])("with pRespond %s replies back as often as the binomial bound allows", (pRespond, low, high) => {
    const order = new RandomWeighted({ names, pRespond, seed: 5 }).take(3000);
    const replyBacks = order.filter((name, i) => i >= 2 && name === order[i - 2]).length;
    expect(replyBacks).toBeGreaterThanOrEqual(low);
    expect(replyBacks).toBeLessThanOrEqual(high);
  });

  it("rejects pRespond outside [0, 1]", () => {
    expect(() => new RandomWeighted({ names, pRespond: 1.5 })).toThrow("pRespond must be a probability");
    expect(() => new RandomWeighted({ names, pRespond: -0.1 })).toThrow(InputError);
    expect(() => new RandomWeighted({ names, pRespond: Number.NaN })).toThrow(InputError);
  });

  it("clones with the same settings and a new seed", () => {
    const original = new RandomWeighted({ names, pRespond: 0.25, seed: 1 });
    const copy = original.clone(9);
    expect(copy.describe()).toEqual({ type: "random_weighted", p_respond: 0.25, seed: 9 });
    expect(copy.names).toBeUndefined();
  });
});

describe("RandomTurnManager", () => {
  it("is reproducible for a seed and uses every name", () => {
    const order = new RandomTurnManager({ names, seed: 11 }).take(100);
    expect(new RandomTurnManager({ names, seed: 11 }).take(100)).toEqual(order);
    expect(new Set(order)).toEqual(new Set(names));
  });
});
