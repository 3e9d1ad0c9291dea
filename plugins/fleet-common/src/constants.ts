/** Annotation on a catalog component naming the fleet app it is, e.g. `flux-fleet.io/app: podinfo`. */
export const FLEET_APP_ANNOTATION = 'flux-fleet.io/app';

/** Relation from a component to a cluster it is deployed to. */
export const RELATION_DEPLOYED_TO = 'deployedTo';

/** Reverse of {@link RELATION_DEPLOYED_TO}: from a cluster to the components deployed on it. */
export const RELATION_HAS_DEPLOYMENT = 'hasDeployment';

/** Catalog `spec.type` of cluster resources. */
export const CLUSTER_RESOURCE_TYPE = 'kubernetes-cluster';

/** Catalog `spec.type` of namespace resources. */
export const NAMESPACE_RESOURCE_TYPE = 'kubernetes-namespace';
