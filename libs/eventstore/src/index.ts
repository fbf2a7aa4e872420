export * from './event-store';
export * from './aggregate-repository';
export * from './outbox-relay';
export * from './upsert-if-newer';
export * from './keyed-lock';
export * from './transient-write';
export * from './insert-all-new';
export * from './recent-map';
