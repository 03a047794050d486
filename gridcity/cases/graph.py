"""docs/workflow.md, drawn from the transition table (manage.py workflow_graph writes it)."""

from django.utils import translation

from gridcity.org.roles import Role

from .models import PendingRequest, State
from .workflow import REPORTER, SYSTEM, TRANSITIONS, UNIT, ZONE

SCOPES = {UNIT: "own unit's cases", ZONE: "cases in own zone", REPORTER: "own reports"}


def _role(role):
    return "system" if role == SYSTEM else f"{Role(role).label} (`{role}`)"


def workflow_markdown():
    with translation.override("zh-hans"):
        states = {state.value: str(state.label) for state in State}
        lines = [
            "# The case cycle",
            "",
            "Generated from `gridcity/cases/workflow.py` (`TRANSITIONS`) by `manage.py workflow_graph`;",
            "a test fails when this file and the table disagree. Each arrow is one function of",
            "`gridcity.cases.workflow`; it checks the state, the role and the scope, sets the next",
            "deadline and writes one event. Requests (return, extension, suspension) leave the state",
            "as it is until the dispatcher decides.",
            "",
            "```mermaid",
            "stateDiagram-v2",
        ]
        for state, label in states.items():
            lines.append(f"    {state}: {state} {label}")
        lines.append("    [*] --> reported: report")
        for name, spec in TRANSITIONS.items():
            for source in spec.sources:
                target = spec.target or source
                lines.append(f"    {source} --> {target}: {name}")
        lines += ["    closed --> [*]", "    declined --> [*]", "    voided --> [*]", "```", ""]
        lines += [
            "| action | 中文 | from | to | who | scope | needs a pending request |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for name, spec in TRANSITIONS.items():
            sources = ", ".join(f"`{s}`" for s in spec.sources) or "—"
            target = f"`{spec.target}`" if spec.target else "(unchanged)"
            roles = ", ".join(_role(r) for r in spec.roles)
            if spec.pending is None:
                pending = "no (blocked while one is pending)"
            elif spec.pending == "any":
                pending = "any"
            else:
                pending = str(PendingRequest(spec.pending).label)
            lines.append(
                f"| `{name}` | {spec.label} | {sources} | {target} | {roles} | "
                f"{SCOPES.get(spec.scope, 'whole jurisdiction')} | {pending} |"
            )
        lines.append("")
    return "\n".join(lines)
