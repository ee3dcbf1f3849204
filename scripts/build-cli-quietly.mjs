// The build step of `pnpm syndisco`: builds the CLI and the packages it needs with turbo, and prints nothing on
// stdout, so that `pnpm syndisco run … --dry-run --json | jq` gets only the command's own output. turbo's
// banner and logs are kept and shown on stderr only when the build fails.
import { spawnSync } from "node:child_process";

const build = spawnSync("turbo", ["run", "build", "--filter=@syndisco/cli...", "--output-logs=errors-only"], {
  stdio: ["ignore", "pipe", "pipe"],
  env: { TURBO_TELEMETRY_DISABLED: "1", ...process.env },
  // turbo is found on the PATH that pnpm gives its scripts; Windows needs a shell to run turbo.cmd.
  shell: process.platform === "win32",
  maxBuffer: 64 * 1024 * 1024,
});
if (build.error) {
  process.stderr.write(
    `syndisco: cannot run turbo to build the CLI (${build.error.message}); run pnpm install first\n`,
  );
  process.exit(1);
}
if (build.status !== 0) {
  process.stderr.write(build.stdout);
  process.stderr.write(build.stderr);
  process.stderr.write("syndisco: building the CLI failed (turbo's output is above)\n");
  process.exit(build.status ?? 1);
}
