import type { HierarchyNode } from '../../../../libs/domain/src/plant/plant-model.js';

export type { HierarchyNode };

/** The plant hierarchy as the browser uses it: nodes by key, parents, devices of a type. */
export class PlantTree {
  private readonly byKey = new Map<string, HierarchyNode>();
  private readonly parentOf = new Map<string, string>();

  constructor(readonly name: string, readonly roots: readonly HierarchyNode[]) {
    const walk = (node: HierarchyNode, parent: string): void => {
      this.byKey.set(node.key, node);
      this.parentOf.set(node.key, parent);
      for (const child of node.children) walk(child, node.key);
    };
    for (const root of roots) walk(root, '');
  }

  node(key: string): HierarchyNode | undefined {
    return this.byKey.get(key);
  }

  parent(key: string): string | undefined {
    return this.parentOf.get(key);
  }

  /** Enterprise → … → key, for breadcrumbs. */
  path(key: string): HierarchyNode[] {
    const out: HierarchyNode[] = [];
    for (let k: string | undefined = key; k; k = this.parentOf.get(k)) {
      const node = this.byKey.get(k);
      if (node) out.unshift(node);
    }
    return out;
  }

  /** Every device node under a node (the node itself when it is a device). */
  devicesUnder(key: string): HierarchyNode[] {
    const start = this.byKey.get(key);
    const out: HierarchyNode[] = [];
    const walk = (node: HierarchyNode): void => {
      if (node.device) out.push(node);
      for (const child of node.children) walk(child);
    };
    if (start) walk(start);
    return out;
  }

  /** All sites (level `site`) of the plant. */
  sites(): HierarchyNode[] {
    return this.roots.flatMap((enterprise) => enterprise.children);
  }

  /** Distinct sites by slug: several enterprises can share one park. */
  deviceType(key: string): string | undefined {
    return this.byKey.get(key)?.device?.type;
  }

  /** The line key of a device key (`e/s/a/l/c/d` → `e/s/a/l`). */
  static lineOf(key: string): string {
    return key.split('/').slice(0, 4).join('/');
  }
}
