import { buildTopic } from '@plantwatch/contracts';
import { PlantIndex } from '@plantwatch/domain';
import { describe, expect, it } from 'vitest';
import { decode } from './decode.stage.js';

const kiln = { enterprise: 'jytd', site: 'yq-baiquan', area: 'firing', line: 'tk03', cell: 'controller', device: 'plc' };
const plant = new PlantIndex({
  version: 1,
  name: 'test',
  nodes: {},
  devices: [{ key: 'jytd/yq-baiquan/firing/tk03/controller/plc', type: 'tunnel-kiln', name: 'TK03 PLC', secretSha256: 'a'.repeat(64) }],
  services: [],
});
const options = { plant, maxPayloadBytes: 4096 };
const combustionTopic = buildTopic({ ...kiln, cls: 'telemetry', sub: ['combustion'] });
const combustion = {
  ts: 1_718_000_000_000,
  seq: 7,
  v: { gas: 168.4, air: 1862, lambda: 1.15, pGasMain: 214, pGasHdr: 11.6, pAir: 5.9, zoneValve: [42, 55, 61, 58, 60, 57, 49, 40], zoneGas: [16.1, 21, 23.4, 22.2, 23, 21.8, 18.8, null], burnersOn: 40, burnersTotal: 40, gasTot: 12345678.9 },
  q: 'good',
};

function run(topic: string, text: string) {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = text;
  }
  return decode(topic, data, Buffer.from(text), 1_718_000_000_500, options);
}

describe('ingest decode stage', () => {
  it('turns a valid payload into one point: hierarchy tags, flattened fields, source timestamp', () => {
    const result = run(combustionTopic, JSON.stringify(combustion));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.point.measurement).toBe('tunnel_kiln_telemetry_combustion');
    expect(result.point.tags).toEqual(kiln);
    expect(result.point.ts).toBe(combustion.ts);
    expect(result.point.fields).toMatchObject({ gas: 168.4, 'zoneValve.0': 42, 'zoneGas.6': 18.8, seq: 7, q: 'good' });
    expect(result.point.fields).not.toHaveProperty('zoneGas.7');
  });

  it('keeps a top-level `data` key intact (no Nest unwrapping) — it is simply not in the schema', () => {
    const result = run(combustionTopic, JSON.stringify({ data: combustion }));
    expect(result).toMatchObject({ ok: false, deadLetter: { reason: 'SCHEMA' } });
  });

  const cases: Array<[string, string, string, RegExp]> = [
    ['BAD_TOPIC', 'uns/v1/JYTD/yq-baiquan/firing/tk03/controller/plc/telemetry/combustion', JSON.stringify(combustion), /enterprise/],
    ['UNKNOWN_DEVICE', buildTopic({ ...kiln, device: 'ghost', cls: 'telemetry', sub: ['combustion'] }), JSON.stringify(combustion), /ghost/],
    ['OVERSIZE', combustionTopic, JSON.stringify({ ...combustion, pad: 'x'.repeat(5000) }), /exceeds 4096/],
    ['NOT_JSON', combustionTopic, '{"ts": 1718000000000, "seq": ', /not valid JSON/],
    ['NON_FINITE', combustionTopic, JSON.stringify(combustion).replace('168.4', 'NaN'), /NaN/],
    ['NON_FINITE', combustionTopic, JSON.stringify(combustion).replace('168.4', '1e999'), /Infinity/],
    ['SCHEMA', combustionTopic, JSON.stringify({ ...combustion, v: { ...combustion.v, zoneValve: [1, 2] } }), /zoneValve/],
    ['SCHEMA', combustionTopic, JSON.stringify({ ...combustion, ts: 'yesterday' }), /ts/],
    ['NO_SCHEMA', buildTopic({ ...kiln, cls: 'telemetry', sub: ['unknown-sub'] }), JSON.stringify(combustion), /no schema/],
  ];
  it.each(cases)('refuses %s with a reason and keeps the evidence', (reason, topic, text, detail) => {
    const result = run(topic, text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.deadLetter.reason).toBe(reason);
    expect(result.deadLetter.detail).toMatch(detail);
    expect(result.deadLetter.payloadBytes).toBe(Buffer.byteLength(text));
    expect(Buffer.from(result.deadLetter.payloadHead, 'base64').toString()).toBe(text.slice(0, 256));
    expect(result.deadLetter.receivedAt).toBe(1_718_000_000_500);
  });

  it('refuses event values with hostile names instead of letting them become field names', () => {
    const topic = buildTopic({ ...kiln, cls: 'event', sub: [] });
    const bad = run(topic, JSON.stringify({ ts: 1_718_000_000_000, seq: 1, v: { type: 'car_pushed', 'x"=1\n': 2 } }));
    expect(bad).toMatchObject({ ok: false, deadLetter: { reason: 'SCHEMA' } });
    const good = run(topic, JSON.stringify({ ts: 1_718_000_000_000, seq: 1, v: { type: 'car_pushed', carNo: 41873 } }));
    expect(good).toMatchObject({ ok: true, point: { measurement: 'tunnel_kiln_event', fields: { type: 'car_pushed', carNo: 41873 } } });
  });

  it('stores an alarm reading by its type (val / val_state / val_flag): InfluxDB keeps one type per field', () => {
    const topic = buildTopic({ ...kiln, cls: 'alarm', sub: [] });
    const alarm = (val: unknown) => ({ ts: 1_718_000_000_000, seq: 1, v: { id: 'jytd/yq-baiquan/firing/tk03/controller/plc/tc-open', code: 'TC_OPEN', sev: 'high', state: 'active_unack', src: 'telemetry/profile:t.17', val, msg: 'TC open', esc: 0 } });
    const fieldsOf = (val: unknown) => {
      const result = run(topic, JSON.stringify(alarm(val)));
      if (!result.ok) throw new Error(result.deadLetter.detail);
      return result.point.fields;
    };
    expect(fieldsOf(1_234.5)).toMatchObject({ val: 1_234.5 });
    expect(fieldsOf('ALARM')).toMatchObject({ val_state: 'ALARM' });
    expect(fieldsOf('ALARM')).not.toHaveProperty('val');
    expect(fieldsOf(true)).toMatchObject({ val_flag: true });
  });

  it('stores a birth certificate by its scalars: command limits keyed by command name never become field names', () => {
    const topic = buildTopic({ ...kiln, cls: 'meta', sub: [] });
    const meta = { ts: 1_718_000_000_000, v: { type: 'tunnel-kiln', schema: 1, name: 'TK03 PLC', tcPos: [1.5, 4.5], cmds: { 'set-curve': { unit: 'degC', min: 600 } } } };
    const result = run(topic, JSON.stringify(meta));
    expect(result).toMatchObject({ ok: true, point: { measurement: 'tunnel_kiln_meta', fields: { type: 'tunnel-kiln', schema: 1, name: 'TK03 PLC' } } });
    if (result.ok) expect(Object.keys(result.point.fields).sort()).toEqual(['name', 'schema', 'type']);
  });
});
