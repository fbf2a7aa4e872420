// The ClientAccount domain: pure state, evolve and decisions, with no Nest, database or clock.
export * from './billing.error';
export * from './client-account.events';
export * from './client-account.state';
export * from './invoice-content';
export * from './create-invoice.decide';
export * from './update-invoice.decide';
export * from './send-invoice.decide';
export * from './record-payment.decide';
export * from './void-invoice.decide';
export * from './grant-credit.decide';
export * from './apply-credit.decide';
export * from './invoice.view';
