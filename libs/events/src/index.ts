export * from './envelope';
export * from './contact-events';
export * from './tenant-events';
export * from './billing-events';
export * from './topics';
