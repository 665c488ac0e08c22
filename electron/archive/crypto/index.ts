export * from './primitives.ts';
export { nativePrimitives } from './sodium-native.ts';
export { loadWasmPrimitives } from './sodium-wasm.ts';
