// `npm test` stops every process it started, also when a test fails or the run ends abruptly: a tiny
// mocha run in a child process starts a server (with its embedded FerretDB) and fails, or calls
// process.exit mid-test; afterwards neither the server nor its FerretDB runs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { projectRoot } from '../../server/paths';
import { tempDir } from '../helpers/stack';
import { track } from '../helpers/children';
import { isRunning, waitForExit } from '../helpers/process';

function runLeakyMocha(mode: 'fail' | 'exit', dir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = track(
      spawn(
        process.execPath,
        [
          path.join(projectRoot, 'node_modules/mocha/bin/mocha.js'),
          '--no-config',
          '--require', 'dist/test/helpers/hooks.js',
          '--exit',
          'dist/test/fixtures/leaky.fixture.js',
        ],
        {
          cwd: projectRoot,
          env: { ...process.env, LEAKY_MODE: mode, LEAKY_DATA_DIR: path.join(dir, 'data'), LEAKY_PIDS: path.join(dir, 'pids.json') },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      ),
    );
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the child mocha run did not end within 90 s:\n${output}`));
    }, 90_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('every process a test starts is stopped when the run ends', function () {
  this.timeout(120_000);

  for (const [mode, how] of [
    ['fail', 'a test fails without stopping its server'],
    ['exit', 'the run ends with process.exit in the middle of a test'],
  ] as const) {
    it(`${how}: no server and no FerretDB of that run remains`, async () => {
      const dir = tempDir(`cleanup-${mode}`);
      try {
        const { code, output } = await runLeakyMocha(mode, dir);
        expect(code, output).to.equal(mode === 'fail' ? 1 : 3);
        const pids = JSON.parse(fs.readFileSync(path.join(dir, 'pids.json'), 'utf8')) as { server: number; ferretdb: number };
        for (const [name, pid] of Object.entries(pids)) {
          const gone = await waitForExit(pid, 10_000);
          if (!gone) process.kill(pid, 'SIGKILL'); // do not leak it from this run either
          expect(gone, `${name} (pid ${pid}) still running after the run ended`).to.equal(true);
        }
        expect(isRunning(pids.server)).to.equal(false);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
