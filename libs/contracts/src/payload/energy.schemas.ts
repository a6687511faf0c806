/** Energy-family payloads by device type, then by `class[/sub]`: energy and gas meters, CEMS stack monitors, PV sites (domain.md §2.6). */
export const ENERGY_PAYLOADS = {} as const;
