/** KOD I / KOD II links, signatures and rendering (docs/ksef-protocol.md §6). Pure: no extension APIs. */
export * from './base64url';
export { hasGlyph } from './font5x7';
export * from './hosts';
export * from './kod1';
export * from './kod2';
export * from './labels';
export * from './matrix';
export * from './png';
export * from './svg';
