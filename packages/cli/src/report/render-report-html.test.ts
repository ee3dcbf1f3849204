import { describe, expect, it } from "vitest";
import { embedJson, renderReportHtml } from "./render-report-html.js";
import type { ReportData } from "./report-data.js";

const data: ReportData = {
  title: 'Report <of> "tests"',
  generatedAt: "2025-06-12T16:00:00.000Z",
  version: "1.2.3",
  personas: [{ username: "Emma35", sex: "female" }],
  discussions: [
    {
      id: "d1",
      timestamp: "25-06-12-16-00",
      variant: "discussions",
      participants: [0],
      comments: [
        {
          user: "Emma35",
          text: "</script><script>alert('hi')</script> <!-- and \u2028 too",
          model: "scripted",
          moderator: false,
          persona: 0,
          annotations: [],
        },
      ],
    },
  ],
  coders: [],
  measures: [],
  annotators: [],
  attributes: { commenter: ["sex"], annotator: [] },
};

const assets = {
  chartLibrary: "window.Chart = function () {};\n//# sourceMappingURL=chart.umd.min.js.map\n",
  pageScript: "var closing = '</script>';",
};

describe("renderReportHtml", () => {
  const html = renderReportHtml(data, assets);

  it("embeds the data as JSON that no comment can break out of, and that parses back whole", () => {
    const embedded = /<script id="report-data" type="application\/json">(.*?)<\/script>/s.exec(html)?.[1] ?? "";
    expect(embedded).not.toMatch(/<\/script|<!--/i);
    expect(JSON.parse(embedded)).toEqual(data);
    expect(embedJson("\u2028")).toBe('"\\u2028"');
  });

  it("inlines the scripts without a closing tag inside them or a source map to fetch", () => {
    expect(html).toContain("window.Chart = function () {};");
    expect(html).toContain("var closing = '<\\/script>';");
    expect(html).not.toContain("sourceMappingURL");
    expect(html.match(/<script/g)).toHaveLength(3);
    expect(html.match(/<\/script>/g)).toHaveLength(3);
  });

  it("escapes the title and forbids every network request with a content security policy", () => {
    expect(html).toContain("<title>Report &#60;of&#62; &#34;tests&#34;</title>");
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'/,
    );
    expect(html).not.toMatch(/\b(?:src|href)="(?!data:)/);
  });
});
