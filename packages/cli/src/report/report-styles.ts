/** The report page's style sheet, inlined into its `<style>` element. System fonts only: nothing to load. */
export const REPORT_STYLES = `
:root {
  --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --panel: #ffffff; --page: #f5f7fa; --accent: #2f6fb2;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: var(--page);
}
* { box-sizing: border-box; }
body { margin: 0; line-height: 1.45; }
#app { max-width: 1200px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.2rem; margin: 32px 0 12px; }
h3 { font-size: 1rem; margin: 0 0 8px; }
.meta, .muted { color: var(--muted); font-size: 0.9rem; }
.notice { padding: 12px 16px; background: #fff4e5; border: 1px solid #f0c36d; border-radius: 6px; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 16px; overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { color: var(--muted); font-weight: 600; white-space: nowrap; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
.tables { display: grid; gap: 16px; }
.controls { display: flex; flex-wrap: wrap; gap: 12px 20px; align-items: center; margin-bottom: 12px; }
.controls label { font-size: 0.9rem; color: var(--muted); display: flex; gap: 6px; align-items: center; }
select, input, button { font: inherit; padding: 4px 8px; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
button { cursor: pointer; }
button:disabled { cursor: default; opacity: 0.5; }
.chart-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(460px, 1fr)); gap: 16px; }
.chart { margin: 0; }
.chart .note { margin: 6px 0 0; min-height: 1.2em; }
.chart-box { position: relative; height: 300px; }
.thread { margin-bottom: 16px; }
.thread-head { display: flex; justify-content: space-between; gap: 12px; flex-wrap: wrap; align-items: baseline; }
.personas { display: flex; flex-wrap: wrap; gap: 8px; margin: 10px 0 14px; }
.persona-card { border: 1px solid var(--line); border-radius: 8px; padding: 8px 10px; min-width: 180px; max-width: 280px;
  font-size: 0.82rem; background: #fbfcfe; }
.persona-card header { display: flex; align-items: center; gap: 8px; margin-bottom: 4px; }
.avatar { width: 26px; height: 26px; border-radius: 50%; color: #fff; display: inline-flex; align-items: center;
  justify-content: center; font-weight: 700; font-size: 0.8rem; flex: none; }
.persona-card dl { display: grid; grid-template-columns: fit-content(8.5em) minmax(0, 1fr); gap: 1px 8px; margin: 0; }
.persona-card dt { color: var(--muted); }
.persona-card dd { margin: 0; overflow-wrap: break-word; }
.comments { list-style: none; margin: 0; padding: 0; }
.comment { border-left: 3px solid var(--line); padding: 6px 0 6px 12px; margin: 8px 0; }
.comment.moderator { border-left-color: var(--accent); }
.comment-head { display: flex; gap: 8px; align-items: center; font-size: 0.88rem; }
.author { font-weight: 600; }
.tag { font-size: 0.72rem; padding: 0 6px; border-radius: 10px; background: #e4ecf7; color: var(--accent); }
.text { margin: 4px 0 6px; white-space: pre-wrap; overflow-wrap: anywhere; }
.badges { display: flex; flex-wrap: wrap; gap: 6px; }
.badge { font-size: 0.78rem; padding: 1px 8px; border-radius: 10px; border: 1px solid rgba(0, 0, 0, 0.12); }
.badge.invalid { background: #eceff3; color: var(--muted); text-decoration: line-through; }
.badge.unparsed { background: #fff; color: var(--muted); border-style: dashed; }
.pager { display: flex; gap: 8px; align-items: center; }
.empty { color: var(--muted); font-style: italic; }
`;
