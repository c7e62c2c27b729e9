// Aula viewer entry point: boot (viewer.md §3), shell (navbar, banners, router) and language.
// Loaded by index.html as <script type="module" src="js/app.js">: no inline script anywhere.

import { t, setLang, getLang, readSavedLang, saveLang, onLangChange } from './i18n.js';
import { storage } from './storage.js';
import { loadBootstrap, loadProgress, ApiError, ENDPOINTS } from './api.js';
import { state } from './state.js';
import { initProgress, startProgressLifecycle } from './progress.js';
import { runMigration } from './migration.js';
import { mountSaveState } from './ui/savestate.js';
import { createRouter, navKeyFor } from './router.js';
import { createNavbar } from './ui/navbar.js';
import { spinner, fatalScreen, warningBanner, renderErrorBlock } from './ui/status.js';
import home from './views/home.js';
import explore from './views/explore.js';
import learning from './views/learning.js';
import route from './views/route.js';
import course from './views/course.js';
import player from './views/player.js';

const VIEWS = { home, explore, learning, route, course, player };
const RETURN_REFRESH_MS = 5 * 60 * 1000; // a tab hidden this long re-checks the catalogue

const els = {
  root: document.documentElement,
  navbar: document.getElementById('navbar'),
  banners: document.getElementById('banner-area'),
  main: document.getElementById('main-content'),
  skip: document.querySelector('.skip-link'),
};

let router = null;
let navbar = null;
let booting = false;

function setDocumentTitle(viewTitle) {
  document.title = viewTitle ? t('app.titleSuffix', { view: viewTitle }) : t('app.name');
}

/** Static texts of index.html (data-i18n) and <html lang>. */
function applyStaticText() {
  els.root.lang = getLang();
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
}

function showLoading(text) {
  els.main.replaceChildren(spinner(text));
  els.main.setAttribute('aria-busy', 'true');
}

function setLoadingText(text) {
  const node = els.main.querySelector('.loading-text');
  if (node) node.textContent = text;
}

function focusMainHeading() {
  const h1 = els.main.querySelector('h1');
  if (h1) h1.focus({ preventScroll: true });
}

// ---------------------------------------------------------------------------------------------
// Warnings (banner with code and endpoint)

function renderBanners() {
  els.banners.replaceChildren(...state.warnings.map((w) => warningBanner(w.messageKey, w.error)));
}

function addWarning(messageKey, error) {
  if (state.warnings.some((w) => w.error.code === error.code)) return;
  state.warnings.push({ messageKey, error });
}

// ---------------------------------------------------------------------------------------------
// Fatal screen

function showFatal(error) {
  if (router) {
    router.stop();
    router = null;
  }
  if (navbar) navbar.close();
  els.navbar.hidden = true;
  els.banners.replaceChildren();
  els.main.removeAttribute('aria-busy');
  els.main.replaceChildren(fatalScreen(error, () => boot()));
  els.root.dataset.view = 'error';
  setDocumentTitle(t('view.error'));
  focusMainHeading();
}

// ---------------------------------------------------------------------------------------------
// Shell

function startShell() {
  if (!navbar) {
    navbar = createNavbar(els.navbar, {
      onLang: changeLanguage,
      inertTargets: () => [els.banners, els.main],
    });
    mountSaveState(els.navbar); // "kept in this browser" indicator (§6.3)
  } else {
    navbar.updateText();
  }
  els.navbar.hidden = false;
  renderBanners();
  router = createRouter({
    outlet: els.main,
    views: VIEWS,
    makeContext: (r) => ({ route: r, state, refresh: () => router && router.refresh() }),
    spinner: () => spinner(),
    renderError: () => ({ node: renderErrorBlock(), title: t('view.error') }),
    onRoute: (r) => navbar.setActive(navKeyFor(r)),
    setTitle: setDocumentTitle,
  });
  router.start();
}

function changeLanguage(lang) {
  if (!setLang(lang)) return;
  saveLang(storage, lang);
}

onLangChange(() => {
  applyStaticText();
  if (navbar) navbar.updateText();
  if (router) {
    renderBanners();
    router.refresh();
  } else if (els.root.dataset.view !== 'error') {
    setLoadingText(t('app.loading'));
  }
});

// ---------------------------------------------------------------------------------------------
// Boot

async function boot() {
  if (booting) return;
  booting = true;
  window.__aulaBootDone = false;
  try {
    els.navbar.hidden = !navbar || !router;
    showLoading(t('app.loading'));
    state.warnings = [];

    // Step 3 runs in parallel with step 2.
    const progressRead = loadProgress().then(
      (res) => ({ ok: true, data: res.data, etag: res.etag }),
      (error) => ({ ok: false, error }),
    );

    let result;
    try {
      result = await loadBootstrap({
        etag: state.bootstrap ? state.bootstrapEtag : null,
        onAttempt: (n, total) => {
          if (n > 1) setLoadingText(t('app.retrying', { n, total }));
        },
      });
    } catch (error) {
      showFatal(error);
      return;
    }
    if (!result.notModified) {
      state.bootstrap = result.data;
      state.bootstrapEtag = result.etag || null;
    }

    const server = await progressRead;
    if (!server.ok) addWarning('banner.progress', server.error);
    // Step 4: merge, store, and POST in the background when needed; positional keys are
    // linked to their courses now and migrated in the background (§6.4), then one POST.
    initProgress(server, { migrate: () => runMigration({ save: false }) })
      .catch((e) => console.warn('[aula] progress sync failed', e));

    els.main.removeAttribute('aria-busy');
    startShell(); // step 5
  } catch (err) {
    console.error('[aula] boot failed', err);
    // An unexpected failure while building the shell (for example a catalogue shape the views
    // cannot handle) still ends on the fatal screen rather than a blank page.
    try {
      showFatal(new ApiError('bootstrap', 'invalid_payload', ENDPOINTS.bootstrap, { cause: err }));
    } catch (e) {
      console.error('[aula] fatal screen failed', e);
    }
  } finally {
    booting = false;
    window.__aulaBootDone = true; // step 6, also after a fatal error
  }
}

// A tab that comes back after ≥ 5 minutes re-checks the catalogue (If-None-Match; 304 keeps it).
let hiddenAt = 0;
document.addEventListener('visibilitychange', async () => {
  if (document.visibilityState === 'hidden') {
    hiddenAt = Date.now();
    return;
  }
  if (!hiddenAt || Date.now() - hiddenAt < RETURN_REFRESH_MS || !router || !state.bootstrap) return;
  hiddenAt = 0;
  try {
    const res = await loadBootstrap({ etag: state.bootstrapEtag, tries: 1 });
    if (res.notModified) return;
    state.bootstrap = res.data;
    state.bootstrapEtag = res.etag || null;
    const current = router.currentRoute();
    if (!current || current.view !== 'player') router.refresh();
  } catch {
    /* keep the copy in memory */
  }
});

// The skip link must not change the hash (the router owns it): focus <main> directly.
if (els.skip) {
  els.skip.addEventListener('click', (e) => {
    e.preventDefault();
    const h1 = els.main.querySelector('h1');
    (h1 || els.main).focus();
  });
}

setLang(readSavedLang(storage));
applyStaticText();
startProgressLifecycle(); // pagehide / hidden-tab beacon, returning-tab refetch (§6.3)
boot();
