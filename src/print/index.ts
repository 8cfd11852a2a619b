/**
 * The invoice print: Base's PDF stamped with the QR codes, the KSeF number and the state. The page
 * shown when no PDF can be had is src/ui/print/Print.tsx.
 */
export * from './layout';
export * from './stamp';
export * from './status';
export * from './text';
