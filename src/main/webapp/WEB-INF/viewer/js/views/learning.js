// Learning view #learning — shell placeholder. The full view (viewer.md §4 "Learning": stat
// cards, global bar, "En curso" / "Terminadas" progress cards, empty state) comes with the full
// viewer issue; state.progress already holds the merged progress map.

import { h } from '../ui/dom.js';
import { t } from '../i18n.js';
import { viewTitle, comingSoon } from '../ui/status.js';

export default {
  name: 'learning',
  async render() {
    const node = h('div', { class: 'view view-learning' },
      h('header', { class: 'page-header' }, viewTitle(t('learning.title'))),
      comingSoon('learning.soon'));
    return { node, title: t('view.learning') };
  },
};
