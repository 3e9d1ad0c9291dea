export interface Config {
  fleet?: {
    /**
     * (Optional) How often the fleet backend re-reads the fleet repository, in minutes. Default: 5.
     */
    refreshIntervalMinutes?: number;
  };
}
