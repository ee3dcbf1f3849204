/// <reference lib="dom" />

import type { AnalysisCharts } from "@syndisco/analysis";
import type { ChartConfiguration } from "chart.js";
import {
  axisTitle,
  baseOptions,
  type ChartOptions,
  type ChartsSection,
  chartFigure,
  drawChart,
} from "./chart-frame.js";
import { categoryColour } from "./colours.js";
import { byId, el } from "./dom.js";

/**
 * The measures of `syndisco analyze` as four charts: words per comment and diversity density by group,
 * participation rate by model, and annotation means with their 95% bootstrap intervals.
 */
export function analysisChartsSection(charts: AnalysisCharts): ChartsSection {
  const element = el(
    "section",
    { id: "analysis" },
    el("h2", {}, "Analysis"),
    el(
      "div",
      { className: "chart-grid" },
      chartFigure("chart-words", "Words per comment"),
      chartFigure("chart-diversity", "Diversity (1 − mean ROUGE-L F1 of a discussion's comment pairs): density"),
      chartFigure("chart-participation", "Participation rate by model"),
      chartFigure("chart-annotation-means", "Annotation means with 95% bootstrap intervals"),
    ),
  );
  return {
    element,
    draw: () => {
      drawChart("chart-words", wordsChart(charts.words));
      drawChart("chart-diversity", diversityChart(charts.diversity));
      drawChart("chart-participation", participationChart(charts.participation));
      drawChart("chart-annotation-means", meansChart(charts.annotations));
      if (charts.annotations.length === 0) byId("chart-annotation-means-note").textContent = "No numeric annotations.";
    },
  };
}

/** The shared options with both axes titled. */
function options(yTitle: string, xTitle: string): ChartOptions {
  return { ...baseOptions(), scales: { x: { title: axisTitle(xTitle) }, y: { title: axisTitle(yTitle) } } };
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
    options: {
      ...baseOptions(),
      scales: {
        x: { title: axisTitle("model") },
        y: { min: 0, max: 1, title: axisTitle("share of comments that say something") },
      },
    },
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
