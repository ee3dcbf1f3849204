import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // The integration tests spawn `syndisco` processes that load native backends.
    pool: "forks",
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
