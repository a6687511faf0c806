import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DEVICE_TYPES } from '@plantwatch/contracts';
import { PlantIndex, type PlantModel } from '@plantwatch/domain';
import { z } from 'zod';

const plantModelSchema = z.object({
  version: z.literal(1),
  name: z.string().max(200),
  nodes: z.record(z.string(), z.object({ name: z.string().max(200), nameZh: z.string().max(200).optional() })),
  devices: z.array(
    z.object({
      key: z.string().max(200),
      type: z.enum(DEVICE_TYPES),
      name: z.string().max(200),
      nameZh: z.string().max(200).optional(),
      via: z.string().max(200).optional(),
      secretSha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
  services: z.array(z.object({ name: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/), secretSha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});

/** Reads and validates a plant model JSON file; throws with the file name and the first problems. */
export async function loadPlantModel(file: string): Promise<PlantIndex> {
  const raw: unknown = JSON.parse(await readFile(file, 'utf8'));
  const result = plantModelSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`plant model ${file} is invalid: ${problems.join('; ')}`);
  }
  return new PlantIndex(result.data as PlantModel);
}

/** Device and service secrets, kept on the device/service side only (never in the plant model). */
export const secretsSchema = z.object({
  devices: z.record(z.string(), z.string().min(16)),
  services: z.record(z.string(), z.string().min(16)),
});
export type Secrets = z.infer<typeof secretsSchema>;

export async function loadSecrets(file: string): Promise<Secrets> {
  return secretsSchema.parse(JSON.parse(await readFile(file, 'utf8')));
}

/** Hex SHA-256 of a secret: secrets are random 256-bit tokens, so a fast hash is enough. */
export function hashSecret(secret: string | Buffer): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Constant-time check of a presented secret against a stored hash. */
export function secretMatches(presented: string | Buffer, secretSha256: string): boolean {
  const a = Buffer.from(hashSecret(presented), 'hex');
  const b = Buffer.from(secretSha256, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** MQTT username of a backend service. */
export function serviceUsername(name: string): string {
  return `svc-${name}`;
}
