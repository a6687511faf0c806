/** Discrete-family payloads by device type, then by `class[/sub]`: CNC/foundry/assembly/press-fit stations, test benches, AGVs (domain.md §2.5). */
export const DISCRETE_PAYLOADS = {} as const;
