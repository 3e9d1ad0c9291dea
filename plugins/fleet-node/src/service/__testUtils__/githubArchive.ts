import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The repository's bundled example fleet. */
export const EXAMPLE_FLEET = path.resolve(
  __dirname,
  '../../../../../examples/fleet',
);

/**
 * GitHub's archive of the example fleet at `sha`, as the tarball endpoint
 * serves it: a gzipped tarball whose one top directory is
 * `<owner>-<repo>-<sha>`. `extra` adds or replaces files (path → text, or a
 * number of bytes of filler).
 */
export async function exampleFleetArchive(
  sha: string,
  extra: Record<string, number | string> = {},
): Promise<Buffer> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fleet-archive-'));
  const top = path.join(dir, `org-fleet-${sha.slice(0, 7)}`);
  await fs.cp(EXAMPLE_FLEET, top, { recursive: true });
  for (const [rel, content] of Object.entries(extra)) {
    await fs.mkdir(path.dirname(path.join(top, rel)), { recursive: true });
    await fs.writeFile(
      path.join(top, rel),
      typeof content === 'number' ? 'x'.repeat(content) : content,
    );
  }
  const archive = execFileSync(
    'tar',
    ['-czf', '-', '-C', dir, path.basename(top)],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  await fs.rm(dir, { recursive: true, force: true });
  return archive;
}
