# Sphinx configuration for the reference pages boto-codegen wrote from installed.
# Build with: sphinx-build -W -j auto -b html . _build/html
project = "installed reference"
# Warnings that boto3's own page content causes (these pages are byte-identical
# to boto3's) are counted apart; any other warning fails a -W build. Needs
# boto-codegen importable where Sphinx runs.
extensions: list[str] = ["codegen.render.sphinx_warnings"]
master_doc = "index"
exclude_patterns = ["_build"]
html_theme = "alabaster"
# Pages are generated; Sphinx's own index pages are not needed.
html_use_index = False
html_domain_indices = False
