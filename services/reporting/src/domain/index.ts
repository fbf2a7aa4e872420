export * from './client-ledger';
export * from './fiscal-year';
export * from './ledger-amounts';
export * from './client-summary';
export * from './client-statement';
