import type { Collection, Document } from 'mongodb';
import { writeErrorsOf } from './write-errors';

interface Waiting<T> {
  doc: T;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** An insert of one document that failed on its own, with the server's code (11000: duplicate key). */
export class DocumentWriteError extends Error {
  constructor(message: string, readonly code: number | undefined) {
    super(message);
    this.name = 'DocumentWriteError';
  }
}

/**
 * Group commit: callers insert one document each, and the documents that arrive while an insert
 * is in flight go together in the next `insertMany` (unordered). Alone, a document is sent at once,
 * so nothing waits for company; under load, one round trip and one database transaction carry
 * many. Each caller hears about its own document only: a duplicate key rejects that one with a
 * DocumentWriteError of code 11000, the others are stored.
 */
export class GroupedInsert<T extends Document> {
  private queue: Waiting<T>[] = [];
  private sending = false;

  constructor(private readonly collection: Collection<T>, private readonly maxBatch = 500) {}

  insert(doc: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ doc, resolve, reject });
      if (!this.sending) void this.send();
    });
  }

  private async send(): Promise<void> {
    this.sending = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        await this.collection.insertMany(batch.map((w) => w.doc) as never[], { ordered: false });
        for (const w of batch) w.resolve();
      } catch (e) {
        // A failure that is not per document (a lost connection) is every document's.
        const errors = writeErrorsOf(e);
        if (errors.length === 0) {
          for (const w of batch) w.reject(e);
          continue;
        }
        const failed = new Map(errors.map((w) => [w.index, w]));
        batch.forEach((w, i) => {
          const err = failed.get(i);
          if (err) w.reject(new DocumentWriteError(err.errmsg ?? `insert into ${this.collection.collectionName} failed`, err.code));
          else w.resolve();
        });
      }
    }
    this.sending = false;
  }
}
