from pathlib import Path

from django.conf import settings

from gridcity.cases.graph import workflow_markdown


def test_docs_workflow_md_is_drawn_from_the_table():
    path = Path(settings.BASE_DIR) / "docs" / "workflow.md"
    assert path.read_text(encoding="utf-8") == workflow_markdown(), "run: manage.py workflow_graph"
