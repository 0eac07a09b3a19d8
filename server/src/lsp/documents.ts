// Open documents as the protocol sees them: notifications for one URI are handled strictly in order
// (a per-URI promise chain, since fetching settings is asynchronous), the latest version received is
// remembered so that stale results are never published, and each finished analysis is reported.
import { DocumentStore, DocumentAnalysis, ContentChange } from '../check/documentStore';
import type { Configuration } from './configuration';

export class OpenDocuments {
  private readonly queues = new Map<string, Promise<void>>();
  private readonly latest = new Map<string, number>();

  constructor(
    readonly store: DocumentStore,
    private readonly config: Configuration,
    private readonly onAnalyzed: (analysis: DocumentAnalysis) => void,
    private readonly onError: (message: string) => void,
  ) {}

  private enqueue(uri: string, job: () => Promise<void> | void): Promise<void> {
    const previous = this.queues.get(uri) ?? Promise.resolve();
    const next = previous.then(job).catch((e) => this.onError(`mlsec: ${uri}: ${(e as Error)?.stack ?? e}`));
    this.queues.set(uri, next);
    void next.then(() => {
      if (this.queues.get(uri) === next) this.queues.delete(uri);
    });
    return next;
  }

  open(uri: string, version: number, text: string): Promise<void> {
    this.latest.set(uri, version);
    return this.enqueue(uri, async () => {
      const { analysis } = await this.config.configFor(uri);
      this.report(this.store.open(uri, version, text, analysis));
    });
  }

  change(uri: string, version: number, changes: ContentChange[]): Promise<void> {
    const previous = this.latest.get(uri);
    if (previous === undefined) {
      // Not open (never opened, or closed): nothing to apply the change to, and no reason to
      // start treating the file as open (its workspace results would stop being published).
      this.onError(`mlsec: ${uri}: didChange for a document that is not open; ignored`);
      return Promise.resolve();
    }
    if (version <= previous) {
      // The client's buffer did change, so the change is applied all the same (skipping it would
      // leave our copy of the text behind the editor's); the version is only a label.
      this.onError(`mlsec: ${uri}: didChange version ${version} is not newer than ${previous}; applied anyway`);
    }
    this.latest.set(uri, version);
    return this.enqueue(uri, () => this.report(this.store.change(uri, version, changes)));
  }

  close(uri: string): Promise<void> {
    this.latest.delete(uri);
    return this.enqueue(uri, () => this.store.close(uri));
  }

  /** Re-reads the configuration and re-analyses when it changed. */
  refresh(uri: string): Promise<void> {
    return this.enqueue(uri, async () => {
      if (!this.store.has(uri)) return;
      const { analysis } = await this.config.configFor(uri);
      this.report(this.store.reconfigure(uri, analysis));
    });
  }

  refreshAll(): Promise<void> {
    return Promise.all(this.uris().map((u) => this.refresh(u))).then(() => undefined);
  }

  /** The analysis of `uri` once every notification received so far has been handled. */
  async settled(uri: string): Promise<DocumentAnalysis | undefined> {
    await this.queues.get(uri);
    return this.store.get(uri);
  }

  isOpen(uri: string): boolean {
    return this.latest.has(uri);
  }

  uris(): string[] {
    return [...this.latest.keys()];
  }

  /** True when `analysis` is of the latest version received for its document. */
  isLatest(analysis: DocumentAnalysis): boolean {
    return this.latest.get(analysis.uri) === analysis.version;
  }

  private report(analysis: DocumentAnalysis | undefined): void {
    if (analysis && this.isLatest(analysis)) this.onAnalyzed(analysis);
  }
}
