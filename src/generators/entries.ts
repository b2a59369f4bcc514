/**
 * The registry's list: one line per generator folder. Adding a generator is its folder plus one line here; the
 * order users see is derived in registry.ts, not from this file (a module namespace lists its exports by name).
 */
export { default as bootstrap } from './bootstrap/index.js';
export { default as cart } from './cart/index.js';
export { default as copula } from './copula/index.js';
export { default as ctgan } from './ctgan/index.js';
export { default as distfit } from './distfit/index.js';
export { default as gmm } from './gmm/index.js';
export { default as gmtd } from './gmtd/index.js';
export { default as kde } from './kde/index.js';
export { default as knnmtd } from './knnmtd/index.js';
export { default as mst } from './mst/index.js';
export { default as smote } from './smote/index.js';
export { default as tvae } from './tvae/index.js';
