// Runs every package's tests through turbo, then prints the totals of the whole run as one plain line,
// "N passed, N failed", and exits non-zero when anything failed. vitest writes each package's counts to
// .vitest-results.json (see the packages' "test" scripts); a package that wrote none counts as failed.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const RESULTS_FILE = ".vitest-results.json";
const testedPackages = readdirSync("packages")
  .map((name) => join("packages", name))
  .filter((dir) => {
    const manifest = join(dir, "package.json");
    return existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).scripts?.test;
  });

for (const dir of testedPackages) rmSync(join(dir, RESULTS_FILE), { force: true });

const turbo = spawnSync(
  "pnpm",
  ["exec", "turbo", "run", "test", "--continue", "--concurrency=1", ...process.argv.slice(2)],
  {
    stdio: "inherit",
  },
);

let passed = 0;
let failed = 0;
let skipped = 0;
for (const dir of testedPackages) {
  const file = join(dir, RESULTS_FILE);
  if (!existsSync(file)) {
    console.error(`${dir}: no test results were written (the test run crashed or was not started)`);
    failed += 1;
    continue;
  }
  const results = JSON.parse(readFileSync(file, "utf8"));
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  skipped += results.numPendingTests + results.numTodoTests;
  // A test file that fails to load has no tests to count; count the file itself.
  const brokenFiles = results.testResults.filter(
    (suite) => suite.status === "failed" && suite.assertionResults.length === 0,
  );
  for (const suite of brokenFiles) console.error(`${suite.name}: ${suite.message}`);
  failed += brokenFiles.length;
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || turbo.status !== 0 ? 1 : 0);
