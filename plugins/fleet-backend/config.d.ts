export interface Config {
  fleet?: {
    /**
     * (Optional) The fleet repository's root directory on its host, e.g.
     * `https://github.com/org/fleet/tree/main`: API responses and catalog
     * entities link files and directories below it (`#L<line>` for lines).
     * Default: `fleet.source.url` for URL sources; no links for local ones.
     */
    repositoryUrl?: string;
  };
}
