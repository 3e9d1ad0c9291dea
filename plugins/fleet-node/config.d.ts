export interface Config {
  /** Configuration of the Fleet plugins. */
  fleet?: {
    /** The fleet repository: exactly one of `path` or `url`. */
    source: {
      /**
       * (Optional) A local directory or local git repository holding the fleet,
       * relative to the backend's working directory. Default: none.
       */
      path?: string;
      /**
       * (Optional) A URL any configured Backstage integration can read
       * (reserved; not supported yet and rejected at startup). Default: none.
       */
      url?: string;
    };
  };
}
