// Progress ring (viewer.md §4 "Course" sidebar, "Learning" cards): an SVG circle drawn with
// pathLength = 100, so the dash offset is simply 100 − p. The whole ring is one image for
// assistive technology (role=img, "{p} % completado"); the number inside is decorative.
// No inline styles: the offset is an SVG presentation attribute.

import { h, svg } from './dom.js';
import { t } from '../i18n.js';

/**
 * ring(pct, {size:'lg'|'sm', label}) → <span class="ring ring-lg" role="img" aria-label="…">
 * `pct` is clamped to 0–100 and rounded; `label` overrides the accessible name.
 */
export function ring(pct, { size = 'lg', label } = {}) {
  const p = Math.max(0, Math.min(100, Math.round(Number(pct) || 0)));
  const name = label || t('course.ring', { p });
  return h('span', {
    class: ['ring', `ring-${size}`, p >= 100 ? 'is-done' : null],
    role: 'img',
    'aria-label': name,
    'data-pct': String(p),
  },
  svg('svg', { class: 'ring-svg', viewBox: '0 0 36 36', 'aria-hidden': 'true', focusable: 'false' },
    svg('circle', { class: 'ring-track', cx: '18', cy: '18', r: '15.5', pathLength: '100' }),
    svg('circle', {
      class: 'ring-value',
      cx: '18',
      cy: '18',
      r: '15.5',
      pathLength: '100',
      'stroke-dasharray': '100 100',
      'stroke-dashoffset': String(100 - p),
      transform: 'rotate(-90 18 18)',
    })),
  h('span', { class: 'ring-text', 'aria-hidden': 'true' }, t('course.percent', { p })));
}
