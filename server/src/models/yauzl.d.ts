// The part of yauzl 3.x's API that zipModel.ts uses (the package ships no type declarations).
declare module 'yauzl' {
  export interface Entry {
    fileName: string;
    compressedSize: number;
    uncompressedSize: number;
    compressionMethod: number;
    relativeOffsetOfLocalHeader: number;
    isEncrypted(): boolean;
  }
  export interface ZipFile {
    entryCount: number;
    eachEntry(): AsyncIterableIterator<Entry>;
    readLocalFileHeaderPromise(entry: Entry, options: { minimal: true }): Promise<{ fileDataStart: number }>;
    close(): void;
  }
  export interface Options {
    lazyEntries?: boolean;
    autoClose?: boolean;
    decodeStrings?: boolean;
    validateEntrySizes?: boolean;
    strictFileNames?: boolean;
  }
  export function fromFdPromise(fd: number, options?: Options): Promise<ZipFile>;
}
