"""similar's ranking model: the shipped trees score as LightGBM scored them, splits go the documented
way, and a damaged model is one clear error."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searchkit.errors import SearchkitError
from searchkit.similar import ranker
from searchkit.similar.features import Features

CHECK = Path(__file__).with_name("similar_ranker_check.json")


@pytest.mark.parametrize("titled", [False, True])
def test_the_shipped_models_score_as_lightgbm_did_when_they_were_trained(titled):
    # benchmarks/similar.py --train writes the models and these rows with LightGBM's own predictions
    check = json.loads(CHECK.read_text(encoding="utf-8"))[ranker.MODELS[titled]]
    model = ranker.shipped(titled)
    assert len(check["rows"]) >= 32
    assert np.allclose(model.score(np.array(check["rows"])), check["scores"], rtol=0, atol=1e-9)
    # the rows differ, so the scores do: a model that ignored its input would fail here
    assert len(set(np.round(check["scores"], 6))) > len(check["scores"]) // 2


def test_the_shipped_models_read_the_features_similar_computes():
    known = [f.name for f in fields(Features)]
    assert set(ranker.shipped(False).features) <= set(known) - {"passage_title"}
    assert "passage_title" in ranker.shipped(True).features


# One tree: x0 <= 0.5 -> (x1 <= 2 -> 1.0 else 2.0) else -1.0; a second tree of a single leaf, 0.25.
DUMP = {"tree_info": [
    {"tree_structure": {"split_feature": 0, "threshold": 0.5, "decision_type": "<=", "missing_type": "None",
                        "left_child": {"split_feature": 1, "threshold": 2.0, "decision_type": "<=",
                                       "left_child": {"leaf_value": 1.0}, "right_child": {"leaf_value": 2.0}},
                        "right_child": {"leaf_value": -1.0}}},
    {"tree_structure": {"leaf_value": 0.25}},
]}


def _by_hand(x0: float, x1: float) -> float:
    return (1.0 if x1 <= 2.0 else 2.0) + 0.25 if x0 <= 0.5 else -1.0 + 0.25


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([0.0, 0.5, 0.50001, 1.0, -3.0]), st.sampled_from([1.0, 2.0, 2.5, 7.0])),
                min_size=1, max_size=20))
def test_a_row_goes_left_when_its_feature_is_at_most_the_threshold_and_trees_add_up(rows):
    model = ranker.Ranker(ranker.from_lightgbm(DUMP, ["a", "b"]))
    assert model.score(np.array(rows)).tolist() == [_by_hand(a, b) for a, b in rows]


def test_rows_of_the_wrong_width_and_unknown_splits_are_refused():
    model = ranker.Ranker(ranker.from_lightgbm(DUMP, ["a", "b"]))
    assert model.score(np.zeros((0, 2))).size == 0
    with pytest.raises(ValueError):
        model.score(np.zeros((3, 3)))
    categorical = json.loads(json.dumps(DUMP))
    categorical["tree_info"][0]["tree_structure"]["decision_type"] = "=="
    with pytest.raises(ValueError):
        ranker.from_lightgbm(categorical, ["a", "b"])


def test_a_missing_or_damaged_model_is_one_clear_error(monkeypatch, tmp_path):
    monkeypatch.setitem(ranker.MODELS, False, "no-such-model.json")
    ranker.shipped.cache_clear()
    try:
        with pytest.raises(SearchkitError, match="no-such-model.json.*reinstall"):
            ranker.shipped(False)
    finally:
        monkeypatch.undo()
        ranker.shipped.cache_clear()
    with pytest.raises(KeyError):
        ranker.Ranker({"features": ["a"]})
