/*
 * Field-by-field reading of a kustomization mapping into {@link Kustomization},
 * mirroring kustomize's strict unmarshalling (unknown field → error) and
 * FixKustomization (bases → resources, imageTags → images, env → envs).
 * File paths are resolved against the kustomization directory here.
 */
import type { ImageSpec, PatchSpec, PatchTarget } from './types';
import type {
  Json6902Entry,
  Kustomization,
  LabelEntry,
  ReplacementEntry,
  ReplicaEntry,
  SortOptions,
  StrategicMergeEntry,
} from './types';
import { isRecord } from '../core/records';
import { clean, makeFieldReader } from './fieldReader';
import { readVars } from './vars/readVars';
import type { FieldContext, Obj } from './fieldReader';

export type { FieldContext } from './fieldReader';

/** kustomize fields the engine does not render: reported, never silently ignored. */
const UNSUPPORTED = [
  'openapi',
  'crds',
  'generators',
  'transformers',
  'validators',
  'helmGlobals',
  'helmCharts',
  'helmChartInflationGenerator',
  'buildMetadata',
];
const KNOWN = new Set([
  ...UNSUPPORTED,
  'apiVersion',
  'kind',
  'metadata',
  'namespace',
  'namePrefix',
  'nameSuffix',
  'commonLabels',
  'labels',
  'commonAnnotations',
  'resources',
  'bases',
  'components',
  'patches',
  'patchesStrategicMerge',
  'patchesJson6902',
  'images',
  'imageTags',
  'replicas',
  'replacements',
  'configMapGenerator',
  'secretGenerator',
  'generatorOptions',
  'sortOptions',
  'vars',
  'configurations',
]);

/** Reads every field of `obj`; bad fields are reported (`invalid-field`, `unknown-field`, `unsupported-field`, `path-escape`) and dropped. */
export function readKustomizationFields(
  obj: Obj,
  ctx: FieldContext,
): Kustomization {
  const {
    report,
    invalid,
    str,
    bool,
    strList,
    strMap,
    list,
    file,
    target,
    genOptions,
    generator,
  } = makeFieldReader(ctx);

  for (const key of Object.keys(obj)) {
    if (!KNOWN.has(key))
      report(
        'unknown-field',
        key,
        `unknown field "${key}" (as kustomize: invalid Kustomization); it was ignored.`,
      );
    else if (UNSUPPORTED.includes(key) && !isEmpty(obj[key])) {
      report(
        'unsupported-field',
        key,
        `the field "${key}" is not supported by the engine; its effect is not rendered.`,
      );
    }
  }
  const k: Kustomization = {
    apiVersion: '',
    kind: 'Kustomization',
    resources: [],
    components: [],
  };
  k.namespace = str(obj.namespace, 'namespace');
  k.namePrefix = str(obj.namePrefix, 'namePrefix');
  k.nameSuffix = str(obj.nameSuffix, 'nameSuffix');
  k.commonLabels = strMap(obj.commonLabels, 'commonLabels');
  k.commonAnnotations = strMap(obj.commonAnnotations, 'commonAnnotations');
  k.labels = list(obj.labels, 'labels').map(
    (l, i): LabelEntry =>
      clean({
        pairs: strMap(l.pairs, `labels.${i}.pairs`) ?? {},
        includeSelectors: bool(
          l.includeSelectors,
          `labels.${i}.includeSelectors`,
        ),
        includeTemplates: bool(
          l.includeTemplates,
          `labels.${i}.includeTemplates`,
        ),
        fields: Array.isArray(l.fields)
          ? (l.fields as LabelEntry['fields'])
          : undefined,
      }),
  );
  // as kustomize FixKustomization: bases are appended to resources
  k.resources = [
    ...(strList(obj.resources, 'resources') ?? []),
    ...(strList(obj.bases, 'bases') ?? []),
  ];
  k.components = strList(obj.components, 'components') ?? [];
  k.patches = list(obj.patches, 'patches').flatMap((p, i): PatchSpec[] => {
    const path =
      p.path === undefined ? undefined : file(p.path, `patches.${i}.path`);
    if (p.path !== undefined && path === undefined) return [];
    return [
      clean({
        patch: str(p.patch, `patches.${i}.patch`),
        path,
        target: target(p.target, `patches.${i}.target`),
        options: isRecord(p.options)
          ? (p.options as PatchSpec['options'])
          : undefined,
      }),
    ];
  });
  k.patchesStrategicMerge = (
    strList(obj.patchesStrategicMerge, 'patchesStrategicMerge') ?? []
  ).flatMap((p, i): StrategicMergeEntry[] => {
    // as kustomize PatchStrategicMergeTransformer: an entry that parses as an object is an inline patch
    if (p.includes('\n') || /^\s*[{[]/.test(p) || /^\s*[\w.-]+\s*:\s/.test(p))
      return [{ inline: p }];
    const path = file(p, `patchesStrategicMerge.${i}`);
    return path === undefined ? [] : [{ path }];
  });
  k.patchesJson6902 = list(obj.patchesJson6902, 'patchesJson6902').flatMap(
    (p, i): Json6902Entry[] => {
      const t = target(p.target, `patchesJson6902.${i}.target`);
      if (!t?.name)
        return (
          invalid(`patchesJson6902.${i}.target`, 'a target with a name') ?? []
        );
      const path =
        p.path === undefined
          ? undefined
          : file(p.path, `patchesJson6902.${i}.path`);
      if (p.path !== undefined && path === undefined) return [];
      return [
        clean({
          target: t as PatchTarget & { name: string },
          path,
          patch: str(p.patch, `patchesJson6902.${i}.patch`),
        }),
      ];
    },
  );
  // as kustomize FixKustomization: imageTags are appended to images
  k.images = [
    ...list(obj.images, 'images'),
    ...list(obj.imageTags, 'imageTags'),
  ].map(
    (im, i): ImageSpec =>
      clean({
        name: str(im.name, `images.${i}.name`) ?? '',
        newName: str(im.newName, `images.${i}.newName`),
        newTag: str(im.newTag, `images.${i}.newTag`),
        digest: str(im.digest, `images.${i}.digest`),
      }),
  );
  k.replicas = list(obj.replicas, 'replicas').flatMap((r, i): ReplicaEntry[] =>
    typeof r.name === 'string' && typeof r.count === 'number'
      ? [{ name: r.name, count: r.count }]
      : invalid(`replicas.${i}`, 'a name and a numeric count') ?? [],
  );
  k.replacements = list(obj.replacements, 'replacements').flatMap(
    (r, i): ReplacementEntry[] => {
      if (r.path === undefined) return [r as ReplacementEntry];
      const path = file(r.path, `replacements.${i}.path`);
      return path === undefined ? [] : [{ path }];
    },
  );
  k.configMapGenerator = list(obj.configMapGenerator, 'configMapGenerator').map(
    (g, i) => generator(g, `configMapGenerator.${i}`, false),
  );
  k.secretGenerator = list(obj.secretGenerator, 'secretGenerator').map((g, i) =>
    generator(g, `secretGenerator.${i}`, true),
  );
  k.generatorOptions = genOptions(obj.generatorOptions, 'generatorOptions');
  k.buildMetadata = strList(obj.buildMetadata, 'buildMetadata');
  k.configurations = (
    strList(obj.configurations, 'configurations') ?? []
  ).flatMap((p, i) => file(p, `configurations.${i}`) ?? []);
  k.vars = readVars(list(obj.vars, 'vars'), invalid);
  k.sortOptions = sortOptions(obj.sortOptions, invalid);
  return clean(k);
}

function sortOptions(
  v: unknown,
  invalid: (field: string, expected: string) => undefined,
): SortOptions | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isRecord(v) || (v.order !== 'legacy' && v.order !== 'fifo'))
    return invalid('sortOptions.order', 'legacy or fifo');
  if (v.order === 'fifo' && v.legacySortOptions !== undefined)
    return invalid(
      'sortOptions.legacySortOptions',
      'unset when the order is fifo',
    );
  const l = v.legacySortOptions;
  if (l === undefined || l === null) return { order: v.order };
  if (!isRecord(l))
    return invalid('sortOptions.legacySortOptions', 'a mapping');
  const strs = (x: unknown) =>
    Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : [];
  return {
    order: 'legacy',
    legacySortOptions: {
      orderFirst: strs(l.orderFirst),
      orderLast: strs(l.orderLast),
    },
  };
}

function isEmpty(v: unknown): boolean {
  return (
    v === null ||
    v === undefined ||
    (Array.isArray(v) && v.length === 0) ||
    (isRecord(v) && Object.keys(v).length === 0)
  );
}
