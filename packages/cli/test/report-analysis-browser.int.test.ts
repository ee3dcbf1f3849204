import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { makeAnnotatedRun } from "./helpers/annotated-run.js";
import { haveChromium, openInChromium } from "./helpers/chromium.js";
import { runCli } from "./helpers/cli-process.js";
import { useTempDirs } from "./helpers/temp-dir.js";

const tempDir = useTempDirs();
const ANALYSIS_CHARTS = ["chart-words", "chart-diversity", "chart-participation", "chart-annotation-means"];

interface DrawnChart {
  type: string;
  labels: string[];
  datasets: { label: string; data: unknown[] }[];
  axisTitles: (string | undefined)[];
  inkedPixels: number;
}

describe.skipIf(!haveChromium())("the report's analysis charts in headless Chromium", () => {
  it("draws words per comment, diversity density, participation by model and annotation means with intervals", async () => {
    const dir = tempDir();
    const run = join(dir, "run");
    await makeAnnotatedRun(run, { discussions: 8, turns: 4 });
    const file = join(dir, "report.html");
    const made = await runCli(["report", run, "--out", file]);
    expect(made.stderr).toBe("");
    expect(made.code).toBe(0);
    // The same measures from `syndisco analyze`, to compare with what the charts show.
    const out = join(dir, "analysis");
    expect((await runCli(["analyze", run, "--output-dir", out])).code).toBe(0);
    const csv = (name: string) =>
      parse(readFileSync(join(out, name), "utf8"), { columns: true }) as Record<string, string>[];

    const opened = await openInChromium(file);
    try {
      const { page } = opened;
      await page.waitForSelector("#analysis canvas");
      const charts = await page.evaluate((ids) => {
        const chartGlobal = (window as unknown as { Chart: { getChart(canvas: HTMLCanvasElement): unknown } }).Chart;
        return ids.map((id) => {
          const canvas = document.getElementById(id) as HTMLCanvasElement;
          const chart = chartGlobal.getChart(canvas) as
            | {
                config: { type: string };
                data: { labels: string[]; datasets: { label: string; data: unknown[] }[] };
                options: { scales: Record<string, { title?: { display?: boolean; text?: string } }> };
              }
            | undefined;
          const pixels = canvas.getContext("2d")?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
          let inked = 0;
          for (let index = 3; index < pixels.length; index += 4) if ((pixels[index] ?? 0) > 0) inked += 1;
          return {
            type: chart?.config.type ?? "none",
            labels: chart?.data.labels ?? [],
            datasets: (chart?.data.datasets ?? []).map((set) => ({ label: set.label, data: set.data })),
            axisTitles: ["x", "y"].map((axis) => {
              const title = chart?.options.scales[axis]?.title;
              return title?.display ? title.text : undefined;
            }),
            inkedPixels: inked,
          };
        });
      }, ANALYSIS_CHARTS);
      const [words, diversity, participation, means] = charts as DrawnChart[];
      for (const chart of charts as DrawnChart[]) expect(chart.inkedPixels).toBeGreaterThan(500);
      // Both axes of every chart say what they measure.
      expect((charts as DrawnChart[]).map((chart) => chart.axisTitles)).toEqual([
        ["words", "comments"],
        ["diversity", "density"],
        ["model", "share of comments that say something"],
        ["group · annotator · measure", "value"],
      ]);

      // Words per comment: one histogram per group whose counts add up to the group's comments.
      const dataset = csv("dataset.csv")[0] as Record<string, string>;
      expect(words?.datasets.map((set) => set.label)).toEqual(["run"]);
      const counts = (words?.datasets[0]?.data ?? []) as number[];
      const counted = counts.reduce((total, count) => total + count, 0);
      expect(counted).toBe(Number(dataset.comments));

      // Diversity: a density over 50 points from 0 to 1.
      expect(diversity?.type).toBe("line");
      expect(diversity?.labels).toHaveLength(50);
      expect(diversity?.labels[0]).toBe("0.00");
      expect(diversity?.labels.at(-1)).toBe("1.00");

      // Participation by model: the rates of participation.csv.
      const rates = csv("participation.csv").filter((row) => row.model !== "all");
      expect(participation?.labels).toEqual(rates.map((row) => row.model));
      expect(participation?.datasets[0]?.data).toEqual(rates.map((row) => Number(row.participation_rate)));

      // Annotation means: each mean as a point and its interval as a floating bar, as annotations.csv says.
      const annotations = csv("annotations.csv");
      expect(means?.labels).toEqual(annotations.map((row) => `${row.group} · ${row.annotator} · ${row.measure}`));
      expect(means?.datasets[0]?.data).toEqual(annotations.map((row) => [Number(row.ci_low), Number(row.ci_high)]));
      expect(means?.datasets[1]?.data).toEqual(annotations.map((row) => Number(row.mean)));
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});
