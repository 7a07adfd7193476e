"""Codemods: rewrite the boto3 call sites of a project for an SDK change (see the README).

rules.py (the rule language) <- match.py + migrations.py, changes.py (where rules come from);
clients.py (which expressions are clients) -> transform.py (libcst) -> runner.py (files).
"""
