import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ALARM_SEVERITIES } from '@plantwatch/contracts';
import type { Roster } from '@plantwatch/domain';
import { z } from 'zod';

/** The roster shipped with plantwatch (`apps/alarms/roster.json`). */
export const SHIPPED_ROSTER = fileURLToPath(new URL('../../roster.json', import.meta.url));

const person = z.string().regex(/^[a-z][a-z0-9._-]{0,63}$/);

/** Roster file: shifts, escalation steps, areas with people per shift, and how to reach each person. */
export const rosterFile = z.strictObject({
  shifts: z.array(z.strictObject({ name: z.string().regex(/^[a-z0-9]{1,8}$/), start: z.string().regex(/^\d{2}:\d{2}$/) })).min(1).max(6),
  utcOffsetMin: z.int().min(-720).max(840),
  escalateAfterMin: z.array(z.number().positive()).max(8),
  minSev: z.enum(ALARM_SEVERITIES).optional(),
  areas: z.array(z.strictObject({ node: z.string().max(200), position: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/), people: z.record(z.string(), z.array(person).max(16)) })).max(500),
  contacts: z.record(person, z.strictObject({ name: z.string().max(64).optional(), email: z.email().optional(), phone: z.string().max(32).optional() })),
});
export type RosterFile = z.infer<typeof rosterFile>;
export type Contacts = RosterFile['contacts'];

export function loadRoster(file: string): { roster: Roster; contacts: Contacts } {
  const result = rosterFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!result.success) throw new Error(`roster ${file} is invalid: ${result.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const { contacts, ...roster } = result.data;
  return { roster, contacts };
}
