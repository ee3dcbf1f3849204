/// <reference lib="dom" />

import type { AnalysisCharts } from "@syndisco/analysis";
import type { ChartConfiguration, Chart as ChartJs } from "chart.js";
import { categoryColour } from "./colours.js";
import { byId, el } from "./dom.js";

/** Chart.js's UMD build, inlined before the page script, defines this global. */
declare const Chart: typeof ChartJs;

/** The ids of the analysis charts' canvases. */
export const ANALYSIS_CHART_IDS = ["chart-words", "chart-diversity", "chart-participation", "chart-annotation-means"];

/** The analysis charts section; `draw` draws them once the section is in the document. */
export interface AnalysisChartsSection {
  element: HTMLElement;
  draw(): void;
}

/**
 * The measures of `syndisco analyze` as four charts: words per comment and diversity density by group,
 * participation rate by model, and annotation means with their 95% bootstrap intervals.
 */
export function analysisChartsSection(charts: AnalysisCharts): AnalysisChartsSection {
  const element = el(
    "section",
    { id: "analysis" },
    el("h2", {}, "Analysis"),
    el(
      "div",
      { className: "chart-grid" },
      figure("chart-words", "Words per comment"),
      figure("chart-diversity", "Diversity (1 − mean ROUGE-L F1 of a discussion's comment pairs): density"),
      figure("chart-participation", "Participation rate by model"),
      figure("chart-annotation-means", "Annotation means with 95% bootstrap intervals"),
    ),
  );
  return {
    element,
    draw: () => {
      new Chart(byId<HTMLCanvasElement>("chart-words"), wordsChart(charts.words));
      new Chart(byId<HTMLCanvasElement>("chart-diversity"), diversityChart(charts.diversity));
      new Chart(byId<HTMLCanvasElement>("chart-participation"), participationChart(charts.participation));
      new Chart(byId<HTMLCanvasElement>("chart-annotation-means"), meansChart(charts.annotations));
      if (charts.annotations.length === 0) byId("chart-annotation-means-note").textContent = "No numeric annotations.";
    },
  };
}

function figure(id: string, caption: string): HTMLElement {
  return el(
    "figure",
    { className: "chart panel" },
    el("h3", {}, caption),
    el("div", { className: "chart-box" }, el("canvas", { id, role: "img", "aria-label": caption })),
    el("p", { id: `${id}-note`, className: "note muted" }),
  );
}

function options(yTitle: string, xTitle: string): NonNullable<ChartConfiguration["options"]> {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    plugins: { legend: { position: "bottom" } },
    scales: { x: { title: { display: true, text: xTitle } }, y: { title: { display: true, text: yTitle } } },
  };
}

function wordsChart(words: AnalysisCharts["words"]): ChartConfiguration {
  const labels = words.edges.slice(0, -1).map((edge, index) => `${edge}–${(words.edges[index + 1] ?? edge) - 1}`);
  return {
    type: "bar",
    data: {
      labels,
      datasets: words.groups.map(({ group, counts }, index) => ({
        label: group,
        data: counts,
        backgroundColor: categoryColour(index),
      })),
    },
    options: options("comments", "words"),
  };
}

function diversityChart(diversity: AnalysisCharts["diversity"]): ChartConfiguration {
  return {
    type: "line",
    data: {
      labels: diversity.points.map((point) => point.toFixed(2)),
      datasets: diversity.groups
        .filter((group) => group.density !== null)
        .map(({ group, density }, index) => ({
          label: group,
          data: density as number[],
          borderColor: categoryColour(index),
          pointRadius: 0,
        })),
    },
    options: options("density", "diversity"),
  };
}

function participationChart(rows: AnalysisCharts["participation"]): ChartConfiguration {
  const models = [...new Set(rows.map((row) => row.model))];
  const groups = [...new Set(rows.map((row) => row.group))];
  return {
    type: "bar",
    data: {
      labels: models,
      datasets: groups.map((group, index) => ({
        label: group,
        data: models.map((model) => rows.find((row) => row.group === group && row.model === model)?.rate ?? null),
        backgroundColor: categoryColour(index),
      })),
    },
    options: { ...options("share of comments that say something", "model"), scales: { y: { min: 0, max: 1 } } },
  };
}

/** Each series' interval as a floating bar from its low to its high end, and its mean as a point. */
function meansChart(rows: AnalysisCharts["annotations"]): ChartConfiguration {
  const labels = rows.map((row) => `${row.group} · ${row.annotator} · ${row.measure}`);
  return {
    type: "bar",
    data: {
      labels,
      datasets: [
        {
          type: "bar",
          label: "95% interval",
          data: rows.map((row) => [row.low ?? 0, row.high ?? 0] as [number, number]),
          backgroundColor: "rgba(51, 102, 170, 0.35)",
        },
        {
          type: "line",
          label: "mean",
          data: rows.map((row) => row.mean),
          showLine: false,
          pointRadius: 5,
          borderColor: "#1b3a66",
          backgroundColor: "#1b3a66",
        },
      ],
    },
    options: options("value", "group · annotator · measure"),
  } as ChartConfiguration;
}
