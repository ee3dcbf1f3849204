import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { haveTestModels, modelPath, STORIES_GREEDY_TEXT } from "@syndisco/test-support";
import { beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const distFile = (name: string) => fileURLToPath(new URL(`../dist/${name}`, import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

beforeAll(() => {
  if (!existsSync(distFile("index.js")) || !existsSync(distFile("index.cjs"))) {
    throw new Error("dist/ is missing: run `pnpm build` in packages/model-llamacpp (turbo's test task does it)");
  }
});

describe("the built package", () => {
  it("imports node-llama-cpp only when a model loads, in both builds", () => {
    const esm = readFileSync(distFile("index.js"), "utf8");
    const cjs = readFileSync(distFile("index.cjs"), "utf8");
    expect(esm).not.toMatch(/from\s+["']node-llama-cpp["']/);
    expect(cjs).not.toMatch(/require\(["']node-llama-cpp["']\)/);
    expect(esm).toContain('import("node-llama-cpp")');
    expect(cjs).toContain('import("node-llama-cpp")');
  });
});

describe.skipIf(!haveTestModels())("a process that never calls dispose()", () => {
  it.each(["prompt-without-dispose.mjs", "prompt-without-dispose.cjs"])(
    "still exits once its work is done (%s)",
    async (script) => {
      const started = performance.now();
      const { stdout } = await run(process.execPath, [fixture(script), modelPath("stories260K.gguf")], {
        timeout: 60_000,
      });
      const reply = JSON.parse(stdout.trim()) as { text: string; completionTokens: number };
      expect(`Once upon a time${reply.text}`).toBe(STORIES_GREEDY_TEXT);
      expect(reply.completionTokens).toBe(50);
      // execFile resolves only when the child has exited; the timeout above kills a child that hangs.
      expect(performance.now() - started).toBeLessThan(60_000);
    },
  );
});
