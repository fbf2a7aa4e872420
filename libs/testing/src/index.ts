export * from './api-client';
export * from './carnet-stack';
export * from './test-env';
