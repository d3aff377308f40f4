// What the commands that work on the API's database share (recompute-indicators,
// rebuild-financing-summaries): they start no database, so MONGODB_URI must name the one the API
// uses; they connect, run, disconnect, and exit with the code the body returns (2 when it throws).
import '../models';
import { connectDb, disconnectDb } from '../server/db';

export function runDbCommand(name: string, args: string, body: () => Promise<number>): void {
  const main = async (): Promise<number> => {
    const uri = process.env.MONGODB_URI;
    if (!uri) {
      console.error(
        'MONGODB_URI is not set. This command starts no database: point it at the one the API uses, e.g.\n' +
          `  MONGODB_URI=mongodb://127.0.0.1:27017/hegang npm run ${name}${args ? ` ${args}` : ''}\n` +
          '(the embedded FerretDB logs its URI at server start-up).',
      );
      return 2;
    }
    await connectDb(uri, Number(process.env.DB_TIMEOUT_MS ?? 5000));
    try {
      return await body();
    } finally {
      await disconnectDb();
    }
  };
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(`${name} failed:`, err instanceof Error ? err.message : err);
      process.exit(2);
    },
  );
}
