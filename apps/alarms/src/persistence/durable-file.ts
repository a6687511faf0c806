import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Small synchronous durability helpers: an append that is on disk when it returns (write +
 * fsync), and an atomic replace (temp file, fsync, rename, fsync of the folder), so a `kill -9`
 * at any instant leaves either the old or the new content, never half of it.
 */
export function appendDurably(fd: number, text: string): void {
  if (text === '') return;
  writeSync(fd, text);
  fsyncSync(fd);
}

export function replaceDurably(file: string, text: string): void {
  const temp = `${file}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
  syncFolder(dirname(file));
}

export function syncFolder(folder: string): void {
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Parses JSON lines, skipping a torn last line (a crash in the middle of a write). */
export function parseJsonLines(text: string): unknown[] {
  const out: unknown[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      out.push(JSON.parse(line));
    } catch {
      // torn tail: the write never completed, so it was never acknowledged either
    }
  }
  return out;
}
