/**
 * The kept session in IndexedDB: one record, written only while the user has "Keep my session on this device" on.
 * IndexedDB directly (no wrapper library): one database, one object store, one key — read, replace, delete.
 * Everything stays on this device; the database is deleted outright when the user turns keeping off or wipes.
 */
import type { BackendChoice, GenerateResult, OptionValues, PrivacyFilterMode, Schema } from '../../api/types.js';

const DB_NAME = 'localsynth-session';
const STORE = 'session';
const KEY = 'current';

/** Layout version of `StoredSession`; a record of another version is ignored (and replaced on the next save). */
export const SESSION_FORMAT = 1;

/** The generator settings of the page (see RunState). */
export interface StoredSettings {
  generatorId: string;
  options: OptionValues;
  rows: number | null;
  seed: number;
  /** Absent in sessions kept before it was a run setting. */
  backend?: BackendChoice;
  evaluate: boolean;
  /** In %. */
  holdoutPercent: number;
  privacyFilter: PrivacyFilterMode;
}

/** What is kept: the dataset's own bytes, the edited schema, the settings, the last result and a trained model. */
export interface StoredSession {
  format: typeof SESSION_FORMAT;
  /** When it was written, ms since the epoch. */
  savedAt: number;
  dataset: { name: string; bytes: ArrayBuffer } | null;
  /** The edited schema (target included), or null without a dataset. */
  schema: Schema | null;
  settings: StoredSettings;
  result: { value: GenerateResult; fileName: string; inputName: string } | null;
  /** A trained model's JSON (for generators that expose one), tagged with its generator. */
  model: { generatorId: string; json: unknown } | null;
}

/** False where this page may not use IndexedDB (some browsers under `file://`, some private windows). */
export function storageAvailable(): boolean {
  return typeof indexedDB !== 'undefined' && indexedDB !== null;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** Thrown by `open(false)` when there is no database: reading must not create one (off means nothing stored). */
class NoDatabase extends Error {}

function open(create: boolean): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    let missing = false;
    req.onupgradeneeded = () => {
      if (!create) {
        missing = true;
        req.transaction?.abort(); // the database is not created
        return;
      }
      req.result.createObjectStore(STORE);
    };
    req.onsuccess = () => {
      const db = req.result;
      // another tab deleting the database must not wait on this connection
      db.onversionchange = () => db.close();
      resolve(db);
    };
    req.onerror = (e) => {
      if (missing) {
        e.preventDefault();
        reject(new NoDatabase());
      } else reject(req.error ?? new Error('IndexedDB could not be opened'));
    };
    req.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  });
}

async function withStore<T>(mode: IDBTransactionMode, use: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open(mode === 'readwrite');
  try {
    const tx = db.transaction(STORE, mode);
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted (disk full?)'));
    });
    const [result] = await Promise.all([request(use(tx.objectStore(STORE))), done]);
    return result;
  } finally {
    db.close();
  }
}

/** The kept session, or null when nothing (or a record of another format) is stored. */
export async function readSession(): Promise<StoredSession | null> {
  let v: unknown;
  try {
    v = await withStore('readonly', (s) => s.get(KEY));
  } catch (e) {
    if (e instanceof NoDatabase) return null;
    throw e;
  }
  if (typeof v !== 'object' || v === null || (v as { format?: unknown }).format !== SESSION_FORMAT) return null;
  return v as StoredSession;
}

/** Replaces the kept session. */
export async function writeSession(s: StoredSession): Promise<void> {
  await withStore('readwrite', (store) => store.put(s, KEY));
}

/** Deletes the database: nothing of the session is left on the device. */
export function deleteSession(): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be deleted'));
    // resolves once other connections close (they close themselves on versionchange)
    req.onblocked = () => {};
  });
}

/** Bytes of each part, as shown to the user (the dataset exactly; the rest as UTF-8 JSON, which IndexedDB's copy tracks closely). */
export interface SessionSizes {
  dataset: number;
  schemaAndSettings: number;
  result: number;
  model: number;
  total: number;
}

function jsonBytes(v: unknown): number {
  if (v === null || v === undefined) return 0;
  return new TextEncoder().encode(JSON.stringify(v)).byteLength;
}

export function sessionSizes(s: StoredSession): SessionSizes {
  const dataset = s.dataset?.bytes.byteLength ?? 0;
  const schemaAndSettings = jsonBytes(s.schema) + jsonBytes(s.settings);
  const result = jsonBytes(s.result);
  const model = jsonBytes(s.model);
  return { dataset, schemaAndSettings, result, model, total: dataset + schemaAndSettings + result + model };
}

/** 1536 → "1.5 KiB" (binary units, one decimal below 10 of a unit). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}
