/** A rectangle on the one-map canvas (0…1000 × 0…1000, origin top-left). */
export interface LayoutRect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

interface TreeNode {
  readonly key: string;
  readonly children: Map<string, TreeNode>;
}

/** Fraction of a parent's cell left as margin around each child. */
const MARGIN = 0.06;
const CANVAS = 1000;

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Layout hints for the one map, derived from the plant hierarchy so every reader places nodes
 * the same way: each node (enterprise → … → device) gets a rectangle inside its parent's,
 * children packed in a near-square grid in model order. Deterministic; a proposed optional
 * `PlantModel.layout` field (docs/simulators.md), written beside plant.json until then.
 */
export function layoutHints(deviceKeys: readonly string[]): Record<string, LayoutRect> {
  const root: TreeNode = { key: '', children: new Map() };
  for (const key of deviceKeys) {
    let node = root;
    const parts = key.split('/');
    parts.forEach((_, depth) => {
      const nodeKey = parts.slice(0, depth + 1).join('/');
      let child = node.children.get(nodeKey);
      if (child === undefined) {
        child = { key: nodeKey, children: new Map() };
        node.children.set(nodeKey, child);
      }
      node = child;
    });
  }
  const out: Record<string, LayoutRect> = {};
  place(root, { x: 0, y: 0, w: CANVAS, h: CANVAS }, out);
  return out;
}

function place(node: TreeNode, rect: LayoutRect, out: Record<string, LayoutRect>): void {
  const children = [...node.children.values()];
  if (children.length === 0) return;
  const cols = Math.ceil(Math.sqrt((children.length * rect.w) / Math.max(rect.h, 1e-9)));
  const rows = Math.ceil(children.length / cols);
  const cw = rect.w / cols;
  const ch = rect.h / rows;
  children.forEach((child, i) => {
    const cell = { x: rect.x + (i % cols) * cw, y: rect.y + Math.floor(i / cols) * ch };
    const inner = { x: round(cell.x + cw * MARGIN), y: round(cell.y + ch * MARGIN), w: round(cw * (1 - 2 * MARGIN)), h: round(ch * (1 - 2 * MARGIN)) };
    out[child.key] = inner;
    place(child, inner, out);
  });
}
