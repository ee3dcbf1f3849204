import { describe, expect, it } from "vitest";
import { describeModeratorPolicy, ModeratorSchedule } from "./moderator-policy.js";

function verdicts(schedule: ModeratorSchedule, count: number): string[] {
  return Array.from({ length: count }, () => schedule.next());
}

describe("ModeratorSchedule", () => {
  it("always speaks under always, and always asks under decide", () => {
    expect(verdicts(new ModeratorSchedule("always", 1), 3)).toEqual(["speak", "speak", "speak"]);
    expect(verdicts(new ModeratorSchedule("decide", 1), 2)).toEqual(["ask", "ask"]);
  });

  it("speaks after every k-th participant comment", () => {
    expect(verdicts(new ModeratorSchedule({ every: 3 }, 1), 7)).toEqual([
      "skip",
      "skip",
      "speak",
      "skip",
      "skip",
      "speak",
      "skip",
    ]);
  });

  it("speaks with the given probability, the same way for the same seed", () => {
    const first = verdicts(new ModeratorSchedule({ probability: 0.3 }, 9), 10_000);
    expect(verdicts(new ModeratorSchedule({ probability: 0.3 }, 9), 10_000)).toEqual(first);
    const share = first.filter((verdict) => verdict === "speak").length / first.length;
    // Binomial(10,000, 0.3): sd = sqrt(10,000 × 0.3 × 0.7) / 10,000 = 0.0046; the bounds are 4 sd.
    expect(share).toBeGreaterThan(0.3 - 0.0184);
    expect(share).toBeLessThan(0.3 + 0.0184);
    expect(verdicts(new ModeratorSchedule({ probability: 0 }, 9), 50)).not.toContain("speak");
    expect(verdicts(new ModeratorSchedule({ probability: 1 }, 9), 50)).not.toContain("skip");
  });

  it("refuses what is not a policy, naming the option", () => {
    expect(() => new ModeratorSchedule({ every: 0 }, 1)).toThrow(/moderatorPolicy.*not a moderator policy/);
    expect(() => new ModeratorSchedule({ probability: 2 }, 1)).toThrow(/not a moderator policy/);
    expect(() => new ModeratorSchedule("sometimes" as never, 1)).toThrow(/not a moderator policy/);
  });

  it("describes the policy for the discussion file", () => {
    expect(describeModeratorPolicy("always")).toEqual({ type: "always" });
    expect(describeModeratorPolicy({ every: 2 })).toEqual({ type: "every", every: 2 });
    expect(describeModeratorPolicy({ probability: 0.25 })).toEqual({ type: "probability", p: 0.25 });
  });
});
