import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** Runs a snippet against the built package in a fresh process and returns what it printed. */
function runSnippet(code: string) {
  return spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd: PACKAGE_DIR, encoding: "utf8" });
}

beforeAll(() => {
  if (!existsSync(join(PACKAGE_DIR, "dist/index.js"))) {
    throw new Error("packages/core/dist is missing: build core first (pnpm --filter @syndisco/core build)");
  }
});

describe("loggingSetup on the terminal", () => {
  it("prints readable lines on stderr, without colours when told so, and nothing on stdout", () => {
    const result = runSnippet(`
      import { getLogger, loggingSetup } from "./dist/index.js";
      await loggingSetup({ useColors: false, level: "debug" });
      getLogger("experiment").info({ unit: "discussion-00001" }, "unit finished");
      getLogger("experiment").debug("a detail");
    `);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^\[[^\]]+\] INFO: unit finished\n/);
    expect(result.stderr).toContain('component: "experiment"');
    expect(result.stderr).toContain('unit: "discussion-00001"');
    expect(result.stderr).toMatch(/DEBUG: a detail/);
    expect(result.stderr).not.toContain("\u001b[");
  });

  it("prints nothing when printToTerminal is off", () => {
    const result = runSnippet(`
      import { getLogger, loggingSetup } from "./dist/index.js";
      await loggingSetup({ printToTerminal: false });
      getLogger("experiment").error("not shown");
    `);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
  });

  it("prints warnings as readable lines on stderr before any setup, not JSON, and nothing below warn", () => {
    const result = runSnippet(`
      import { getLogger } from "./dist/index.js";
      getLogger("experiment").info("not shown");
      getLogger("experiment").warn("shown");
    `);
    expect(result.status).toBe(0);
    // Not a terminal here, so without colours.
    expect(result.stderr).toMatch(/^\[[^\]]+\] WARN: shown\n\s+component: "experiment"\n$/);
    expect(result.stderr).not.toContain('{"level"');
    expect(result.stderr).not.toContain("\u001b[");
  });
});
