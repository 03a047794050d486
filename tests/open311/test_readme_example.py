"""README's curl example files a case in the demo county, as a new user would run it."""

import re
import shlex
from pathlib import Path
from urllib.parse import urlsplit

from django.core.management import call_command

from gridcity.cases.models import Case, Source, State

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_curl():
    text = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- open311-example -->\s*```sh\n(.*?)```", text, re.S)[1]
    words = shlex.split(block.replace("\\\n", " "))
    assert words[:2] == ["curl", "-s"]
    url = words[2]
    data = [words[i + 1] for i, word in enumerate(words) if word == "--data-urlencode"]
    return urlsplit(url).path, dict(item.split("=", 1) for item in data)


def test_the_readme_curl_files_a_case_with_the_demo_key(client, db):
    call_command("load_demo", verbosity=0)
    path, data = readme_curl()

    answer = client.post(path, data)

    assert answer.status_code == 200, answer.content.decode()
    case = Case.objects.get(number=answer.json()[0]["service_request_id"])
    assert (case.source, case.state, case.description) == (
        Source.HOTLINE_12345,
        State.REPORTED,
        data["description"],
    )
