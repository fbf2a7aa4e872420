export * from './document-language';
export * from './format-amount';
