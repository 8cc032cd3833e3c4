// lz4js ships no types; only the frame decoder is used.
declare module 'lz4js' {
  export function decompress(src: Uint8Array, maxSize?: number): Uint8Array;
  export function decompressBound(src: Uint8Array): number;
  export function compress(src: Uint8Array, maxSize?: number): Uint8Array;
}
