import { afterEach, describe, expect, it, vi } from "vitest";
import { Admission } from "./admission.js";

describe("Admission", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("admits what the model serves at once plus the queue, and a place given back admits another", () => {
    const admission = new Admission(2, 1);
    const places = [admission.enter(), admission.enter(), admission.enter()];
    expect(places.every((leave) => typeof leave === "function")).toBe(true);
    expect(admission.enter()).toBeUndefined();
    places[0]?.();
    places[0]?.(); // a second call gives nothing back twice
    expect(admission.enter()).toBeTypeOf("function");
    expect(admission.enter()).toBeUndefined();
  });

  it("with a queue of 0 admits only what the model serves at once", () => {
    const admission = new Admission(1, 0);
    expect(admission.enter()).toBeTypeOf("function");
    expect(admission.enter()).toBeUndefined();
  });

  it("asks refused clients to wait at least a second, longer when requests take longer", () => {
    vi.useFakeTimers({ toFake: ["performance"] });
    const admission = new Admission(1, 0);
    expect(admission.retryAfterSeconds()).toBe(1);
    const leave = admission.enter();
    vi.advanceTimersByTime(2500);
    leave?.();
    expect(admission.retryAfterSeconds()).toBe(3);
  });
});
