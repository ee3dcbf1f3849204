/// <reference lib="dom" />
import type { ReportData } from "../report-data.js";
import { analysisChartsSection } from "./analysis-charts.js";
import { chartsSection } from "./charts.js";
import { byId, el } from "./dom.js";
import { reportHeader, summarySection } from "./summary.js";
import { threadsSection } from "./threads.js";

/** The page script of `syndisco report`: reads the embedded data and renders the report into `#app`. */
function renderReport(): void {
  const app = byId("app");
  try {
    const data = JSON.parse(byId("report-data").textContent ?? "") as ReportData;
    const charts = chartsSection(data);
    const analysis = data.analysis ? analysisChartsSection(data.analysis) : undefined;
    app.replaceChildren(
      reportHeader(data),
      summarySection(data),
      charts.element,
      analysis?.element ?? "",
      threadsSection(data),
    );
    charts.draw();
    analysis?.draw();
  } catch (error) {
    app.replaceChildren(el("p", { className: "notice" }, `This report could not be shown: ${String(error)}`));
    console.error(error);
  }
}

renderReport();
