/**
 * Wraps text to `width` columns, keeping its own line breaks, and indents every line by `indent` spaces.
 * A word longer than the width is put on a line of its own rather than cut.
 */
export function wrapText(text: string, width: number, indent = 0): string {
  const pad = " ".repeat(indent);
  const room = Math.max(10, width - indent);
  return text
    .split("\n")
    .flatMap((paragraph) => wrapParagraph(paragraph, room).map((line) => (line ? pad + line : line)))
    .join("\n");
}

function wrapParagraph(paragraph: string, width: number): string[] {
  const words = paragraph.split(/\s+/).filter(Boolean);
  if (words.length === 0) return [""];
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  lines.push(line);
  return lines;
}
