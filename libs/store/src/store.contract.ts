import type { DevicePath } from '@plantwatch/contracts';
import type { FieldValue, TelemetryPoint } from '@plantwatch/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from './store-error.js';
import type { DeadLetter, HistoryQuery, TelemetryStore } from './telemetry-store.js';

/**
 * The one contract every TelemetryStore adapter passes (ARCHITECTURE.md §3). Test-only code:
 * excluded from the build (libs/store/tsconfig.json). Each test writes its own device, so the
 * cases share one store without seeing each other's points.
 */

const T0 = Date.UTC(2025, 0, 1); // a multiple of every bucket width used below
const MEASUREMENT = 'tunnel_kiln_telemetry_profile';
const DL_T0 = T0 + 86_400_000;

function device(name: string): DevicePath {
  return { enterprise: 'contract', site: 'site-1', area: 'firing', line: 'tk01', cell: '_', device: name };
}

function point(dev: DevicePath, ts: number, fields: Record<string, FieldValue>, measurement = MEASUREMENT): TelemetryPoint {
  return { measurement, tags: dev, fields, ts };
}

function query(dev: DevicePath, field: string, extra: Partial<HistoryQuery> = {}): HistoryQuery {
  return { measurement: MEASUREMENT, device: dev, field, from: T0, to: T0 + 3_600_000, ...extra };
}

function withTag(dev: DevicePath, level: keyof DevicePath, value: string): DevicePath {
  return { ...dev, [level]: value };
}

async function expectInvalid(action: Promise<unknown>, mention: RegExp): Promise<void> {
  const error: unknown = await action.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  expect((error as StoreError).code).toBe('STORE_INPUT_INVALID');
  expect((error as StoreError).message).toMatch(mention);
}

export function describeTelemetryStoreContract(name: string, factory: () => Promise<TelemetryStore>): void {
  describe(`${name} — TelemetryStore contract`, () => {
    let store: TelemetryStore;
    beforeAll(async () => {
      store = await factory();
    });
    afterAll(async () => {
      await store?.close();
    });

    it('round-trips numbers, strings (enums) and booleans as raw points', async () => {
      const dev = device('types');
      await store.write([
        point(dev, T0, { t: 1.5, mode: 'auto', on: true, 'zones.0': 0 }),
        point(dev, T0 + 1_000, { t: -3, mode: 'über "quoted"', on: false, 'zones.0': 1e-3 }),
        point(dev, T0 + 2_000, { t: 1200, mode: 'hold', on: true, 'zones.0': 42 }),
      ]);
      expect(await store.history(query(dev, 't'))).toEqual([
        { ts: T0, value: 1.5 },
        { ts: T0 + 1_000, value: -3 },
        { ts: T0 + 2_000, value: 1200 },
      ]);
      expect((await store.history(query(dev, 'mode'))).map((p) => p.value)).toEqual(['auto', 'über "quoted"', 'hold']);
      expect((await store.history(query(dev, 'on'))).map((p) => p.value)).toEqual([true, false, true]);
      expect((await store.history(query(dev, 'zones.0'))).map((p) => p.value)).toEqual([0, 1e-3, 42]);
    });

    it('filters by time: from inclusive, to exclusive; honours limit', async () => {
      const dev = device('range');
      await store.write([0, 1_000, 2_000, 3_000].map((dt) => point(dev, T0 + dt, { t: dt })));
      const inRange = await store.history(query(dev, 't', { from: T0 + 1_000, to: T0 + 3_000 }));
      expect(inRange.map((p) => p.ts)).toEqual([T0 + 1_000, T0 + 2_000]);
      expect((await store.history(query(dev, 't', { limit: 2 }))).map((p) => p.value)).toEqual([0, 1_000]);
      expect(await store.history(query(dev, 't', { from: T0 + 3_000, to: T0 + 3_000 }))).toEqual([]);
    });

    it('downsamples server-side: mean/min/max/last per bucket, bucket-start timestamps, empty buckets left out', async () => {
      const dev = device('buckets');
      const values: Array<[number, number]> = [[0, 1], [4_000, 5], [9_999, 3], [10_000, 10], [45_000, 7]];
      await store.write(values.map(([dt, v]) => point(dev, T0 + dt, { t: v })));
      const every = (agg: HistoryQuery['agg']): Promise<unknown> => store.history(query(dev, 't', { everyMs: 10_000, ...(agg ? { agg } : {}) }));
      const at = (dt: number, value: number): { ts: number; value: number } => ({ ts: T0 + dt, value });
      expect(await every('mean')).toEqual([at(0, 3), at(10_000, 10), at(40_000, 7)]);
      expect(await every(undefined)).toEqual([at(0, 3), at(10_000, 10), at(40_000, 7)]);
      expect(await every('min')).toEqual([at(0, 1), at(10_000, 10), at(40_000, 7)]);
      expect(await every('max')).toEqual([at(0, 5), at(10_000, 10), at(40_000, 7)]);
      expect(await every('last')).toEqual([at(0, 3), at(10_000, 10), at(40_000, 7)]);
      expect(await store.history(query(dev, 't', { everyMs: 10_000, from: T0 + 10_000, to: T0 + 45_000, agg: 'max' }))).toEqual([at(10_000, 10)]);
    });

    it('is idempotent: the same point written twice (and twice in a batch) is one point, last value wins', async () => {
      const dev = device('idempotent');
      const p = point(dev, T0 + 5_000, { t: 20 });
      await store.write([p]);
      await store.write([p]);
      await store.write([point(dev, T0 + 6_000, { t: 1 }), point(dev, T0 + 6_000, { t: 2 })]);
      expect(await store.history(query(dev, 't'))).toEqual([
        { ts: T0 + 5_000, value: 20 },
        { ts: T0 + 6_000, value: 2 },
      ]);
      await store.write([point(dev, T0 + 5_000, { t: 21 })]);
      expect((await store.history(query(dev, 't'))).map((x) => x.value)).toEqual([21, 2]);
    });

    it("does not leak another device's, measurement's or field's points into a query", async () => {
      const mine = device('mine');
      await store.write([
        point(mine, T0, { t: 1 }),
        point(mine, T0 + 1_000, { other: 99 }),
        point(device('theirs'), T0, { t: 2 }),
        point(withTag(mine, 'line', 'tk02'), T0, { t: 3 }),
        point(mine, T0, { t: 4 }, 'gateway_5g_telemetry_link'),
      ]);
      expect(await store.history(query(mine, 't'))).toEqual([{ ts: T0, value: 1 }]);
      expect(await store.history(query(mine, 't', { everyMs: 60_000, agg: 'max' }))).toEqual([{ ts: T0, value: 1 }]);
    });

    it('rejects hostile tag values, field names and measurements with a clear error and writes nothing', async () => {
      const dev = device('hostile');
      const good = point(dev, T0, { t: 1 });
      const badTags = ['a\nb', 'x,y=z', '+', 'a b', 'x'.repeat(33), '', 'UPPER', '#'];
      for (const bad of badTags) {
        await expectInvalid(store.write([good, point(withTag(dev, 'line', bad), T0, { t: 666 })]), /tag line/);
        await expectInvalid(store.history(query(withTag(dev, 'device', bad), 't')), /tag device/);
      }
      await expectInvalid(store.write([point(withTag(dev, 'device', '_'), T0, { t: 1 })]), /tag device/);
      const badFields = ['"quoted"', "it's", 'a\nb', '"; DROP DATABASE x', 'a b', 'x=y', 'a,b', '', 'time', 'site'];
      for (const bad of badFields) {
        await expectInvalid(store.write([good, point(dev, T0 + 1, { [bad]: 1 })]), /field name/);
        await expectInvalid(store.history(query(dev, bad)), /field name/);
      }
      for (const bad of ['m\nx', 'm,x=y', 'a b', '"; DROP DATABASE x', 'dead_letter', '_health']) {
        await expectInvalid(store.write([good, point(dev, T0, { t: 1 }, bad)]), /measurement/);
      }
      await expectInvalid(store.write([point(dev, T0, { t: Number.NaN })]), /finite/);
      await expectInvalid(store.write([point(dev, T0, {})]), /at least one field/);
      await expectInvalid(store.write([point(dev, T0 + 0.5, { t: 1 })]), /timestamp/);
      await expectInvalid(store.history(query(dev, 't', { everyMs: 0 })), /everyMs/);
      // Nothing of the refused batches landed, and the database is still there.
      expect(await store.history(query(dev, 't'))).toEqual([]);
      await store.write([good]);
      expect(await store.history(query(dev, 't'))).toEqual([{ ts: T0, value: 1 }]);
    });

    it('keeps dead letters with all fields, in order, two in the same millisecond included', async () => {
      const letter = (dt: number, topic: string, detail: string): DeadLetter => ({
        receivedAt: DL_T0 + dt,
        reason: 'SCHEMA',
        topic,
        detail,
        payloadBytes: 17,
        payloadHead: Buffer.from(`{"ts":${dt}}`).toString('base64'),
      });
      const records = [letter(0, 'uns/v1/a/b/_/_/_/c/telemetry', 'first\nline two "quoted" \\'), letter(0, 'uns/v1/a/b/_/_/_/c/telemetry', 'second, same ms'), { ...letter(5, 'not/a/uns/topic', 'bad topic'), reason: 'BAD_TOPIC' as const }];
      await store.writeDeadLetters(records);
      await store.writeDeadLetters([letter(10_000, 'outside', 'outside the range')]);
      expect(await store.deadLetters({ from: DL_T0, to: DL_T0 + 10_000 })).toEqual(records);
      expect(await store.deadLetters({ from: DL_T0, to: DL_T0 + 10_000, limit: 1 })).toEqual(records.slice(0, 1));
      await expectInvalid(store.writeDeadLetters([{ ...letter(1, 't', 'd'), reason: 'NOPE\n' as DeadLetter['reason'] }]), /reason/);
    });

    it('reports health from a real write', async () => {
      expect(await store.health()).toMatchObject({ ok: true });
    });

    it('rejects calls after close', async () => {
      const closing = await factory();
      await closing.close();
      const error: unknown = await closing.write([point(device('closed'), T0, { t: 1 })]).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).code).toBe('STORE_CLOSED');
      await expect(closing.history(query(device('closed'), 't'))).rejects.toThrow(/closed/);
      expect((await closing.health()).ok).toBe(false);
    });
  });
}
