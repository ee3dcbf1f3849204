/** What node-llama-cpp reports while it downloads a model file. */
export interface DownloadStatus {
  totalSize: number;
  downloadedSize: number;
}

/** The slice of a stream that a progress bar writes to (process.stderr in practice). */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

const BAR_WIDTH = 30;
const MEGABYTE = 1024 * 1024;

/**
 * Draws a download's progress on `stream`: one bar redrawn in place on a terminal, or a line every 10% when
 * the stream is a file or a pipe (so that CI logs stay short).
 *
 * @returns the callback for node-llama-cpp's `onProgress`, and `finish()` to end the bar's line.
 */
export function createDownloadProgress(label: string, stream: ProgressStream) {
  let lastDecile = -1;
  let drawn = false;
  return {
    update({ totalSize, downloadedSize }: DownloadStatus): void {
      if (totalSize <= 0) return;
      const fraction = Math.min(1, downloadedSize / totalSize);
      const sizes = `${(downloadedSize / MEGABYTE).toFixed(1)}/${(totalSize / MEGABYTE).toFixed(1)} MB`;
      if (stream.isTTY) {
        const filled = Math.round(fraction * BAR_WIDTH);
        const bar = `${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}`;
        stream.write(`\rDownloading ${label} [${bar}] ${(fraction * 100).toFixed(1)}% ${sizes}`);
        drawn = true;
        return;
      }
      const decile = Math.floor(fraction * 10);
      if (decile === lastDecile) return;
      lastDecile = decile;
      stream.write(`Downloading ${label}: ${decile * 10}% (${sizes})\n`);
    },
    finish(): void {
      if (drawn) stream.write("\n");
      drawn = false;
    },
  };
}
