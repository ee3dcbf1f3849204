import { describe, expect, it } from "vitest";
import { type LoadingEnvSettings, withLoadingEnv } from "./loading-env.js";
import { runSampled } from "./sampling-lock.js";

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("withLoadingEnv", () => {
  it("sets the env for each load, one load at a time, and restores it afterwards", async () => {
    const env: LoadingEnvSettings = { allowRemoteModels: true, cacheDir: "/default" };
    const seen: string[] = [];
    const load = (name: string) => async () => {
      seen.push(`${name} start ${env.allowRemoteModels} ${env.cacheDir}`);
      await tick(10);
      seen.push(`${name} end ${env.allowRemoteModels} ${env.cacheDir}`);
      return name;
    };
    const results = await Promise.all([
      withLoadingEnv(env, { allowRemoteModels: false, cacheDir: "/a" }, load("a")),
      withLoadingEnv(env, { allowRemoteModels: true, cacheDir: "/b" }, load("b")),
    ]);
    expect(results).toEqual(["a", "b"]);
    expect(seen).toEqual(["a start false /a", "a end false /a", "b start true /b", "b end true /b"]);
    expect(env).toEqual({ allowRemoteModels: true, cacheDir: "/default" });
  });

  it("restores the env and lets the next load run after a load fails", async () => {
    const env: LoadingEnvSettings = { allowRemoteModels: true, cacheDir: null };
    const failing = withLoadingEnv(env, { allowRemoteModels: false, cacheDir: "/x" }, async () => {
      throw new Error("broken model");
    });
    await expect(failing).rejects.toThrow("broken model");
    expect(env).toEqual({ allowRemoteModels: true, cacheDir: null });
    await expect(withLoadingEnv(env, env, async () => "next")).resolves.toBe("next");
  });
});

describe("runSampled", () => {
  it("seeds the shared generator before each task and never runs two tasks at once", async () => {
    const events: string[] = [];
    const random = { seed: (value?: number) => events.push(`seed ${value}`) };
    const task = (name: string) => async () => {
      events.push(`${name} start`);
      await tick(5);
      events.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([runSampled(random, 1, task("a")), runSampled(random, undefined, task("b"))]);
    expect(results).toEqual(["a", "b"]);
    expect(events).toEqual(["seed 1", "a start", "a end", "seed undefined", "b start", "b end"]);
  });
});
