import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ReportAssets } from "./render-report-html.js";

/** The page script's file name; the build writes it beside the CLI's other files in `dist/`. */
export const PAGE_SCRIPT_FILE = "report-page.js";

/**
 * Reads the scripts a report inlines: Chart.js's minified UMD build from the installed `chart.js` package,
 * and the page script that the CLI's build bundles from `src/report/page`.
 *
 * @throws Error naming the file when either is missing (a broken installation, or a source checkout that was
 *   not built).
 */
export async function loadReportAssets(): Promise<ReportAssets> {
  const chartEntry = createRequire(import.meta.url).resolve("chart.js");
  const chartFile = join(dirname(chartEntry), "chart.umd.min.js");
  const pageFile = fileURLToPath(new URL(`./${PAGE_SCRIPT_FILE}`, import.meta.url));
  return {
    chartLibrary: await readAsset(chartFile, "reinstall @syndisco/cli, whose chart.js dependency provides it"),
    pageScript: await readAsset(pageFile, "build @syndisco/cli first (pnpm --filter @syndisco/cli build)"),
  };
}

async function readAsset(file: string, fix: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw new Error(`cannot read ${file}, which every report inlines (${(error as Error).message}); ${fix}`);
  }
}
