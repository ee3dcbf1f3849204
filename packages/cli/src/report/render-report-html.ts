import type { ReportData } from "./report-data.js";
import { REPORT_STYLES } from "./report-styles.js";

/** The scripts a report inlines: the charting library and the page script that renders the data. */
export interface ReportAssets {
  /** Chart.js's UMD build, which defines the global `Chart`. */
  chartLibrary: string;
  /** The page script (built from `src/report/page`), which reads the data and renders the report. */
  pageScript: string;
}

// The page may run only its own inline scripts and styles and load nothing: it works offline by design,
// and a browser refuses any request a script might try to make.
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  "img-src data:",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/**
 * One self-contained HTML page: styles, Chart.js, the data as JSON and the page script, all inline, so that the
 * file opens offline from disk and makes no network request.
 */
export function renderReportHtml(data: ReportData, { chartLibrary, pageScript }: ReportAssets): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="generator" content="syndisco ${escapeHtml(data.version)}">
<link rel="icon" href="data:,">
<title>${escapeHtml(data.title)}</title>
<style>${REPORT_STYLES}</style>
</head>
<body>
<noscript><p class="notice">This report draws its threads and charts with JavaScript; allow scripts for this file.</p></noscript>
<div id="app"></div>
<script id="report-data" type="application/json">${embedJson(data)}</script>
<script>${inlineScript(chartLibrary)}</script>
<script>${inlineScript(pageScript)}</script>
</body>
</html>
`;
}

/** JSON that can sit inside a `<script>` element: no `<` can close it or open a comment. */
export function embedJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Script text that cannot end its `<script>` element early; source-map comments are dropped (nothing to fetch). */
function inlineScript(code: string): string {
  return code.replace(/^\/\/# sourceMappingURL=.*$/gm, "").replace(/<\/(script)/gi, "<\\/$1");
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
