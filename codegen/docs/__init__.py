"""The documentation model shared by the RST pages and release-note method sections."""
