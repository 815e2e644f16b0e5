/**
 * Write a file atomically and durably: write `<file>.<pid>.<n>.tmp`, fsync it, rename it over the
 * target, then fsync the directory, so that after a crash (kill -9, power loss) the file is either
 * the old version or the new one, and a manifest's write-ahead intent is on disk before the
 * create call it announces is sent.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from "node:fs";
import { dirname } from "node:path";

let seq = 0;

function fsyncDirectory(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a directory (EINVAL, EISDIR on some platforms): the rename is still atomic.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

export function writeJsonAtomic(file: string, value: unknown): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.${seq++}.tmp`;
  const fd = openSync(tmp, "w");
  try {
    writeSync(fd, JSON.stringify(value, null, 2) + "\n");
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  fsyncDirectory(dir);
}
