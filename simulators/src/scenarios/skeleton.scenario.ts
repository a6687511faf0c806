import { deviceKey } from '@plantwatch/contracts';
import type { PlantLayout, Scenario, ScenarioDevice, ScenarioOptions } from './scenario.js';

const ENTERPRISE = { slug: 'jytd', name: 'Jinyu Tongda', nameZh: '金隅通达' };
const SITE = { slug: 'yq-baiquan', name: 'Yangquan Baiquan', nameZh: '阳泉白泉' };
const AREA = { slug: 'firing', name: 'Firing', nameZh: '烧成车间' };
/** The walking skeleton's one kiln: tunnel kiln 3 (domain.md §3.1 examples). */
const DEFAULT_KILN = 3;

/** Most kilns `--kilns` accepts: enough for load tests, small enough to stay a plant. */
export const MAX_KILNS = 999;

function kilnSlug(n: number, count: number): string {
  return `tk${String(n).padStart(Math.max(2, String(count).length), '0')}`;
}

function kilnNumbers(options: ScenarioOptions): number[] {
  const count = options.kilns;
  if (count === undefined) return [DEFAULT_KILN];
  if (!Number.isInteger(count) || count < 1 || count > MAX_KILNS) throw new RangeError(`kilns must be an integer from 1 to ${MAX_KILNS}, got ${count}`);
  return Array.from({ length: count }, (_, i) => i + 1);
}

/**
 * `skeleton`: enterprise jytd (金隅通达), site yq-baiquan, area firing, tunnel kiln tk03 with its
 * PLC `jytd/yq-baiquan/firing/tk03/controller/plc` — or kilns tk01…tkNN with `kilns: N`.
 */
export const skeletonScenario: Scenario = {
  name: 'skeleton',
  description: 'One tunnel kiln (tk03) of Jinyu Tongda at Yangquan Baiquan; --kilns N for N kilns',
  layout(options: ScenarioOptions): PlantLayout {
    const numbers = kilnNumbers(options);
    const base = `${ENTERPRISE.slug}/${SITE.slug}/${AREA.slug}`;
    const nodes: Record<string, { name: string; nameZh?: string }> = {
      [ENTERPRISE.slug]: { name: ENTERPRISE.name, nameZh: ENTERPRISE.nameZh },
      [`${ENTERPRISE.slug}/${SITE.slug}`]: { name: SITE.name, nameZh: SITE.nameZh },
      [base]: { name: AREA.name, nameZh: AREA.nameZh },
    };
    const devices: ScenarioDevice[] = [];
    for (const n of numbers) {
      const line = kilnSlug(n, numbers.length);
      nodes[`${base}/${line}`] = { name: `Tunnel kiln ${n}`, nameZh: `${n}号隧道窑` };
      nodes[`${base}/${line}/controller`] = { name: 'Controller', nameZh: '控制系统' };
      const key = deviceKey({ enterprise: ENTERPRISE.slug, site: SITE.slug, area: AREA.slug, line, cell: 'controller', device: 'plc' });
      devices.push({ key, type: 'tunnel-kiln', name: `Tunnel kiln ${n} PLC`, nameZh: `${n}号隧道窑 PLC` });
    }
    return { nodes, devices };
  },
};
