/** One segment of a shuttle-kiln firing programme (domain.md §2.2). */
export type ShuttleSegment =
  | { readonly kind: 'ramp' | 'cool'; readonly toC: number; readonly ratePerH: number }
  | { readonly kind: 'soak'; readonly hours: number };

/** A ramp/soak/cool programme of the segment controller. */
export interface ShuttleProgram {
  readonly name: string;
  readonly startC: number;
  readonly segments: readonly ShuttleSegment[];
}

const ramp = (toC: number, ratePerH: number): ShuttleSegment => ({ kind: 'ramp', toC, ratePerH });
const cool = (toC: number, ratePerH: number): ShuttleSegment => ({ kind: 'cool', toC, ratePerH });
const soak = (hours: number): ShuttleSegment => ({ kind: 'soak', hours });

/**
 * The §2.2 typical programmes [E] (furnace-gas setpoint rates). Totals: fireclay ≈ 52 h,
 * high-alumina II ≈ 75 h, mullite ≈ 89 h, silica ≈ 12 days, calcined kaolin ≈ 25 h ("natural"
 * cooling modelled as 120 °C/h with the cooling fan).
 */
export const SHUTTLE_PROGRAMS: Readonly<Record<string, ShuttleProgram>> = {
  'FC-1350': { name: 'FC-1350', startC: 20, segments: [ramp(200, 30), ramp(600, 50), ramp(1100, 70), ramp(1350, 50), soak(5), cool(1000, 70), cool(600, 70), cool(100, 50)] },
  'HA2-1480': { name: 'HA2-1480', startC: 20, segments: [ramp(200, 25), soak(2), ramp(600, 40), ramp(1200, 60), ramp(1480, 35), soak(8), cool(1000, 60), cool(600, 50), cool(100, 40)] },
  'MU-1650': { name: 'MU-1650', startC: 20, segments: [ramp(200, 25), ramp(600, 40), ramp(1200, 60), ramp(1650, 25), soak(10), cool(1000, 50), cool(600, 50), cool(100, 40)] },
  'SI-1450': { name: 'SI-1450', startC: 20, segments: [ramp(200, 10), ramp(600, 12), ramp(1100, 18), ramp(1450, 6), soak(36), cool(1000, 18), cool(600, 15), cool(100, 8)] },
  'CK-1050': { name: 'CK-1050', startC: 20, segments: [ramp(200, 80), ramp(600, 60), ramp(1050, 80), soak(3), cool(100, 120)] },
};

/** Names `set-program` accepts. */
export const SHUTTLE_PROGRAM_NAMES = Object.keys(SHUTTLE_PROGRAMS);

/** Duration of segment `i` of `program` at its nominal rate [ms]. */
export function segmentMs(program: ShuttleProgram, i: number): number {
  const seg = program.segments[i];
  if (seg === undefined) return 0;
  if (seg.kind === 'soak') return seg.hours * 3_600_000;
  return (Math.abs(seg.toC - segmentStartC(program, i)) / seg.ratePerH) * 3_600_000;
}

/** Setpoint at the start of segment `i` [°C]. */
export function segmentStartC(program: ShuttleProgram, i: number): number {
  let t = program.startC;
  for (let s = 0; s < i; s++) {
    const seg = program.segments[s];
    if (seg !== undefined && seg.kind !== 'soak') t = seg.toC;
  }
  return t;
}

/** Nominal programme length [ms]. */
export function programMs(program: ShuttleProgram): number {
  return program.segments.reduce((total, _, i) => total + segmentMs(program, i), 0);
}
