export * from './document-language';
export * from './format-amount';
export * from './statement-words';
export * from './format-date';
