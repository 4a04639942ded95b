"""Loading: the content folder read, checked and rendered into one `Content`, from the build
cache where it can and across the cores; the build, the preview and `check` share it."""
