import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDuration } from './args.js';
import { runCli } from './cli.js';
import type { CliIo } from './io.js';

function captureIo(): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l) };
}

describe('plant-sim CLI', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'plant-sim-cli-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    [['bogus'], /unknown command/],
    [['init'], /needs --out/],
    [['init', '--out', 'x', '--kilns', 'many'], /--kilns "many": expected an integer/],
    [['init', '--out', 'x', '--scenario', 'nope'], /unknown \(known: skeleton, /],
    [['run', '--plant', 'p.json', '--speed', '9000'], /--speed "9000"/],
    [['run', '--plant', 'p.json', '--duration', '10'], /expected a duration/],
    [['run', '--plant', 'p.json', '--broker', 'localhost'], /expected a URL/],
    [['run', '--plant', 'p.json', '--wat'], /Unknown option '--wat'/],
    [['list'], /needs --plant/],
  ])('exits 2 with a one-line reason for %j', async (argv, reason) => {
    const io = captureIo();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.errors.join('\n')).toMatch(reason);
    expect(io.errors.join('\n')).not.toMatch(/\n\s+at /);
  });

  it('initialises a plant, keeps it on a second init, and lists its devices', async () => {
    const io = captureIo();
    expect(await runCli(['init', '--out', dir, '--kilns', '2'], io)).toBe(0);
    expect(await runCli(['init', '--out', dir], io)).toBe(0);
    expect(io.lines.join('\n')).toMatch(/kept existing/);
    expect(await runCli(['list', '--plant', join(dir, 'plant.json')], io)).toBe(0);
    expect(io.lines.join('\n')).toContain('jytd/yq-baiquan/firing/tk02/controller/plc  tunnel-kiln  Tunnel kiln 2 PLC / 2号隧道窑 PLC');
    expect(io.lines.join('\n')).toContain('services: svc-ingest, svc-api, svc-alarms');
  });

  it('rejects a --devices key that is not in the plant (exit 2)', async () => {
    const io = captureIo();
    await runCli(['init', '--out', dir], io);
    const argv = ['run', '--plant', join(dir, 'plant.json'), '--broker', 'mqtt://127.0.0.1:9', '--devices', 'a/b/c/d/e/f'];
    expect(await runCli(argv, io)).toBe(2);
    expect(io.errors.join('\n')).toMatch(/--devices: device a\/b\/c\/d\/e\/f is not in the plant model/);
  });

  it('reports a missing plant file without a stack trace (exit 1)', async () => {
    const io = captureIo();
    expect(await runCli(['list', '--plant', join(dir, 'missing.json')], io)).toBe(1);
    expect(io.errors).toEqual([`plant-sim: cannot read ${join(dir, 'missing.json')}: no such file`]);
  });

  it('parses durations with units', () => {
    expect(parseDuration('500ms', 'd')).toBe(500);
    expect(parseDuration('90s', 'd')).toBe(90_000);
    expect(parseDuration('120m', 'd')).toBe(7_200_000);
    expect(parseDuration('1.5h', 'd')).toBe(5_400_000);
  });
});
