#!/usr/bin/env node
import { loadPlantModel } from '@plantwatch/platform';
import { parseArgs } from 'node:util';
import { parseWhen, report, score, SHIPPED_EXPECTATIONS } from './report.js';

const USAGE = `plantwatch-alarms — alarm KPIs and detection scoring from an alarms data folder

  plantwatch-alarms report [--data ./data] [--from -24h] [--to now] [--json]
      alarms per 10 min per operator position, flood episodes, % time in flood, peak rate,
      chattering and stale alarms, top-10 bad actors, priority mix (EEMUA 191 / ISA-18.2)
  plantwatch-alarms score --truth ground-truth.jsonl [--data ./data] [--plant data/plant.json]
                          [--expectations fault-expectations.json] [--grace 10m]
      scores the alarm history against the simulators' ground truth: detected / missed /
      false alarms and time to alarm per fault type (Markdown table)`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: { data: { type: 'string', default: './data' }, from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean', default: false }, truth: { type: 'string' }, plant: { type: 'string' }, expectations: { type: 'string' }, grace: { type: 'string', default: '10m' } },
  });
  const now = Date.now();
  if (command === 'report') {
    const to = parseWhen(values.to, now, now);
    console.log(report(values.data, parseWhen(values.from, to - 86_400_000, now), to, values.json));
    return 0;
  }
  if (command === 'score' && values.truth !== undefined) {
    const plant = values.plant === undefined ? undefined : await loadPlantModel(values.plant);
    const graceMs = now - parseWhen(`-${values.grace}`, now, now);
    console.log(score(values.data, values.truth, values.expectations ?? SHIPPED_EXPECTATIONS, graceMs, plant ? (d) => plant.device(d)?.via : undefined));
    return 0;
  }
  console.error(USAGE);
  return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`plantwatch-alarms: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
