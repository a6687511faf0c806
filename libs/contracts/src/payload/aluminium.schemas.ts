/** Aluminium-family payloads by device type, then by `class[/sub]`: holding/melting furnaces, crucibles, degassers, filter boxes, DC casters, rod lines (domain.md §2.3). */
export const ALUMINIUM_PAYLOADS = {} as const;
