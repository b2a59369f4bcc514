// The association matrix and PCD are computed in src/stats/association.ts, which generators may import too (kNNMTD's
// and GenerativeMTD's choice of k, GenerativeMTD's early stopping); the metrics read them from here.
export * from '../stats/association.js';
