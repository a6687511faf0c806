import { DEVICE_TYPES } from '@plantwatch/contracts';
import { describe, expect, it } from 'vitest';
import { loadRoster, SHIPPED_ROSTER } from './roster-file.js';
import { RuleFiles, SHIPPED_RULES_DIR } from './rule-files.js';

describe('shipped configuration', () => {
  it('every rule file validates and names a device type with payload schemas', () => {
    const files = new RuleFiles(SHIPPED_RULES_DIR, '/nonexistent').load();
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const file of files) expect(DEVICE_TYPES as readonly string[]).toContain(file.deviceType);
  });

  it('the roster validates and has an owner for every area', () => {
    const { roster, contacts } = loadRoster(SHIPPED_ROSTER);
    expect(roster.escalateAfterMin).toEqual([5, 15, 30]);
    for (const area of roster.areas) for (const people of Object.values(area.people)) for (const p of people) expect(contacts[p]?.email).toBeDefined();
  });
});
