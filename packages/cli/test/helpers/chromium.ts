import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";

/** Debian's Chromium, which CI installs with `apt-get install -y chromium`. */
export const CHROMIUM = "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Whether Chromium is installed. When `CI` is set it must be: a missing browser fails the run instead of
 * skipping the browser tests.
 */
export function haveChromium(): boolean {
  const present = existsSync(CHROMIUM);
  if (!present && process.env.CI) {
    throw new Error(`CI is set but ${CHROMIUM} is missing; install Debian's package: apt-get install -y chromium`);
  }
  return present;
}

/** A page opened in a fresh Chromium profile, with everything it logged and requested. */
export interface OpenedPage {
  page: Page;
  /** The page's URL (`file://…`). */
  url: string;
  /** Console messages of type `error`, and uncaught exceptions. */
  errors: string[];
  /** The URL of every request the browser made, the page's own included. */
  requests: string[];
  close(): Promise<void>;
}

/** Opens a local HTML file in headless Chromium with a fresh user-data folder and waits for it to load. */
export async function openInChromium(file: string, viewport = { width: 1280, height: 900 }): Promise<OpenedPage> {
  const profile = mkdtempSync(join(tmpdir(), "syndisco-chromium-"));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport,
    });
    const errors: string[] = [];
    const requests: string[] = [];
    context.on("request", (request) => requests.push(request.url()));
    const page = context.pages()[0] ?? (await context.newPage());
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(String(error)));
    const url = pathToFileURL(file).href;
    await page.goto(url, { waitUntil: "load" });
    const opened = context;
    return {
      page,
      url,
      errors,
      requests,
      close: async () => {
        await opened.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

/** The width and height of a PNG, read from its IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  const signature = "89504e470d0a1a0a";
  if (png.subarray(0, 8).toString("hex") !== signature || png.subarray(12, 16).toString("ascii") !== "IHDR") {
    throw new Error("not a PNG image");
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
