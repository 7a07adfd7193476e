"""Rules for an SDK bump: what changed between two model sources, as codemod rules.

Only services whose model files differ are loaded. Each changed service is
matched against its new self (match.py): removed operations and parameters,
new required parameters and parameters that became required become rules.
"""

from __future__ import annotations

from collections.abc import Sequence

from codegen.codemod.match import match_services
from codegen.codemod.rules import RuleSet, ServiceRules
from codegen.progress import track
from codegen.sources import BotocoreData, open_models


def rules_between(old_spec: str, new_spec: str, services: Sequence[str] = ()) -> RuleSet:
    old, new = open_models(old_spec), open_models(new_spec)
    return rules_from_sources(old, new, services)


def rules_from_sources(
    old: BotocoreData, new: BotocoreData, services: Sequence[str] = ()
) -> RuleSet:
    names = sorted(services) if services else sorted(set(old.services()) & set(new.services()))
    found: dict[str, ServiceRules] = {}
    for name in track(names, "Comparing models", total=len(names)):
        if old.fingerprint(name) == new.fingerprint(name):
            continue
        rules = match_services(old.load(name), new.load(name))
        if rules.operations or rules.waiters:
            found[name] = rules
    return RuleSet(f"{old.spec} -> {new.spec}", found)
