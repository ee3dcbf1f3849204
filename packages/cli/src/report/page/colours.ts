/// <reference lib="dom" />
import type { ReportMeasure } from "../report-data.js";

// Distinct hues for labels and personas, dark enough for white text.
const CATEGORY_COLOURS = [
  "#3366aa",
  "#dd7722",
  "#2e8b57",
  "#c0392b",
  "#7d5ba6",
  "#8c564b",
  "#d45a9e",
  "#5f6b73",
  "#9a9a22",
  "#1f9bb0",
];

// A sequential ramp from low to high values of a scale: light to dark blue.
const RAMP: [number, number, number][] = [
  [222, 235, 247],
  [158, 202, 225],
  [66, 146, 198],
  [8, 81, 156],
  [8, 48, 107],
];

/** The colour of a label by its position among a measure's labels. */
export function categoryColour(index: number): string {
  return CATEGORY_COLOURS[index % CATEGORY_COLOURS.length] as string;
}

/**
 * The colour of a value of a measure: numbers along the ramp from the measure's lowest to its highest value,
 * labels by their position among the measure's labels. The same colours mark badges and chart series.
 */
export function valueColour(measure: ReportMeasure, value: string | number): string {
  const values = measure.summary.distribution.map((entry) => entry.value);
  if (measure.kind === "label") return categoryColour(Math.max(0, values.indexOf(String(value))));
  const low = Number(values[0] ?? value);
  const high = Number(values[values.length - 1] ?? value);
  return rampColour(high > low ? (Number(value) - low) / (high - low) : 0.5);
}

/** Black or white, whichever reads better on a background colour (`#rrggbb` or `rgb(r, g, b)`). */
export function textColourOn(background: string): string {
  const [r, g, b] = channelsOf(background);
  // Relative luminance with the sRGB weights, on a 0–255 scale.
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 150 ? "#111111" : "#ffffff";
}

/** A stable colour for a username. */
export function personaColour(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return categoryColour(hash);
}

function rampColour(position: number): string {
  const scaled = Math.min(1, Math.max(0, position)) * (RAMP.length - 1);
  const lower = Math.floor(scaled);
  const from = RAMP[lower] as [number, number, number];
  const to = RAMP[Math.min(lower + 1, RAMP.length - 1)] as [number, number, number];
  const mix = (index: 0 | 1 | 2) => Math.round(from[index] + (to[index] - from[index]) * (scaled - lower));
  return `rgb(${mix(0)}, ${mix(1)}, ${mix(2)})`;
}

function channelsOf(colour: string): [number, number, number] {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (hex) return [parseInt(hex[1] as string, 16), parseInt(hex[2] as string, 16), parseInt(hex[3] as string, 16)];
  const [r = 0, g = 0, b = 0] = (colour.match(/\d+/g) ?? []).map(Number);
  return [r, g, b];
}
