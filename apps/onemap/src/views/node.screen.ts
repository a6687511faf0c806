import type { LiveView } from '@plantwatch/contracts';
import { h, setText } from '../core/dom.js';
import { nameOf } from '../core/i18n.js';
import type { HierarchyNode } from '../core/plant.js';
import { RollupBadges } from '../widgets/rollup-badges.js';
import { nodeRoute, type Screen, type ScreenContext } from './screen.js';

/**
 * A node's children as tiles with their roll-ups (a site's areas, an enterprise's sites, a
 * cell's devices): the step between the overview and a floor plan.
 */
export class NodeScreen implements Screen {
  readonly liveView: LiveView;
  private readonly tiles: Array<{ node: HierarchyNode; badges: RollupBadges; name: HTMLElement; status?: HTMLElement }> = [];

  constructor(
    private readonly ctx: ScreenContext,
    readonly nodeKey: string,
  ) {
    this.liveView = { kind: 'node', node: nodeKey };
  }

  mount(root: HTMLElement): void {
    const node = this.ctx.plant.node(this.nodeKey);
    const grid = h('div', { class: 'tiles' });
    for (const child of node?.children ?? []) {
      const badges = new RollupBadges();
      const name = h('h3', null, nameOf(child));
      const status = child.device ? h('span', { class: 'status' }) : undefined;
      grid.append(h('button', { class: 'card tile', 'data-node': child.key, onClick: () => this.ctx.navigate(nodeRoute(child.key)) }, name, child.device ? status : badges.el));
      this.tiles.push({ node: child, badges, name, ...(status ? { status } : {}) });
    }
    root.append(h('section', { class: 'node-screen' }, grid));
  }

  render(): void {
    for (const tile of this.tiles) {
      setText(tile.name, nameOf(tile.node));
      if (tile.status) {
        const status = this.ctx.live.devices.get(tile.node.key)?.value.status ?? 'unknown';
        setText(tile.status, status);
        tile.status.dataset['state'] = status;
      } else tile.badges.update(this.ctx.live.nodes.get(tile.node.key)?.value);
    }
  }
}
