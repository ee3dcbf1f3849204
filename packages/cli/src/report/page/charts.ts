/// <reference lib="dom" />

import type { BreakdownGroup, MeasurementLevel } from "@syndisco/core";
import type { ChartConfiguration, Chart as ChartJs } from "chart.js";
import { countOf } from "../../plural.js";
import { CODER_ATTRIBUTE, type ReportData, type ReportMeasure, TURN_ATTRIBUTE } from "../report-data.js";
import { categoryColour, valueColour } from "./colours.js";
import { byId, el } from "./dom.js";
import { formatValue, measureLabel } from "./format.js";

/** Chart.js's UMD build, inlined before the page script, defines this global. */
declare const Chart: typeof ChartJs;

// Up to this many distinct values, distributions are drawn as stacked shares; beyond, as means.
const MAX_STACKED_VALUES = 12;
const LEVELS: readonly MeasurementLevel[] = ["nominal", "ordinal", "interval"];

/** The charts section; {@link ChartsSection.draw} draws the charts once the section is in the document. */
export interface ChartsSection {
  element: HTMLElement;
  draw(): void;
}

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

  const charts = new Map<string, ChartJs>();
  const show = (id: string, config: ChartConfiguration) => {
    charts.get(id)?.destroy();
    charts.set(id, new Chart(byId<HTMLCanvasElement>(id), config));
  };
  const selectedMeasure = () =>
    data.measures.find((measure) => measure.name === measureSelect.value) ?? (data.measures[0] as ReportMeasure);
  const drawSelected = () => {
    const measure = selectedMeasure();
    show("chart-by-attribute", distributionChart(measure, groupsBy(measure, attributeSelect.value)));
    show("chart-by-turn", turnChart(measure, groupsBy(measure, TURN_ATTRIBUTE)));
    show("chart-pairs", pairsChart(measure));
    byId("chart-pairs-note").textContent =
      measure.pairs.length === 0 ? "Only one annotator gave this measure: there is no pair to compare." : "";
  };
  measureSelect.addEventListener("change", drawSelected);
  attributeSelect.addEventListener("change", drawSelected);
  return {
    element,
    draw: () => {
      show("chart-agreement", agreementChart(data.measures));
      drawSelected();
    },
  };
}

/** A chart's frame: a caption, the canvas, and a line for a note under it (`<id>-note`). */
function chartFigure(id: string, caption: string): HTMLElement {
  return el(
    "figure",
    { className: "chart panel" },
    el("h3", {}, caption),
    el("div", { className: "chart-box" }, el("canvas", { id, role: "img", "aria-label": caption })),
    el("p", { id: `${id}-note`, className: "note muted" }),
  );
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

function baseOptions(): NonNullable<ChartConfiguration["options"]> {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    plugins: { legend: { position: "bottom" } },
  };
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
        y: { stacked: true, min: 0, max: 100, title: { display: true, text: "% of answers" } },
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
  const x = { title: { display: true, text: "comment number in the discussion" } };
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
      options: { ...baseOptions(), scales: { x, y: { title: { display: true, text: "mean answer" } } } },
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
      scales: { x, y: { min: 0, max: 100, title: { display: true, text: "% of answers" } } },
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

function alphaOptions(): NonNullable<ChartConfiguration["options"]> {
  return {
    ...baseOptions(),
    scales: { y: { suggestedMin: 0, suggestedMax: 1, title: { display: true, text: "alpha" } } },
  };
}
