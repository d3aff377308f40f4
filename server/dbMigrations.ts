// Index changes that createIndexes() cannot make by itself: it never drops an index, and creating
// an index with the key of an existing one under other options fails. Runs before syncIndexes.
import mongoose from 'mongoose';

/** Indexes that an earlier version built and this one must not keep (collection -> index names). */
const OBSOLETE_INDEXES: Record<string, string[]> = {
  // Issue 11: the unique (kind, number) index locked the real owner out behind any earlier false
  // claim. Uniqueness of VERIFIED rights now lives in the verifiedrights collection.
  ipassets: ['kind_1_number_1'],
};

export async function dropObsoleteIndexes(): Promise<void> {
  const db = mongoose.connection.db;
  if (!db) return;
  for (const [collection, names] of Object.entries(OBSOLETE_INDEXES)) {
    let existing: { name?: string }[];
    try {
      existing = await db.collection(collection).indexes();
    } catch {
      continue; // the collection does not exist yet
    }
    for (const name of names) {
      if (existing.some((i) => i.name === name)) await db.collection(collection).dropIndex(name);
    }
  }
}
