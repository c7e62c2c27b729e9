// Explore view #explore — shell placeholder. The full view (viewer.md §4 "Explore": #explore-search
// with a 200 ms debounce, category chips, #explore-count live region, #explore-results) comes
// with the full viewer issue.

import { h } from '../ui/dom.js';
import { t } from '../i18n.js';
import { viewTitle, comingSoon } from '../ui/status.js';

export default {
  name: 'explore',
  async render() {
    const node = h('div', { class: 'view view-explore' },
      h('header', { class: 'page-header' }, viewTitle(t('explore.title'))),
      comingSoon('explore.soon'));
    return { node, title: t('view.explore') };
  },
};
