/// <reference lib="dom" />

import type { BreakdownGroup, MeasurementLevel } from "@syndisco/core";
import type { ChartConfiguration } from "chart.js";
import { countOf } from "../../plural.js";
import { CODER_ATTRIBUTE, type ReportData, type ReportMeasure, TURN_ATTRIBUTE } from "../report-data.js";
import {
  axisTitle,
  baseOptions,
  type ChartOptions,
  type ChartsSection,
  chartFigure,
  drawChart,
} from "./chart-frame.js";
import { categoryColour, valueColour } from "./colours.js";
import { byId, el } from "./dom.js";
import { formatValue, measureLabel } from "./format.js";

// Up to this many distinct values, distributions are drawn as stacked shares; beyond, as means.
const MAX_STACKED_VALUES = 12;
const LEVELS: readonly MeasurementLevel[] = ["nominal", "ordinal", "interval"];

/**
 * Four charts: the distribution of a measure's values by a chosen persona attribute, the values by position
 * in the discussion, agreement per measure and level, and agreement per pair of annotators.
 */
export function chartsSection(data: ReportData): ChartsSection {
  if (data.measures.length === 0) {
    return {
      element: el("section", { id: "charts" }, el("p", { className: "empty" }, "No valid annotation values to chart.")),
      draw: () => undefined,
    };
  }
  const measureSelect = el(
    "select",
    { id: "measure-select" },
    ...data.measures.map((measure) => el("option", { value: measure.name }, measureLabel(measure.name))),
  );
  const attributeSelect = el(
    "select",
    { id: "attribute-select" },
    el("option", { value: CODER_ATTRIBUTE }, "annotator"),
    optionGroup("Commenter", data.attributes.commenter, (name) => name),
    optionGroup("Annotator", data.attributes.annotator, (name) => name.replace(/^annot_/, "")),
  );
  const element = el(
    "section",
    { id: "charts" },
    el("h2", {}, "Charts"),
    el(
      "div",
      { className: "controls" },
      el("label", {}, "Measure", measureSelect),
      el("label", {}, "Persona attribute", attributeSelect),
    ),
    el(
      "div",
      { className: "chart-grid" },
      chartFigure("chart-by-attribute", "Answers by persona attribute"),
      chartFigure("chart-by-turn", "Answers by position in the discussion"),
      chartFigure("chart-agreement", "Agreement (Krippendorff's alpha) per measure"),
      chartFigure("chart-pairs", "Agreement per pair of annotators"),
    ),
  );

  const selectedMeasure = () =>
    data.measures.find((measure) => measure.name === measureSelect.value) ?? (data.measures[0] as ReportMeasure);
  const drawSelected = () => {
    const measure = selectedMeasure();
    drawChart("chart-by-attribute", distributionChart(measure, groupsBy(measure, attributeSelect.value)));
    drawChart("chart-by-turn", turnChart(measure, groupsBy(measure, TURN_ATTRIBUTE)));
    drawChart("chart-pairs", pairsChart(measure));
    byId("chart-pairs-note").textContent =
      measure.pairs.length === 0 ? "Only one annotator gave this measure: there is no pair to compare." : "";
  };
  measureSelect.addEventListener("change", drawSelected);
  attributeSelect.addEventListener("change", drawSelected);
  return {
    element,
    draw: () => {
      drawChart("chart-agreement", agreementChart(data.measures));
      drawSelected();
    },
  };
}

function optionGroup(label: string, attributes: readonly string[], display: (name: string) => string): HTMLElement {
  return el(
    "optgroup",
    { label },
    ...attributes.map((attribute) => el("option", { value: attribute }, display(attribute))),
  );
}

function groupsBy(measure: ReportMeasure, attribute: string): BreakdownGroup[] {
  return measure.breakdowns.find((breakdown) => breakdown.attribute === attribute)?.groups ?? [];
}

/** The share (in %) of a group's values that equal `value`. */
function sharePercent(group: BreakdownGroup, value: string | number): number {
  const count = group.distribution.find((entry) => entry.value === value)?.count ?? 0;
  return group.count > 0 ? (100 * count) / group.count : 0;
}

/** Stacked shares of each value per group, or the mean per group when a measure has many distinct values. */
function distributionChart(measure: ReportMeasure, groups: readonly BreakdownGroup[]): ChartConfiguration {
  const labels = groups.map((group) => formatValue(group.value));
  const values = measure.summary.distribution.map((entry) => entry.value);
  if (values.length > MAX_STACKED_VALUES && measure.kind === "numeric") {
    return {
      type: "bar",
      data: {
        labels,
        datasets: [{ label: "mean", data: groups.map((group) => group.mean), backgroundColor: categoryColour(0) }],
      },
      options: baseOptions(),
    };
  }
  const datasets = values.map((value) => ({
    label: String(value),
    data: groups.map((group) => sharePercent(group, value)),
    backgroundColor: valueColour(measure, value),
  }));
  return {
    type: "bar",
    data: { labels, datasets },
    options: {
      ...baseOptions(),
      scales: {
        x: { stacked: true },
        y: { stacked: true, min: 0, max: 100, title: axisTitle("% of answers") },
      },
      plugins: {
        legend: { position: "bottom" },
        tooltip: {
          callbacks: {
            label: (item) => {
              const group = groups[item.dataIndex];
              return `${item.dataset.label}: ${item.parsed.y?.toFixed(1)}% of ${countOf(group?.count ?? 0, "answer")}`;
            },
          },
        },
      },
    },
  };
}

/** The mean value (numbers) or each label's share (labels) at each position in the discussions. */
function turnChart(measure: ReportMeasure, groups: readonly BreakdownGroup[]): ChartConfiguration {
  const labels = groups.map((group) => (group.value === null ? "?" : String(group.value)));
  const x = { title: axisTitle("comment number in the discussion") };
  if (measure.kind === "numeric") {
    return {
      type: "line",
      data: {
        labels,
        datasets: [
          {
            label: "mean",
            data: groups.map((group) => group.mean),
            borderColor: categoryColour(0),
            backgroundColor: categoryColour(0),
          },
        ],
      },
      options: { ...baseOptions(), scales: { x, y: { title: axisTitle("mean answer") } } },
    };
  }
  return {
    type: "line",
    data: {
      labels,
      datasets: measure.summary.distribution.map(({ value }) => ({
        label: String(value),
        data: groups.map((group) => sharePercent(group, value)),
        borderColor: valueColour(measure, value),
        backgroundColor: valueColour(measure, value),
      })),
    },
    options: {
      ...baseOptions(),
      scales: { x, y: { min: 0, max: 100, title: axisTitle("% of answers") } },
    },
  };
}

/** Alpha per measure, one bar per level that fits it. */
function agreementChart(measures: readonly ReportMeasure[]): ChartConfiguration {
  const levels = LEVELS.filter((level) => measures.some((measure) => measure.levels.includes(level)));
  return {
    type: "bar",
    data: {
      labels: measures.map((measure) => measureLabel(measure.name)),
      datasets: levels.map((level) => ({
        label: level,
        data: measures.map((measure) => measure.agreement.alpha[level] ?? null),
        backgroundColor: levelColour(level),
      })),
    },
    options: alphaOptions(),
  };
}

/** Alpha per pair of annotators for one measure. */
function pairsChart(measure: ReportMeasure): ChartConfiguration {
  return {
    type: "bar",
    data: {
      labels: measure.pairs.map((pair) => pair.annotators.join(" – ")),
      datasets: measure.levels.map((level) => ({
        label: level,
        data: measure.pairs.map((pair) => pair.alpha[level] ?? null),
        backgroundColor: levelColour(level),
      })),
    },
    options: alphaOptions(),
  };
}

/** Each level has its colour in both agreement charts. */
function levelColour(level: MeasurementLevel): string {
  return categoryColour(LEVELS.indexOf(level));
}

function alphaOptions(): ChartOptions {
  return {
    ...baseOptions(),
    scales: { y: { suggestedMin: 0, suggestedMax: 1, title: axisTitle("alpha") } },
  };
}
