// Which PlexGeo server the panel shows, remembered across visits in localStorage.

import type { Entry } from "../types.js";

export const ENTRY_STORAGE_KEY = "plexgeo.entry_id";

/** The entry to show: the remembered one when it still exists, else the first. */
export function chooseEntry(entries: readonly Entry[], remembered: string | null): Entry | undefined {
  return entries.find((e) => e.entry_id === remembered) ?? entries[0];
}

export function readStorage(): string | null {
  try {
    return window.localStorage.getItem(ENTRY_STORAGE_KEY);
  } catch {
    // Storage can be disabled (private mode, strict cookie settings): just don't remember.
    return null;
  }
}

export function writeStorage(entryId: string): void {
  try {
    window.localStorage.setItem(ENTRY_STORAGE_KEY, entryId);
  } catch {
    // See readStorage.
  }
}
