import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Each file runs in its own process, so a test that configures core's logger affects no other file.
    pool: "forks",
    testTimeout: 30_000,
  },
});
