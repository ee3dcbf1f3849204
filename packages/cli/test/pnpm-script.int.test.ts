import { spawnSync } from "node:child_process";
import { haveTestModels, modelPath } from "@syndisco/test-support";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./helpers/cli-process.js";

/** Runs the repository's `pnpm syndisco …` script from the root, as the README tells users to. */
function pnpmSyndisco(args: readonly string[]) {
  const result = spawnSync("pnpm", ["syndisco", ...args], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 600_000,
  });
  if (result.error) throw result.error;
  return result;
}

describe.skipIf(!haveTestModels())("pnpm syndisco (the checkout's script) pipes cleanly", () => {
  it("prints only the command's JSON on stdout: the build step prints nothing there", () => {
    // The quickstart names a hub model, which a dry run checks can be fetched: offline, use the local file.
    const stories = modelPath("stories260K.gguf");
    const result = pnpmSyndisco(["run", "examples/quickstart.yaml", "--dry-run", "--json", "--model-path", stories]);
    expect(result.status).toBe(0);
    const plan = JSON.parse(result.stdout) as { discussions: { units: unknown[] } };
    expect(plan.discussions.units).toHaveLength(2);
  });

  it("keeps stdout empty and the exit code when the command fails", () => {
    const result = pnpmSyndisco(["run", "examples/no-such-config.yaml", "--dry-run", "--json"]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/no-such-config\.yaml: cannot read the config file/);
  });
});
