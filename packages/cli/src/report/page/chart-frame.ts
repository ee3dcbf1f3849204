/// <reference lib="dom" />

import type { ChartConfiguration, Chart as ChartJs } from "chart.js";
import { byId, el } from "./dom.js";

/** Chart.js's UMD build, inlined before the page script, defines this global. */
declare const Chart: typeof ChartJs;

/** A section of charts; `draw` draws them once the section is in the document (a canvas needs its size). */
export interface ChartsSection {
  element: HTMLElement;
  draw(): void;
}

/** The options of a chart that every chart of the report shares. */
export type ChartOptions = NonNullable<ChartConfiguration["options"]>;

/** A chart's frame: a caption, the canvas, and a line for a note under it (`<id>-note`). */
export function chartFigure(id: string, caption: string): HTMLElement {
  return el(
    "figure",
    { className: "chart panel" },
    el("h3", {}, caption),
    el("div", { className: "chart-box" }, el("canvas", { id, role: "img", "aria-label": caption })),
    el("p", { id: `${id}-note`, className: "note muted" }),
  );
}

/** Drawn at once (the report is a document, not an animation), filling its box, with the legend below. */
export function baseOptions(): ChartOptions {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    plugins: { legend: { position: "bottom" } },
  };
}

/** An axis title. */
export function axisTitle(text: string): { display: true; text: string } {
  return { display: true, text };
}

/** Draws a chart on the canvas `id`, replacing the one drawn there before. */
export function drawChart(id: string, config: ChartConfiguration): void {
  const canvas = byId<HTMLCanvasElement>(id);
  Chart.getChart(canvas)?.destroy();
  new Chart(canvas, config);
}
