export interface Config {
  fleet?: {
    catalog?: {
      /**
       * (Optional) Owner of every entity the fleet provider emits (clusters,
       * namespaces, policies, controllers). Default: `group:default/platform`.
       */
      owner?: string;
      /**
       * (Optional) Largest share (0–1) of its entities one refresh may remove;
       * a model that would remove more is not applied and the provider logs
       * why. Default: 0.5.
       */
      maxRemovalShare?: number;
    };
  };
}
