"""Indexes shared by the tests of searchkit.language: the synthetic corpus of test_filters (always) and
the government work reports (skipped without ../shared/corpus), each built once per session."""

from __future__ import annotations

import pytest

import searchkit
from samples import GOV_REPORTS, missing
from test_filters import build_index


@pytest.fixture(scope="session")
def small_index(tmp_path_factory):
    with searchkit.open_index(build_index(tmp_path_factory, "language")) as opened:
        yield opened


@pytest.fixture(scope="session")
def gov_index(tmp_path_factory):
    if not GOV_REPORTS.is_dir():
        pytest.skip(missing(GOV_REPORTS))
    index_dir = tmp_path_factory.mktemp("language-gov") / "index"
    assert searchkit.update_index([GOV_REPORTS], index_dir).skipped == ()
    with searchkit.open_index(index_dir) as opened:
        yield opened


def scope_paragraphs(index, **filters):
    """The paragraphs of the speeches ``filters`` admit, read one speech at a time."""
    return [p for s in index.speeches(sort="id", **filters) for p in index.speech(s.speech_id)]
