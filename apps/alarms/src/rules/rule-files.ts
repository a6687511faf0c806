import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alarmRuleFile, type AlarmRuleFile } from '@plantwatch/contracts';
import { replaceDurably } from '../persistence/durable-file.js';

/** The rule files shipped with plantwatch: `apps/alarms/rules/{device type}.json`. */
export const SHIPPED_RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

/** A rule file that does not validate: names the file and the first problems. */
export class RuleFileError extends Error {
  readonly code = 'RULE_FILE_INVALID';
}

export function parseRuleFile(raw: unknown, source: string): AlarmRuleFile {
  const result = alarmRuleFile.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new RuleFileError(`${source}: ${problems.join('; ')}`);
  }
  return result.data;
}

function readFolder(dir: string): Map<string, AlarmRuleFile> {
  const files = new Map<string, AlarmRuleFile>();
  if (!existsSync(dir)) return files;
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.rules.json')) continue;
    const file = parseRuleFile(JSON.parse(readFileSync(join(dir, name), 'utf8')), join(dir, name));
    files.set(file.deviceType, file);
  }
  return files;
}

/**
 * Rule files: the shipped defaults, overridden per device type by the run-time edits saved
 * under the data folder (`{data}/alarms/rules/{type}.rules.json`, written atomically).
 */
export class RuleFiles {
  constructor(
    private readonly shippedDir: string,
    private readonly overrideDir: string,
  ) {}

  load(): AlarmRuleFile[] {
    const files = readFolder(this.shippedDir);
    for (const [type, file] of readFolder(this.overrideDir)) files.set(type, file);
    return [...files.values()];
  }

  save(file: AlarmRuleFile): void {
    mkdirSync(this.overrideDir, { recursive: true });
    replaceDurably(join(this.overrideDir, `${file.deviceType}.rules.json`), JSON.stringify(file, null, 2) + '\n');
  }
}
