export * from './kafka-client';
export * from './kafka-event-publisher';
export * from './event-consumer';
export * from './envelope-guard';
export * from './event-sourcing.module';
