/// <reference lib="dom" />
import type { ReportAnnotation, ReportMeasure } from "../report-data.js";
import { textColourOn, valueColour } from "./colours.js";
import { el } from "./dom.js";
import { measureLabel } from "./format.js";

/**
 * The badges of one annotation: one per measure value, coloured by the value (the same colours as the
 * charts); an invalid answer or one that could not be read shows grey. Hovering shows the raw answer.
 */
export function annotationBadges(
  annotation: ReportAnnotation,
  coders: readonly string[],
  measures: ReadonlyMap<string, ReportMeasure>,
): HTMLElement[] {
  const coder = coders[annotation.coder] ?? "?";
  const title = `${coder} answered: ${annotation.raw}`;
  if (annotation.valid === false) {
    return [el("span", { className: "badge invalid", title }, `${coder}: invalid`)];
  }
  if (annotation.values.length === 0) {
    return [el("span", { className: "badge unparsed", title }, `${coder}: ?`)];
  }
  return annotation.values.map(({ measure: name, value }) => {
    const measure = measures.get(name);
    const background = measure ? valueColour(measure, value) : "#eceff3";
    const field = name === "annotation" ? "" : ` ${measureLabel(name)}`;
    return el(
      "span",
      {
        className: "badge",
        title,
        "data-value": String(value),
        style: `background:${background};color:${textColourOn(background)}`,
      },
      `${coder}${field}: ${value}`,
    );
  });
}
