from __future__ import annotations

from pathlib import Path

import pytest

import searchkit
from samples import SPEECH, TRADITIONAL


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "speech.txt").write_text(SPEECH, encoding="utf-8")
    (folder / "traditional.txt").write_text(TRADITIONAL, encoding="utf-8")
    return folder


@pytest.fixture
def index(corpus: Path, tmp_path: Path):
    index_dir = tmp_path / "index"
    searchkit.update_index([corpus], index_dir)
    with searchkit.open_index(index_dir) as opened:
        yield opened


# Defined once here, not imported into each module: an imported fixture is a new fixture per module, so
# a session-scoped index would be built again for every module that imports it.
from language_fixtures import gov_index, small_index  # noqa: E402,F401
