import { spawn, spawnSync } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freshDir } from "../../test/experiment-helpers.js";
import { acquireFolderLock } from "./folder-lock.js";
import { processStartOf } from "./lock-owner.js";

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

  it("takes over a lock with our own process id that this process does not hold (a container restarted as PID 1)", async () => {
    const dir = await freshDir();
    const lock = join(dir, "lock");
    const crashed = { pid: process.pid, hostname: hostname(), startedAt: "before the restart", token: "earlier-run" };
    await writeFile(lock, JSON.stringify(crashed));
    const release = await acquireFolderLock(lock, dir);
    expect(JSON.parse(await readFile(lock, "utf8")).token).not.toBe("earlier-run");
    await release();
  });

  it("takes over a lock whose process id now belongs to a process that started later", async () => {
    const start = processStartOf(process.pid);
    if (start === undefined) expect(process.platform).not.toBe("linux");
    const dir = await freshDir();
    const lock = join(dir, "lock");
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    try {
      const pid = other.pid as number;
      const owner = { pid, hostname: hostname(), startedAt: "earlier", token: "t" };
      // The same process: live.
      await writeFile(lock, JSON.stringify({ ...owner, processStart: processStartOf(pid) }));
      await expect(acquireFolderLock(lock, dir)).rejects.toThrow(`another SynDisco run (process ${pid}`);
      if (start === undefined) return;
      // Another process that got the same id: the lock's owner is gone.
      await writeFile(lock, JSON.stringify({ ...owner, processStart: `${start.split(":")[0]}:1` }));
      const release = await acquireFolderLock(lock, dir);
      await release();
    } finally {
      other.kill();
    }
  });

  it("leaves a lock alone once it was taken over, and leaves no temporary file", async () => {
    const dir = await freshDir();
    const lock = join(dir, "lock");
    const release = await acquireFolderLock(lock, dir);
    const newOwner = JSON.stringify({ pid: process.pid, hostname: "another-host", startedAt: "now" });
    await writeFile(lock, newOwner);
    await release();
    expect(await readFile(lock, "utf8")).toBe(newOwner);
    expect(await readdir(dir)).toEqual(["lock"]);
  });
});
