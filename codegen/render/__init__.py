"""Renderers: Jinja2 templates (``templates/``) fed by small view functions."""
