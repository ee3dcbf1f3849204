import { spawnSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freshDir } from "../../test/experiment-helpers.js";
import { acquireFolderLock } from "./folder-lock.js";

/** The id of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

describe("acquireFolderLock", () => {
  it("writes who holds the lock and removes it on release", async () => {
    const dir = await freshDir();
    const lock = join(dir, "lock");
    const release = await acquireFolderLock(lock, dir);
    expect(JSON.parse(await readFile(lock, "utf8"))).toMatchObject({ pid: process.pid, hostname: hostname() });
    await expect(acquireFolderLock(lock, dir)).rejects.toThrow(`${dir}: another SynDisco run (process ${process.pid}`);
    await release();
    await expect(readFile(lock)).rejects.toThrow("ENOENT");
  });

  it("takes over a lock left by a process that no longer runs", async () => {
    const dir = await freshDir();
    const lock = join(dir, "lock");
    await writeFile(lock, JSON.stringify({ pid: deadPid(), hostname: hostname(), startedAt: "yesterday" }));
    const release = await acquireFolderLock(lock, dir);
    expect(JSON.parse(await readFile(lock, "utf8")).pid).toBe(process.pid);
    await release();
  });

  it("takes over a lock cut short before its owner was written", async () => {
    const dir = await freshDir();
    const lock = join(dir, "lock");
    await writeFile(lock, "");
    const release = await acquireFolderLock(lock, dir);
    await release();
  });

  it("respects a lock held on another machine, since it cannot check it, and says how to clear it", async () => {
    const dir = await freshDir();
    const lock = join(dir, "lock");
    await writeFile(lock, JSON.stringify({ pid: 1, hostname: "another-host", startedAt: "today" }));
    await expect(acquireFolderLock(lock, dir)).rejects.toThrow(
      `process 1 on another-host, started today) is writing to this folder. Wait for it to finish or stop it. If no such run exists, delete ${lock}`,
    );
  });
});
