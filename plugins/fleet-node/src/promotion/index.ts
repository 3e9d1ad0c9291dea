/*
 * The promotion planner's public API, shared by the scaffolder action, the
 * preview route and the CLI.
 */
export { planPromotion } from './planPromotion';
export { objectChanges, describeObject } from './objectChanges';
export {
  unifiedDiff,
  clusterChangesMarkdown,
  describePromotion,
  type DescribeInput,
} from './describePromotion';
export { addResource, removeResource, listResources } from './editResources';
export {
  PromotionInputError,
  isPromotionInputError,
  type PlanPromotionOptions,
  type PromotionPlan,
  type ResolveScope,
} from './types';
