// The embedded database as scripts/ferretdb/build.sh builds it: FerretDB 1.24's SQLite backend with
// its lookups by _id changed to use the table's unique _id index (upstream compares another
// expression, so SQLite scanned the table). Checked on a real FerretDB with the mongodb driver:
// SQLite's own query plan (FerretDB's explain) names the index, for _id alone and for _id with
// other conditions (the conditional updates of services/workflow.ts), and the answers are those of
// MongoDB: the other conditions still filter, updates and deletes touch exactly the document named.
import path from 'node:path';
import { expect } from 'chai';
import mongoose from 'mongoose';
import { ensureFerretBinary, startEmbeddedDb, type EmbeddedDb } from '../../server/embeddedDb';
import { track } from '../helpers/children';
import { tempDir } from '../helpers/stack';

const { MongoClient, ObjectId } = mongoose.mongo; // the driver Mongoose ships
type Document = mongoose.mongo.Document;

describe('embedded database: lookups by _id use the _id index (scripts/ferretdb/build.sh)', function () {
  this.timeout(120_000);
  let db: EmbeddedDb;
  let client: mongoose.mongo.MongoClient;
  const ids = Array.from({ length: 2000 }, () => new ObjectId());
  const coll = () => client.db('hegang_idindex').collection('things');

  before(async () => {
    const bin = ensureFerretBinary(() => undefined, process.env.FERRETDB_BIN);
    db = await startEmbeddedDb({ bin, dataDir: path.join(tempDir('idindex'), 'db'), database: 'hegang_idindex', backend: { handler: 'sqlite' } });
    track(db.process);
    client = await MongoClient.connect(db.uri, { serverSelectionTimeoutMS: 10_000 });
    await coll().insertMany(ids.map((_id, i) => ({ _id, n: i, status: i % 2 ? 'ODD' : 'EVEN' })));
  });

  after(async () => {
    await client?.close();
    await db?.stop();
  });

  /** The SQLite query plan FerretDB reports for a find with `filter`. */
  async function plan(filter: Document): Promise<{ pushdown: boolean; steps: string[] }> {
    const res = await client.db('hegang_idindex').command({ explain: { find: 'things', filter } });
    const planner = res.queryPlanner as Document;
    return { pushdown: res.filterPushdown === true, steps: (planner.Plan ?? planner.plan ?? Object.values(planner)).flat().map(String) };
  }

  it('a find by _id alone and by _id with other conditions is a SEARCH on the _id index, not a SCAN', async () => {
    const late = ids[ids.length - 1]!;
    for (const filter of [{ _id: late }, { _id: late, status: 'ODD' }]) {
      const p = await plan(filter);
      expect(p.pushdown, JSON.stringify(filter)).to.equal(true);
      expect(p.steps.join('\n'), JSON.stringify(filter)).to.match(/SEARCH \S+ USING INDEX \S+__id_/);
    }
    // A range on _id is not narrowed in SQL (only equality is): the plan is a scan, the answer still right.
    expect((await plan({ _id: { $gte: late } })).pushdown).to.equal(false);
    expect(await coll().countDocuments({ _id: { $gte: late } })).to.equal(1);
  });

  it('the other conditions still filter, and updates and deletes touch exactly the document named', async () => {
    const odd = ids[1999]!; // n = 1999: ODD
    expect(await coll().findOne({ _id: odd, status: 'EVEN' })).to.equal(null);
    expect((await coll().findOne({ _id: odd, status: 'ODD' }))?.n).to.equal(1999);
    expect((await coll().findOne({ _id: odd, n: { $lt: 10 } }))).to.equal(null);

    const missed = await coll().updateOne({ _id: odd, status: 'EVEN' }, { $set: { status: 'MOVED' } });
    expect(missed.matchedCount).to.equal(0);
    const hit = await coll().updateOne({ _id: odd, status: 'ODD' }, { $set: { status: 'MOVED' } });
    expect([hit.matchedCount, hit.modifiedCount]).to.deep.equal([1, 1]);
    const before = await coll().findOneAndUpdate({ _id: ids[1998]!, status: 'EVEN' }, { $inc: { n: 1 } }, { returnDocument: 'before' });
    expect(before?.n).to.equal(1998);
    expect(await coll().countDocuments({ status: 'MOVED' })).to.equal(1);
    expect((await coll().findOne({ _id: ids[1998]! }))?.n).to.equal(1999);

    expect((await coll().deleteOne({ _id: ids[5]!, status: 'EVEN' })).deletedCount).to.equal(0);
    expect((await coll().deleteOne({ _id: ids[5]!, status: 'ODD' })).deletedCount).to.equal(1);
    expect(await coll().countDocuments({})).to.equal(1999);
    expect(await coll().findOne({ _id: ids[5]! })).to.equal(null);
    expect((await coll().findOne({ _id: ids[4]! }))?.n).to.equal(4);
  });
});
