import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { annotationStats, importAnnotations, importDiscussions } from "@syndisco/core";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { makeAnnotatedRun } from "./helpers/annotated-run.js";
import { haveChromium, openInChromium, pngSize } from "./helpers/chromium.js";
import { REPO_ROOT, runCli } from "./helpers/cli-process.js";
import { useTempDirs } from "./helpers/temp-dir.js";

const tempDir = useTempDirs();
const CHART_IDS = ["chart-by-attribute", "chart-by-turn", "chart-agreement", "chart-pairs"];

/** Makes a run with the fixture's scripted judges and its report; returns the run folder and the report. */
async function reportOf(discussions: number, withUnreliableJudge: boolean): Promise<{ run: string; file: string }> {
  const dir = tempDir();
  const run = join(dir, "run");
  await makeAnnotatedRun(run, { discussions, turns: 3, withUnreliableJudge });
  const file = join(dir, "report.html");
  const made = await runCli(["report", run, "--out", file]);
  expect(made.stderr).toBe("");
  expect(made.code).toBe(0);
  return { run, file };
}

describe.skipIf(!haveChromium())("the report in headless Chromium", () => {
  it("shows the threads with persona cards and answer badges, the tables and four charts, offline", async () => {
    const { run, file } = await reportOf(8, true);
    const discussions = await importDiscussions(join(run, "discussions"));
    const annotations = await importAnnotations(join(run, "annotations"));
    const opened = await openInChromium(file);
    try {
      const { page } = opened;
      await page.waitForSelector(".thread");

      const threadIds = await page
        .locator(".thread")
        .evaluateAll((threads) => threads.map((thread) => thread.getAttribute("data-discussion-id")));
      expect(threadIds).toEqual([...new Set(discussions.map((row) => row.conv_id))]);

      // The first thread: its participants' cards, and each comment's badges as the annotation files say.
      const first = page.locator(".thread").first();
      const firstComments = discussions.filter((row) => row.conv_id === threadIds[0]);
      expect(await first.locator(".persona-card strong").allTextContents()).toEqual([
        ...new Set(firstComments.map((row) => row.user)),
      ]);
      expect(await first.locator(".persona-card").first().textContent()).toMatch(/age\d+/);
      const badgeTexts = await first
        .locator(".comment")
        .evaluateAll((items) =>
          items.map((item) => [...item.querySelectorAll(".badge")].map((badge) => badge.textContent)),
        );
      expect(badgeTexts).toEqual(
        firstComments.map((comment) =>
          annotations
            .filter((row) => row.conv_id === comment.conv_id && row.message_order === comment.message_order)
            .sort((a, b) => a.annotator.localeCompare(b.annotator))
            .map((row) => `${row.annotator}: ${row.annotation_valid ? row.annotation_value : "invalid"}`),
        ),
      );
      expect(await page.locator(".badge.invalid").count()).toBeGreaterThan(0);

      // One colour per value, a different colour for each value.
      const colours = await page
        .locator(".badge:not(.invalid)")
        .evaluateAll((badges) =>
          badges.map((badge) => [badge.getAttribute("data-value"), getComputedStyle(badge).backgroundColor]),
        );
      const byValue = new Map<string, Set<string>>();
      for (const [value, colour] of colours)
        byValue.set(String(value), (byValue.get(String(value)) ?? new Set()).add(String(colour)));
      expect([...byValue.values()].every((set) => set.size === 1)).toBe(true);
      expect(new Set([...byValue.values()].map((set) => [...set][0])).size).toBe(byValue.size);

      // The agreement table shows what core computes from the same files.
      const alpha = annotationStats(annotations).measures[0]?.agreement.alpha.ordinal;
      expect(await page.locator("#agreement-table").textContent()).toContain((alpha ?? Number.NaN).toFixed(3));
      expect(await page.locator("#annotator-table tbody tr").count()).toBe(3);

      const charts = await page.evaluate((ids) => {
        const chartGlobal = (window as unknown as { Chart: { getChart(canvas: HTMLCanvasElement): unknown } }).Chart;
        return ids.map((id) => {
          const canvas = document.getElementById(id) as HTMLCanvasElement;
          const chart = chartGlobal.getChart(canvas) as
            | { data: { labels: unknown[]; datasets: unknown[] } }
            | undefined;
          const pixels = canvas.getContext("2d")?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
          let painted = 0;
          for (let index = 3; index < pixels.length; index += 4) if ((pixels[index] ?? 0) > 0) painted += 1;
          return {
            id,
            width: canvas.width,
            labels: chart?.data.labels.length ?? 0,
            datasets: chart?.data.datasets.length ?? 0,
            painted,
          };
        });
      }, CHART_IDS);
      for (const chart of charts) {
        expect(chart.width, chart.id).toBeGreaterThan(200);
        expect(chart.labels, chart.id).toBeGreaterThan(0);
        expect(chart.datasets, chart.id).toBeGreaterThan(0);
        expect(chart.painted, chart.id).toBeGreaterThan(2000);
      }

      // The distribution chart follows the chosen persona attribute.
      await page.selectOption("#attribute-select", "sex");
      const sexes = await page.evaluate(() => {
        const canvas = document.getElementById("chart-by-attribute") as HTMLCanvasElement;
        const chartGlobal = (window as unknown as { Chart: { getChart(canvas: HTMLCanvasElement): unknown } }).Chart;
        return (chartGlobal.getChart(canvas) as { data: { labels: string[] } }).data.labels;
      });
      expect(sexes).toEqual(expect.arrayContaining(["female", "male"]));

      const screenshot = await page.screenshot({ fullPage: true });
      expect(screenshot.length).toBeGreaterThan(20_000);
      const size = pngSize(screenshot);
      expect(size.width).toBe(1280);
      expect(size.height).toBeGreaterThan(900);

      expect(opened.errors).toEqual([]);
      expect(opened.requests).toEqual([opened.url]);
    } finally {
      await opened.close();
    }
  });

  it("keeps one page of threads in the document for 1,000 discussions and pages quickly", async () => {
    const { file } = await reportOf(1000, false);
    const opened = await openInChromium(file);
    try {
      const { page } = opened;
      await page.waitForSelector(".thread");
      const loadMs = await page.evaluate(
        () => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventEnd,
      );
      expect(loadMs).toBeLessThan(15_000);
      expect(await page.locator(".thread").count()).toBe(20);
      expect(await page.locator("#page-status").textContent()).toBe("Discussions 1–20 of 1000 · page 1 of 50");
      expect(await page.locator("#report-counts").textContent()).toMatch(
        /^1000 discussions · \d+ comments · \d+ annotations by 2 annotators$/,
      );

      const firstId = await page.locator(".thread").first().getAttribute("data-discussion-id");
      const nextMs = await page.evaluate(() => {
        const started = performance.now();
        (document.getElementById("next-page") as HTMLButtonElement).click();
        return performance.now() - started;
      });
      expect(nextMs).toBeLessThan(1000);
      expect(await page.locator(".thread").count()).toBe(20);
      expect(await page.locator(".thread").first().getAttribute("data-discussion-id")).not.toBe(firstId);

      await page.fill("#page-number", "50");
      await page.dispatchEvent("#page-number", "change");
      expect(await page.locator("#page-status").textContent()).toBe("Discussions 981–1000 of 1000 · page 50 of 50");
      expect(await page.locator("#next-page").isDisabled()).toBe(true);

      await page.fill("#thread-filter", String(firstId));
      await page.waitForFunction(() => document.querySelectorAll(".thread").length === 1);
      expect(await page.locator(".thread").first().getAttribute("data-discussion-id")).toBe(firstId);

      const screenshot = await page.screenshot();
      expect(screenshot.length).toBeGreaterThan(20_000);
      expect(pngSize(screenshot)).toEqual({ width: 1280, height: 900 });
      expect(opened.errors).toEqual([]);
      expect(opened.requests).toEqual([opened.url]);
    } finally {
      await opened.close();
    }
  });

  it("keeps every word of the guide's persona cards whole, and counts one discussion as one", async () => {
    // The quickstart's personas (SynDisco's guide, with long attribute names) on the echo example backend.
    const dir = tempDir();
    const quickstart = parse(readFileSync(join(REPO_ROOT, "examples", "quickstart.yaml"), "utf8"));
    quickstart.models = { main: { backend: join(REPO_ROOT, "examples", "custom-backend", "index.mjs") } };
    quickstart.discussions.count = 1;
    quickstart.output = join(dir, "run");
    writeFileSync(join(dir, "config.yaml"), stringify(quickstart));
    expect((await runCli(["run", join(dir, "config.yaml"), "--quiet"])).code).toBe(0);
    const file = join(dir, "report.html");
    const made = await runCli(["report", join(dir, "run"), "--out", file]);
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/^Wrote the report of 1 discussion and 8 annotations to /);

    const opened = await openInChromium(file);
    try {
      const { page } = opened;
      await page.waitForSelector(".persona-card");
      expect(await page.locator("#report-counts").textContent()).toBe(
        "1 discussion · 8 comments · 8 annotations by 1 annotator",
      );
      // A word broken across lines has text boxes on two lines; a break after a hyphen is a normal one.
      const cards = await page.locator(".persona-card").evaluateAll((elements) =>
        elements.map((card) => {
          const broken: string[] = [];
          let words = 0;
          for (const cell of card.querySelectorAll("dt, dd")) {
            const text = cell.firstChild;
            if (!(text instanceof Text)) continue;
            for (const match of text.data.matchAll(/[^\s-]+/g)) {
              const range = document.createRange();
              range.setStart(text, match.index);
              range.setEnd(text, match.index + match[0].length);
              const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
              words += 1;
              if (lines.size > 1) broken.push(match[0]);
            }
          }
          return { words, broken };
        }),
      );
      expect(cards).toHaveLength(3);
      for (const card of cards) {
        expect(card.words).toBeGreaterThan(15);
        expect(card.broken).toEqual([]);
      }
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});
