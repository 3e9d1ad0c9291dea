/*
 * Query schemas of the fleet API: every route parses its input with one of
 * these, and a failed parse is an InputError (400) naming the field.
 */
import { InputError } from '@backstage/errors';
import { z } from 'zod';

const name = z.string().min(1).max(253);

/** `GET /deployments`. */
export const deploymentsQuery = z.object({
  entityRef: name,
  /** Overrides the entity's `flux-fleet.io/app` annotation. */
  app: name.optional(),
});

/** `GET /objects/body`. */
export const objectBodyQuery = z.object({
  cluster: name,
  apiVersion: name,
  kind: name,
  namespace: z.string().max(253).optional(),
  name,
});

/** `GET /objects`. */
export const objectsQuery = z
  .object({
    cluster: name.optional(),
    unit: name.optional(),
    entityRef: name.optional(),
  })
  .refine(q => !(q.unit && q.entityRef), {
    message: 'give unit or entityRef, not both',
  })
  .refine(q => q.cluster || q.unit || q.entityRef, {
    message: 'give at least one of cluster, unit, entityRef',
  });

/** `GET /diff`. */
export const diffQuery = z
  .object({
    from: name,
    to: name,
    unit: name.optional(),
    entityRef: name.optional(),
  })
  .refine(q => !(q.unit && q.entityRef), {
    message: 'give unit or entityRef, not both',
  });

/** `GET /problems`. */
export const problemsQuery = z.object({
  cluster: name.optional(),
  severity: z.enum(['error', 'warning']).optional(),
  entityRef: name.optional(),
});

/** `GET /helmreleases`. */
export const helmReleaseQuery = z.object({
  cluster: name,
  namespace: name.optional(),
  name,
});

/** Parses `input` with `schema`, or throws an InputError that names each bad field. */
export function parse<T extends z.ZodTypeAny>(
  schema: T,
  input: unknown,
): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(i =>
      i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message,
    );
    throw new InputError(`Invalid request: ${issues.join('; ')}`);
  }
  return parsed.data;
}
