"""Content: reading and checking the editors' files (posts, pages, site.yaml, rollout.yaml,
catalogs), each problem with its file, line and field. No Markdown, no Flask."""
