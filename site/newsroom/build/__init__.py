"""Build: the site frozen into its output folder (the freezer, the pages' input keys, the
output folder with its lock, spare copy and swap)."""
