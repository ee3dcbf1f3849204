/// <reference lib="dom" />

import { countOf } from "../../plural.js";
import type { ReportComment, ReportData, ReportDiscussion, ReportMeasure } from "../report-data.js";
import { annotationBadges } from "./badges.js";
import { personaColour } from "./colours.js";
import { el } from "./dom.js";
import { formatValue } from "./format.js";

const PAGE_SIZES = [10, 20, 50, 100];
const DEFAULT_PAGE_SIZE = 20;
const FILTER_DELAY_MS = 150;

/**
 * The discussions as threads, one page at a time: only the current page is in the document, so a report of
 * thousands of discussions stays quick. A filter keeps the discussions whose id, participants or text match.
 */
export function threadsSection(data: ReportData): HTMLElement {
  const measures = new Map<string, ReportMeasure>(data.measures.map((measure) => [measure.name, measure]));
  const searchText = data.discussions.map(searchableText);
  const list = el("div", { id: "thread-list" });
  const status = el("span", { id: "page-status", className: "muted" });
  const previous = el("button", { id: "prev-page", type: "button" }, "← Previous");
  const next = el("button", { id: "next-page", type: "button" }, "Next →");
  const pageNumber = el("input", { id: "page-number", type: "number", min: "1", value: "1", "aria-label": "Page" });
  const filter = el("input", { id: "thread-filter", type: "search", placeholder: "id, participant or text" });
  const pageSize = el(
    "select",
    { id: "page-size" },
    ...PAGE_SIZES.map((size) =>
      el("option", { value: String(size), ...(size === DEFAULT_PAGE_SIZE ? { selected: "" } : {}) }, size),
    ),
  );

  let shown = data.discussions.map((_, index) => index);
  let page = 0;
  const size = () => Number(pageSize.value);
  const pageCount = () => Math.max(1, Math.ceil(shown.length / size()));

  const render = () => {
    page = Math.min(Math.max(0, page), pageCount() - 1);
    const first = page * size();
    const onPage = shown.slice(first, first + size());
    list.replaceChildren(
      ...(onPage.length > 0
        ? onPage.map((index) => threadCard(data.discussions[index] as ReportDiscussion, data, measures))
        : [el("p", { className: "empty" }, "No discussion matches the filter.")]),
    );
    status.textContent =
      shown.length === 0
        ? "No discussions"
        : `Discussions ${first + 1}–${first + onPage.length} of ${shown.length} · page ${page + 1} of ${pageCount()}`;
    pageNumber.value = String(page + 1);
    pageNumber.max = String(pageCount());
    previous.disabled = page === 0;
    next.disabled = page >= pageCount() - 1;
  };

  previous.addEventListener("click", () => {
    page -= 1;
    render();
  });
  next.addEventListener("click", () => {
    page += 1;
    render();
  });
  pageNumber.addEventListener("change", () => {
    page = Number(pageNumber.value) - 1 || 0;
    render();
  });
  pageSize.addEventListener("change", () => {
    page = 0;
    render();
  });
  let filterTimer: number | undefined;
  filter.addEventListener("input", () => {
    window.clearTimeout(filterTimer);
    filterTimer = window.setTimeout(() => {
      const query = filter.value.trim().toLowerCase();
      shown = data.discussions.map((_, index) => index).filter((index) => searchText[index]?.includes(query));
      page = 0;
      render();
    }, FILTER_DELAY_MS);
  });

  render();
  const pager = el("nav", { className: "pager", "aria-label": "Pages" }, previous, pageNumber, next, status);
  return el(
    "section",
    { id: "threads" },
    el("h2", {}, `Discussions (${data.discussions.length})`),
    el(
      "div",
      { className: "controls" },
      el("label", {}, "Filter", filter),
      el("label", {}, "Per page", pageSize),
      pager,
    ),
    list,
  );
}

function threadCard(
  discussion: ReportDiscussion,
  data: ReportData,
  measures: ReadonlyMap<string, ReportMeasure>,
): HTMLElement {
  return el(
    "article",
    { className: "thread panel", "data-discussion-id": discussion.id },
    el(
      "header",
      { className: "thread-head" },
      el("h3", {}, `Discussion ${discussion.id}`),
      el(
        "span",
        { className: "meta" },
        `${discussion.timestamp} · ${discussion.variant} · ${countOf(discussion.comments.length, "comment")}`,
      ),
    ),
    el(
      "div",
      { className: "personas" },
      ...discussion.participants.map((index) => personaCard(data.personas[index] ?? {})),
    ),
    el("ol", { className: "comments" }, ...discussion.comments.map((comment) => commentItem(comment, data, measures))),
  );
}

function personaCard(persona: Record<string, unknown>): HTMLElement {
  const name = String(persona.username ?? "?");
  const rows = Object.entries(persona)
    .filter(([attribute]) => attribute !== "username")
    .flatMap(([attribute, value]) => [el("dt", {}, attribute.replace(/_/g, " ")), el("dd", {}, formatValue(value))]);
  return el(
    "div",
    { className: "persona-card" },
    el("header", {}, avatar(name), el("strong", {}, name)),
    el("dl", {}, ...rows),
  );
}

function commentItem(
  comment: ReportComment,
  data: ReportData,
  measures: ReadonlyMap<string, ReportMeasure>,
): HTMLElement {
  return el(
    "li",
    { className: comment.moderator ? "comment moderator" : "comment" },
    el(
      "div",
      { className: "comment-head" },
      avatar(comment.user),
      el("span", { className: "author" }, comment.user),
      comment.moderator && el("span", { className: "tag" }, "moderator"),
      el("span", { className: "muted" }, comment.model),
    ),
    el("p", { className: "text" }, comment.text),
    comment.annotations.length > 0 &&
      el(
        "div",
        { className: "badges" },
        ...comment.annotations.flatMap((annotation) => annotationBadges(annotation, data.coders, measures)),
      ),
  );
}

function avatar(name: string): HTMLElement {
  return el(
    "span",
    { className: "avatar", style: `background:${personaColour(name)}`, "aria-hidden": "true" },
    (name[0] ?? "?").toUpperCase(),
  );
}

function searchableText(discussion: ReportDiscussion): string {
  return [discussion.id, ...discussion.comments.flatMap((comment) => [comment.user, comment.text])]
    .join("\n")
    .toLowerCase();
}
