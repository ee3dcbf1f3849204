import { defineConfig } from "tsup";

export default defineConfig([
  {
    // The programmatic API, for scripts that want the CLI's config loading, plugin loading or server.
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "node20",
    // load-plugin.ts resolves packages from the CLI's own location through import.meta.url.
    shims: true,
    // One file per format: main.ts's lazy command imports only matter to the executable.
    splitting: false,
  },
  {
    // The `syndisco` executable, split so that each command's code loads only when that command runs.
    entry: ["src/bin.ts"],
    format: ["esm"],
    sourcemap: true,
    target: "node20",
    banner: { js: "#!/usr/bin/env node" },
  },
  {
    // The script of `syndisco report`'s page, which every report inlines: a browser bundle read at run time.
    entry: { "report-page": "src/report/page/main.ts" },
    format: ["iife"],
    platform: "browser",
    target: "es2020",
    minify: true,
    outExtension: () => ({ js: ".js" }),
  },
]);
