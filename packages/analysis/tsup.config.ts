import { defineConfig } from "tsup";

export default defineConfig({
  // The worker is its own entry: the diversity pool starts it from beside the built index.
  entry: { index: "src/index.ts", "diversity-worker": "src/parallel/diversity-worker.ts" },
  format: ["esm", "cjs"],
  dts: { entry: { index: "src/index.ts" } },
  sourcemap: true,
  clean: true,
  target: "node20",
  // import.meta.url in the CommonJS build, which finds the worker.
  shims: true,
});
