/** The invoice print: stamping Base's PDF and the fallback printable summary. */
export * from './layout';
export * from './stamp';
export * from './status';
export * from './summary';
export * from './text';
