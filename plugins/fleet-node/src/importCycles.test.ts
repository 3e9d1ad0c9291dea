/*
 * fleet-node's layering, checked: no file imports itself back through other
 * files, and no folder of the engine imports a folder that imports it back. A folder's
 * `types.ts` holds only types and imports only lower folders, so it counts
 * as its own layer (`kustomize/patch` may use `kustomize/types.ts` while
 * `kustomize` runs patches). Public barrels (`index.ts` that only
 * re-export, and the engine's `types.ts`) are the package surface, not a
 * layer, and tests sit beside their subject without forming one either.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = __dirname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Relative specifiers of every static import, re-export and dynamic import. */
function importsOf(text: string): string[] {
  const found: string[] = [];
  const pattern =
    /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s*'(\.[^']*)'|(?:^|\n)\s*import\s*'(\.[^']*)'|import\(\s*'(\.[^']*)'\s*\)/g;
  for (const m of text.matchAll(pattern)) found.push(m[1] ?? m[2] ?? m[3]);
  return found;
}

function resolveImport(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  for (const candidate of [
    `${base}.ts`,
    `${base}.tsx`,
    join(base, 'index.ts'),
  ]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this candidate
    }
  }
  return undefined;
}

const files = sourceFiles(ROOT);
const graph = new Map(
  files.map(file => [
    file,
    importsOf(readFileSync(file, 'utf8'))
      .map(spec => resolveImport(file, spec))
      .filter((f): f is string => f !== undefined),
  ]),
);

/** Strongly connected components with more than one node, or a self loop (Tarjan). */
function cycles(edges: Map<string, Set<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || edges.get(v)?.has(v))
        found.push(component.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return found;
}

const rel = (file: string) => relative(ROOT, file);
const isBarrel = (file: string) =>
  [
    'index.ts',
    'engine/index.ts',
    'engine/types.ts',
    'engine/yaml/index.ts',
  ].includes(rel(file));
const layerOf = (file: string) => {
  const dir = relative(ROOT, dirname(file)) || '.';
  return file.endsWith('/types.ts') ? `${dir}:types` : dir;
};

describe('fleet-node imports', () => {
  it('finds the imports it checks', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(
      graph.get(join(ROOT, 'engine/kustomize/buildKustomization.ts')),
    ).toContain(join(ROOT, 'engine/kustomize/transformers/runTransformers.ts'));
  });

  it('has no import cycle between files', () => {
    const edges = new Map(
      [...graph].map(([f, deps]) => [rel(f), new Set(deps.map(rel))]),
    );
    expect(cycles(edges)).toEqual([]);
  });

  it('has no import cycle between folders of the engine', () => {
    const edges = new Map<string, Set<string>>();
    for (const [file, deps] of graph) {
      if (isBarrel(file) || /\.test\.tsx?$/.test(file)) continue;
      if (!rel(file).startsWith('engine/')) continue;
      const from = layerOf(file);
      for (const dep of deps) {
        const to =
          isBarrel(dep) && rel(dep) !== 'engine/yaml/index.ts'
            ? undefined
            : layerOf(dep);
        if (to && to !== from) {
          if (!edges.has(from)) edges.set(from, new Set());
          edges.get(from)!.add(to);
        }
      }
    }
    expect(cycles(edges)).toEqual([]);
  });
});
