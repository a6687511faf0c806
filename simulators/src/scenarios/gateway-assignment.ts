import { fnv1a, Rng } from '../kit/rng.js';
import type { DeviceParams } from '../models/device-factory.js';
import type { ExpandedDevice } from './expand-scenario.js';
import type { GatewayGroup } from './scenario-file.js';
import { resolveCount, type TemplateVars } from './template.js';

function globToRegExp(glob: string): RegExp {
  const body = glob.split('**').map((part) => part.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')).join('.*');
  return new RegExp(`^${body}$`);
}

/** Splits `total` into `parts` run lengths around the mean, each within [min, max] where possible. */
export function runLengths(total: number, parts: number, min: number, max: number, rng: Rng): number[] {
  if (parts === 0) return [];
  const mean = total / parts;
  const spread = Math.max(0, Math.min(mean - min, max - mean, mean * 0.6));
  const weights = Array.from({ length: parts }, () => mean + rng.uniform(-spread, spread));
  const sum = weights.reduce((a, b) => a + b, 0);
  let cum = 0;
  return weights.map((w) => {
    const before = Math.round((cum / sum) * total);
    cum += w;
    return Math.round((cum / sum) * total) - before;
  });
}

/**
 * Gives each 5G gateway of a group its south devices (domain.md §4.2: 150 gateways × 20 devices on
 * average, 8–40 each): the served devices in model order (so a gateway serves neighbours on one
 * line) cut into consecutive runs. Sets `via` on the south devices and, on each gateway, the
 * radio parameters the model reads: `cell` (gateways spread over `cells`), `band`, `baseRsrp`
 * and `difficult` (the share nearest induction furnaces, §4.2 Radio). Deterministic per `salt`.
 */
export function assignGateways(group: GatewayGroup, gateways: readonly ExpandedDevice[], devices: readonly ExpandedDevice[], params: Record<string, DeviceParams>, knobs: TemplateVars, salt: string): void {
  const rng = new Rng(fnv1a(salt));
  const cells = Math.max(1, resolveCount(group.cells, knobs, {}));
  const serve = group.serve;
  const pattern = serve === undefined ? undefined : globToRegExp(serve.match);
  const served = pattern === undefined ? [] : devices.filter((d) => d.type !== 'gateway-5g' && d.via === undefined && pattern.test(d.key));
  const min = serve === undefined ? 0 : resolveCount(serve.min, knobs, {});
  const max = serve === undefined ? 0 : resolveCount(serve.max, knobs, {});
  const runs = runLengths(served.length, gateways.length, min, max, rng);
  const hotScore: number[] = [];
  let next = 0;
  gateways.forEach((gateway, i) => {
    const run = served.slice(next, next + (runs[i] ?? 0));
    next += runs[i] ?? 0;
    for (const device of run) device.via = gateway.key;
    hotScore.push(run.filter((d) => d.type === 'foundry-unit' && params[d.key]?.['kind'] === 'induction-furnace').length);
    params[gateway.key] = { ...params[gateway.key], cell: Math.floor((i * cells) / gateways.length) + 1, band: group.band, baseRsrp: Math.round(rng.uniform(group.rsrp[0], group.rsrp[1])), difficult: false };
  });
  const difficult = Math.round(group.difficultShare * gateways.length);
  const order = gateways.map((g, i) => ({ key: g.key, score: (hotScore[i] ?? 0) + rng.float() * 0.5 })).sort((a, b) => b.score - a.score);
  for (const { key } of order.slice(0, difficult)) params[key] = { ...params[key], difficult: true };
}
