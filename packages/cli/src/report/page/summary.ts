/// <reference lib="dom" />

import { countOf } from "../../plural.js";
import type { ReportData } from "../report-data.js";
import { type Child, el } from "./dom.js";
import { formatNumber, formatShare, measureLabel } from "./format.js";

/** The title and what the report holds. */
export function reportHeader(data: ReportData): HTMLElement {
  const comments = data.discussions.reduce((total, discussion) => total + discussion.comments.length, 0);
  const answers = data.annotators.reduce((total, annotator) => total + annotator.answers, 0);
  return el(
    "header",
    { className: "report-header" },
    el("h1", {}, data.title),
    el(
      "p",
      { className: "meta", id: "report-counts" },
      `${countOf(data.discussions.length, "discussion")} · ${countOf(comments, "comment")} · ` +
        `${countOf(answers, "annotation")} by ${countOf(data.coders.length, "annotator")}`,
    ),
    el(
      "p",
      { className: "meta" },
      `Made by syndisco ${data.version} on ${new Date(data.generatedAt).toLocaleString()}`,
    ),
  );
}

/** Two tables: each annotator's valid and invalid answers, and the agreement on each measure. */
export function summarySection(data: ReportData): HTMLElement {
  if (data.annotators.length === 0) {
    return el("section", { id: "summary" }, el("p", { className: "notice" }, "These discussions have no annotations."));
  }
  const annotatorTable = table(
    "annotator-table",
    ["annotator", "model", "answers", "valid", "invalid", "unparsed", "invalid share"],
    data.annotators.map((annotator) => [
      annotator.annotator,
      annotator.models.join(", "),
      number(annotator.answers),
      number(annotator.valid),
      number(annotator.invalid),
      number(annotator.unparsed),
      number(formatShare(annotator.invalidShare)),
    ]),
  );
  const agreementTable = table(
    "agreement-table",
    ["measure", "level", "Krippendorff's alpha", "comments", "values"],
    data.measures.flatMap((measure) =>
      measure.levels.map((level) => [
        measureLabel(measure.name),
        level,
        number(formatNumber(measure.agreement.alpha[level], 3)),
        number(measure.agreement.units),
        number(measure.agreement.values),
      ]),
    ),
  );
  return el(
    "section",
    { id: "summary" },
    el(
      "div",
      { className: "tables" },
      el("div", { className: "panel" }, el("h3", {}, "Annotators"), annotatorTable),
      el(
        "div",
        { className: "panel" },
        el("h3", {}, "Agreement"),
        agreementTable,
        el("p", { className: "muted" }, "Comments rated by at least two annotators; – where agreement is undefined."),
      ),
    ),
  );
}

/** A table cell that holds a number (right-aligned). */
interface NumberCell {
  number: string;
}

function number(value: number | string): NumberCell {
  return { number: String(value) };
}

function table(id: string, headings: readonly string[], rows: readonly (string | NumberCell)[][]): HTMLElement {
  const cell = (value: string | NumberCell): Child =>
    typeof value === "string" ? el("td", {}, value) : el("td", { className: "number" }, value.number);
  return el(
    "table",
    { id },
    el("thead", {}, el("tr", {}, ...headings.map((heading) => el("th", {}, heading)))),
    el("tbody", {}, ...rows.map((row) => el("tr", {}, ...row.map(cell)))),
  );
}
