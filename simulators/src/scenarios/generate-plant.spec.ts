import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlantIndex } from '@plantwatch/domain';
import { hashSecret, loadPlantModel, loadSecrets } from '@plantwatch/platform';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatePlant } from './generate-plant.js';
import { PlantFilesError, writePlantFiles } from './plant-files.js';

const TK03 = 'jytd/yq-baiquan/firing/tk03/controller/plc';

describe('generatePlant', () => {
  it('lays out the skeleton scenario: one tunnel kiln PLC tk03 with names and hierarchy labels', () => {
    const { model } = generatePlant('skeleton');
    expect(model.devices).toEqual([expect.objectContaining({ key: TK03, type: 'tunnel-kiln', name: 'Tunnel kiln 3 PLC', nameZh: '3号隧道窑 PLC' })]);
    expect(model.nodes['jytd']).toEqual({ name: 'Jinyu Tongda', nameZh: '金隅通达' });
    expect(model.services.map((s) => s.name)).toEqual(['ingest', 'api', 'alarms', 'probe']);
    expect(new PlantIndex(model).devices).toHaveLength(1);
  });

  it('stores only 64-hex hashes of random secrets; no plaintext secret appears in the model JSON', () => {
    const { model, secrets } = generatePlant('skeleton', { kilns: 3 });
    const json = JSON.stringify(model);
    for (const device of model.devices) {
      const secret = secrets.devices[device.key] ?? '';
      expect(device.secretSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(device.secretSha256).toBe(hashSecret(secret));
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(json).not.toContain(secret);
    }
    for (const service of model.services) {
      const secret = secrets.services[service.name] ?? '';
      expect(service.secretSha256).toBe(hashSecret(secret));
      expect(json).not.toContain(secret);
    }
  });

  it('draws fresh secrets every time (never from a seed)', () => {
    expect(generatePlant('skeleton').secrets.devices[TK03]).not.toBe(generatePlant('skeleton').secrets.devices[TK03]);
  });

  it('scales to N kilns tk01…tkNN and rejects bad counts and unknown scenarios', () => {
    const keys = generatePlant('skeleton', { kilns: 12 }).model.devices.map((d) => d.key.split('/')[3]);
    expect(keys[0]).toBe('tk01');
    expect(keys[11]).toBe('tk12');
    expect(generatePlant('skeleton', { kilns: 120 }).model.devices[0]?.key).toContain('/tk001/');
    expect(() => generatePlant('skeleton', { kilns: 0 })).toThrow(RangeError);
    expect(() => generatePlant('nope')).toThrow(/unknown scenario/);
  });
});

describe('writePlantFiles', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'plant-sim-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes plant.json and a 0600 secrets.json that the platform loaders accept', async () => {
    const plant = generatePlant('skeleton');
    const files = await writePlantFiles(join(dir, 'p'), plant);
    expect(files.written).toBe(true);
    expect((await stat(files.secretsFile)).mode & 0o777).toBe(0o600);
    expect((await loadPlantModel(files.plantFile)).model).toEqual(plant.model);
    expect(await loadSecrets(files.secretsFile)).toEqual(plant.secrets);
  });

  it('keeps existing files unless forced, and refuses a half-present pair', async () => {
    const first = generatePlant('skeleton');
    await writePlantFiles(dir, first);
    const kept = await writePlantFiles(dir, generatePlant('skeleton'));
    expect(kept.written).toBe(false);
    expect(await loadSecrets(kept.secretsFile)).toEqual(first.secrets);
    const second = generatePlant('skeleton');
    await writePlantFiles(dir, second, { force: true });
    expect(JSON.parse(await readFile(kept.secretsFile, 'utf8'))).toEqual(second.secrets);
    await rm(kept.secretsFile);
    await expect(writePlantFiles(dir, first)).rejects.toThrow(PlantFilesError);
  });
});
