// The Electron stand-in for the end-to-end tests: see ./standin.ts for the design and its limits.
export * from './standin';
export * from './launch';
export * from './shell';
export * from './files';
