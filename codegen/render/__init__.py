"""Renderers: IR views handed to the Jinja2 templates in ``templates/``."""
