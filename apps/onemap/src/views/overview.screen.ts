import type { LiveView } from '@plantwatch/contracts';
import { h, s, setAttr, setText } from '../core/dom.js';
import { formatAge } from '../core/format.js';
import { nameOf, t } from '../core/i18n.js';
import type { HierarchyNode } from '../core/plant.js';
import { RollupBadges } from '../widgets/rollup-badges.js';
import { MAP_SIZE, outline, sitePosition } from './shanxi-map.js';
import { nodeRoute, type Screen, type ScreenContext } from './screen.js';

interface SiteParts {
  readonly node: HierarchyNode;
  readonly badges: RollupBadges;
  readonly age: HTMLElement;
  readonly marker: SVGCircleElement;
  readonly name: HTMLElement;
}

/**
 * Overview: every site on one screen — a schematic map of Shanxi with a status marker per site,
 * and a card per site with its live roll-up (devices online/stale/offline, alarms by priority,
 * output and energy). Click a site to drill down.
 */
export class OverviewScreen implements Screen {
  readonly liveView: LiveView = { kind: 'overview' };
  readonly nodeKey = '';
  private readonly sites: SiteParts[] = [];

  constructor(private readonly ctx: ScreenContext) {}

  mount(root: HTMLElement): void {
    const map = s('svg', { viewBox: `0 0 ${MAP_SIZE.width} ${MAP_SIZE.height}`, class: 'map', role: 'img', 'aria-label': t('overview') }, outline());
    const cards = h('div', { class: 'site-cards' });
    const spots = new Map<string, number>();
    this.ctx.plant.sites().forEach((site, index) => {
      const spotKey = site.slug.split('-')[0] ?? site.slug;
      const same = spots.get(spotKey) ?? 0;
      spots.set(spotKey, same + 1);
      const pos = sitePosition(site.slug, index, same);
      const go = (): void => this.ctx.navigate(nodeRoute(site.key));
      const marker = s('circle', { cx: pos.x, cy: pos.y, r: 9, class: 'site-marker', 'data-site-marker': site.key, onClick: go });
      map.append(s('g', null, marker, s('text', { x: pos.x + 12, y: pos.y + 4, class: 'site-label' }, nameOf(site))));
      const badges = new RollupBadges();
      const name = h('h3', null, nameOf(site));
      const age = h('span', { class: 'age' });
      cards.append(h('button', { class: 'card site-card', 'data-site': site.key, onClick: go }, name, h('div', { class: 'enterprise' }, nameOf(this.ctx.plant.node(site.key.split('/')[0] ?? ''))), badges.el, age));
      this.sites.push({ node: site, badges, age, marker, name });
    });
    root.append(h('section', { class: 'overview' }, h('figure', { class: 'map-box' }, map, h('figcaption', null, t('schematic'))), cards));
  }

  render(now: number): void {
    for (const site of this.sites) {
      const entry = this.ctx.live.nodes.get(site.node.key);
      site.badges.update(entry?.value);
      setText(site.name, nameOf(site.node));
      setText(site.age, entry ? `↻ ${formatAge(now - entry.receivedAt)}` : t('noData'));
      setAttr(site.marker, 'data-state', markerState(entry?.value));
    }
  }
}

function markerState(rollup: { alarms: { critical: number; high: number }; offline: number; stale: number; online: number } | undefined): string {
  if (!rollup) return 'unknown';
  if (rollup.alarms.critical > 0) return 'critical';
  if (rollup.alarms.high > 0) return 'high';
  if (rollup.offline > 0 || rollup.stale > 0) return 'degraded';
  return rollup.online > 0 ? 'ok' : 'unknown';
}
