import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // llama.cpp is a native addon: each test file gets its own process.
    pool: "forks",
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
