/** A record the importer cannot accept: names the file, the line (or record number) and the reason. */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly reason: string,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${reason}`);
    this.name = 'ImportError';
  }
}
