/**
 * The engine's version, written into every output manifest so that parts made by different
 * versions are never merged. Kept equal to `package.json`'s version (a test checks it).
 */
export const ENGINE_VERSION = '0.1.0';
