import { describe, expect, it } from "vitest";
import { createDownloadProgress } from "./download-progress.js";

function recorder(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (text: string) => written.push(text) }, written };
}

const MB = 1024 * 1024;

describe("createDownloadProgress", () => {
  it("redraws one bar in place on a terminal and ends its line when finished", () => {
    const { stream, written } = recorder(true);
    const progress = createDownloadProgress("hf:o/r/f.gguf", stream);
    progress.update({ totalSize: 10 * MB, downloadedSize: 5 * MB });
    progress.update({ totalSize: 10 * MB, downloadedSize: 10 * MB });
    progress.finish();
    expect(written[0]).toMatch(/^\rDownloading hf:o\/r\/f\.gguf \[#{15}-{15}\] 50\.0% 5\.0\/10\.0 MB$/);
    expect(written[1]).toContain("100.0%");
    expect(written.at(-1)).toBe("\n");
  });

  it("writes a line every 10% when the stream is not a terminal", () => {
    const { stream, written } = recorder(false);
    const progress = createDownloadProgress("model", stream);
    for (let downloaded = 0; downloaded <= 100; downloaded += 1) {
      progress.update({ totalSize: 100 * MB, downloadedSize: downloaded * MB });
    }
    progress.finish();
    expect(written).toHaveLength(11);
    expect(written[0]).toBe("Downloading model: 0% (0.0/100.0 MB)\n");
    expect(written[10]).toBe("Downloading model: 100% (100.0/100.0 MB)\n");
  });

  it("draws nothing while the size is unknown", () => {
    const { stream, written } = recorder(true);
    const progress = createDownloadProgress("model", stream);
    progress.update({ totalSize: 0, downloadedSize: 0 });
    progress.finish();
    expect(written).toEqual([]);
  });
});
