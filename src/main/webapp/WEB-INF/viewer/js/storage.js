// Browser storage, always wrapped in try/catch (viewer.md §6.7). With storage blocked every
// call degrades to "nothing stored". No cookies, no IndexedDB.

function backend() {
  try {
    return globalThis.localStorage || null;
  } catch {
    return null; // SecurityError when storage is blocked
  }
}

export const storage = {
  getItem(key) {
    try {
      const s = backend();
      return s ? s.getItem(key) : null;
    } catch {
      return null;
    }
  },
  setItem(key, value) {
    try {
      const s = backend();
      if (!s) return false;
      s.setItem(key, String(value));
      return true;
    } catch {
      return false; // quota or blocked
    }
  },
  removeItem(key) {
    try {
      const s = backend();
      if (s) s.removeItem(key);
    } catch {
      /* ignore */
    }
  },
};

/** Parses a JSON value from storage; `fallback` on absence or any error. */
export function readJson(key, fallback = null) {
  const raw = storage.getItem(key);
  if (raw == null) return fallback;
  try {
    return JSON.parse(raw);
  } catch {
    return fallback;
  }
}

export function writeJson(key, value) {
  try {
    return storage.setItem(key, JSON.stringify(value));
  } catch {
    return false;
  }
}
