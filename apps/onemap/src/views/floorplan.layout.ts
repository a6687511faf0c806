import { s } from '../core/dom.js';
import { nameOf } from '../core/i18n.js';
import type { HierarchyNode } from '../core/plant.js';

/** Width of a floor plan in SVG units; rows stack downwards. */
export const PLAN_WIDTH = 1000;
const LABEL_W = 150;
const DOT = 12;

/** Elements of a laid-out line that change with live data. */
export interface PlannedLine {
  readonly line: HierarchyNode;
  readonly group: SVGGElement;
  readonly height: number;
  /** Device key → its status mark. */
  readonly marks: Map<string, SVGElement>;
  /** Text slots for badge values (kiln tMax, gateway south devices …). */
  readonly texts: Map<string, SVGTextElement>;
}

function hasType(line: HierarchyNode, type: string): boolean {
  const walk = (n: HierarchyNode): boolean => n.device?.type === type || n.children.some(walk);
  return walk(line);
}

function devicesOf(node: HierarchyNode): HierarchyNode[] {
  return node.device ? [node] : node.children.flatMap(devicesOf);
}

function dots(devices: readonly HierarchyNode[], x: number, y: number, width: number, marks: Map<string, SVGElement>): { g: SVGGElement; height: number } {
  const perRow = Math.max(1, Math.floor(width / DOT));
  const g = s('g');
  devices.forEach((d, i) => {
    const mark = s('circle', { cx: x + (i % perRow) * DOT + DOT / 2, cy: y + Math.floor(i / perRow) * DOT + DOT / 2, r: 4.5, class: 'dev', 'data-device': d.key }, s('title', null, nameOf(d)));
    marks.set(d.key, mark);
    g.append(mark);
  });
  return { g, height: Math.ceil(devices.length / perRow) * DOT };
}

/** A tunnel kiln as a long bar: preheat 40 %, firing 20 % in 8 zones, cooling 40 % (domain.md §2.1.1). */
function kilnRow(line: HierarchyNode, y: number): PlannedLine {
  const marks = new Map<string, SVGElement>();
  const texts = new Map<string, SVGTextElement>();
  const x0 = LABEL_W;
  const w = PLAN_WIDTH - LABEL_W - 10;
  const plc = devicesOf(line).find((d) => d.device?.type === 'tunnel-kiln');
  const bar = s('g', { class: 'kiln-bar', 'data-kiln': line.key });
  bar.append(s('rect', { x: x0, y, width: w * 0.4, height: 26, class: 'zone preheat' }));
  for (let z = 0; z < 8; z++) bar.append(s('rect', { x: x0 + w * (0.4 + z * 0.025), y, width: w * 0.025, height: 26, class: 'zone firing', 'data-zone': z + 1 }));
  bar.append(s('rect', { x: x0 + w * 0.6, y, width: w * 0.4, height: 26, class: 'zone cooling' }));
  const outlineRect = s('rect', { x: x0, y, width: w, height: 26, class: 'kiln-outline' });
  if (plc) marks.set(plc.key, outlineRect);
  bar.append(outlineRect);
  const info = s('text', { x: x0 + 6, y: y + 17, class: 'kiln-info' });
  texts.set('info', info);
  bar.append(info);
  const others = devicesOf(line).filter((d) => d !== plc);
  const row = dots(others, x0, y + 32, w, marks);
  const group = s('g', { class: 'plan-line', 'data-line': line.key }, s('text', { x: 4, y: y + 17, class: 'line-label' }, nameOf(line)), bar, row.g);
  return { line, group, height: 40 + row.height, marks, texts };
}

/** A 5G gateway group: each gateway a box with its south-device count. */
function gatewayRow(line: HierarchyNode, y: number): PlannedLine {
  const marks = new Map<string, SVGElement>();
  const texts = new Map<string, SVGTextElement>();
  const gws = devicesOf(line);
  const perRow = Math.max(1, Math.floor((PLAN_WIDTH - LABEL_W) / 110));
  const group = s('g', { class: 'plan-line', 'data-line': line.key }, s('text', { x: 4, y: y + 17, class: 'line-label' }, nameOf(line)));
  gws.forEach((gw, i) => {
    const x = LABEL_W + (i % perRow) * 110;
    const yy = y + Math.floor(i / perRow) * 36;
    const box = s('rect', { x, y: yy, width: 100, height: 30, rx: 4, class: 'dev gw', 'data-device': gw.key }, s('title', null, nameOf(gw)));
    const text = s('text', { x: x + 6, y: yy + 19, class: 'gw-text' });
    marks.set(gw.key, box);
    texts.set(gw.key, text);
    group.append(box, text);
  });
  return { line, group, height: Math.ceil(gws.length / perRow) * 36 + 6, marks, texts };
}

/** A production line as a chain of stations (cells), each with its devices as dots. */
function chainRow(line: HierarchyNode, y: number): PlannedLine {
  const marks = new Map<string, SVGElement>();
  const cells = line.children;
  const w = (PLAN_WIDTH - LABEL_W - 10) / Math.max(1, cells.length);
  const group = s('g', { class: 'plan-line', 'data-line': line.key }, s('text', { x: 4, y: y + 17, class: 'line-label' }, nameOf(line)));
  let height = 30;
  cells.forEach((cell, i) => {
    const x = LABEL_W + i * w;
    const row = dots(devicesOf(cell), x + 4, y + 20, w - 14, marks);
    height = Math.max(height, row.height + 26);
    group.append(s('text', { x: x + 4, y: y + 13, class: 'cell-label' }, nameOf(cell)), row.g);
    if (i > 0) group.append(s('path', { d: `M${x - 8},${y + 8} l6,4 l-6,4`, class: 'chain-arrow' }));
  });
  group.prepend(s('rect', { x: LABEL_W - 4, y: y - 2, width: PLAN_WIDTH - LABEL_W, height: height + 2, rx: 4, class: 'line-box' }));
  return { line, group, height: height + 8, marks, texts: new Map() };
}

/** Lays out one line by what it holds: kiln bar, gateway group, or station chain. */
export function layoutLine(line: HierarchyNode, y: number): PlannedLine {
  if (hasType(line, 'tunnel-kiln')) return kilnRow(line, y);
  if (devicesOf(line).every((d) => d.device?.type === 'gateway-5g')) return gatewayRow(line, y);
  return chainRow(line, y);
}
