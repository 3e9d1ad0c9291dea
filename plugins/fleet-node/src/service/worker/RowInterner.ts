/*
 * Matrix rows arrive from the worker as copies: the structured clone keeps
 * shared references within one message only, and writes every string anew,
 * so 19k rows carry 19k copies of "dev", "apps/v1", each file path and each
 * chain of kustomization entries (`via`), which the worker's heap held once.
 * The interner gives every row the first copy of each of them it saw during
 * one resolve: fewer, older objects for the main thread's garbage collector
 * to mark on every major collection, and less heap.
 */
import type {
  FleetObjectSummary,
  FleetSourceRef,
} from '@flux-fleet/backstage-plugin-fleet-common';

/** Shares equal strings, source refs and `via` chains between the rows of one model. */
export class RowInterner {
  readonly #strings = new Map<string, string>();
  // by file, then line: a lookup hashes the received file name, it builds no key
  readonly #refs = new Map<string, Map<number, FleetSourceRef>>();
  // a trie over interned refs: a chain is found by identity, entry by entry
  readonly #chains: ChainNode = { next: new Map() };

  /**
   * `row` with its strings, `source` and `via` replaced by equal ones seen
   * before. The row is changed in place (it was just received and nobody
   * else holds it) and returned.
   */
  row<T extends FleetObjectSummary>(row: T): T {
    const s = this.#string;
    row.cluster = s(row.cluster);
    row.apiVersion = s(row.apiVersion);
    row.kind = s(row.kind);
    row.name = s(row.name);
    row.fluxKustomization = s(row.fluxKustomization);
    if (row.namespace !== null) row.namespace = s(row.namespace);
    if (row.unit !== null) row.unit = s(row.unit);
    if (row.images) row.images = row.images.map(s);
    if (row.chart !== undefined) row.chart = s(row.chart);
    if (row.version !== undefined) row.version = s(row.version);
    if (row.kubernetesId !== undefined) row.kubernetesId = s(row.kubernetesId);
    row.source = this.#ref(row.source);
    row.via = this.#chain(row.via);
    return row;
  }

  readonly #string = (value: string): string => {
    const known = this.#strings.get(value);
    if (known !== undefined) return known;
    this.#strings.set(value, value);
    return value;
  };

  #ref(ref: FleetSourceRef): FleetSourceRef {
    let lines = this.#refs.get(ref.file);
    if (!lines) this.#refs.set(ref.file, (lines = new Map()));
    const known = lines.get(ref.line);
    if (known) return known;
    const own = { file: this.#string(ref.file), line: ref.line };
    lines.set(ref.line, own);
    return own;
  }

  #chain(via: FleetSourceRef[]): FleetSourceRef[] {
    if (via.length === 0) return via;
    const refs: FleetSourceRef[] = [];
    let node = this.#chains;
    for (const v of via) {
      const ref = this.#ref(v);
      refs.push(ref);
      let next = node.next.get(ref);
      if (!next) node.next.set(ref, (next = { next: new Map() }));
      node = next;
    }
    node.chain ??= refs;
    return node.chain;
  }
}

interface ChainNode {
  /** The chain that ends here, once one did. */
  chain?: FleetSourceRef[];
  next: Map<FleetSourceRef, ChainNode>;
}
