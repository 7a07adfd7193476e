# Sphinx configuration for the reference pages boto-codegen wrote from installed.
# Build with: sphinx-build -W -b html . _build/html
project = "installed reference"
extensions: list[str] = []
master_doc = "index"
exclude_patterns = ["_build"]
html_theme = "alabaster"
# Pages are generated; Sphinx's own index pages are not needed.
html_use_index = False
html_domain_indices = False
