"""The re-ranking model: an ensemble of regression trees (LambdaMART, trained with LightGBM on SLARD's
train split, tuning part only: ``benchmarks/similar.py --train``) over the ``Features`` of each
candidate unit.

A weighted sum of the features could not express what the trees learned: a title that matches
matters when the shared wording is thin and little when it is thick, and the in-order overlap
separates two laws' near-identical articles only when both share the passage's rare bigrams.

The model ships as JSON (``ranker.json``) and is evaluated here with numpy, so searching needs no
LightGBM. All trees are walked at once: every node is a row of flat arrays, and a leaf is a node
whose two children are itself, so ``depth`` steps of "go left when x[feature] <= threshold" bring
every (unit, tree) pair to its leaf.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import numpy as np

from ..errors import SearchkitError

MODELS = {False: "ranker.json", True: "ranker-titled.json"}  # without / with the passage's own title


class Ranker:
    def __init__(self, model: dict) -> None:
        self.features: list[str] = list(model["features"])
        feature, threshold, left, right, value, roots = [], [], [], [], [], []
        depth = 0
        for tree in model["trees"]:
            base = len(feature)
            roots.append(base)
            for node in tree["nodes"]:
                if "leaf" in node:  # a leaf: both children itself, the test never fails
                    itself = len(feature)
                    feature.append(0)
                    threshold.append(np.inf)
                    left.append(itself)
                    right.append(itself)
                    value.append(node["leaf"])
                else:
                    feature.append(node["feature"])
                    threshold.append(node["threshold"])
                    left.append(base + node["left"])
                    right.append(base + node["right"])
                    value.append(0.0)
            depth = max(depth, tree["depth"])
        self._feature = np.array(feature, dtype=np.intp)
        self._threshold = np.array(threshold, dtype=np.float64)
        self._left = np.array(left, dtype=np.intp)
        self._right = np.array(right, dtype=np.intp)
        self._value = np.array(value, dtype=np.float64)
        self._roots = np.array(roots, dtype=np.intp)
        self._depth = depth

    def score(self, rows: np.ndarray) -> np.ndarray:
        """The model's score of each row of ``rows`` (units × ``self.features``, float64)."""
        rows = np.asarray(rows, dtype=np.float64)
        if rows.ndim != 2 or rows.shape[1] != len(self.features):
            raise ValueError(f"expected rows of {len(self.features)} features, got shape {rows.shape}")
        if not rows.shape[0] or not self._roots.size:
            return np.zeros(rows.shape[0])
        node = np.broadcast_to(self._roots, (rows.shape[0], self._roots.size)).copy()
        which = np.arange(rows.shape[0])[:, None]
        for _ in range(self._depth):
            goes_left = rows[which, self._feature[node]] <= self._threshold[node]
            node = np.where(goes_left, self._left[node], self._right[node])
        return self._value[node].sum(axis=1)


@lru_cache(maxsize=2)
def shipped(titled: bool = False) -> Ranker:
    """The model shipped with searchkit: ``titled`` for passages whose own title is known."""
    name = MODELS[titled]
    try:
        text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
        return Ranker(json.loads(text))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise SearchkitError(f"similar's ranking model ({name}) is missing or damaged: {error}; reinstall searchkit") from error


def from_lightgbm(dump: dict, features: list[str]) -> dict:
    """Our JSON model from LightGBM's ``Booster.dump_model()``: numerical ``<=`` splits only (the
    features are never missing)."""
    trees = []
    for info in dump["tree_info"]:
        nodes: list[dict] = []

        def walk(node: dict, level: int) -> tuple[int, int]:
            index = len(nodes)
            nodes.append({})
            if "leaf_value" in node or "split_feature" not in node:
                nodes[index] = {"leaf": node.get("leaf_value", 0.0)}
                return index, level
            if node.get("decision_type", "<=") != "<=" or node.get("missing_type") == "Zero":
                raise ValueError(f"unsupported split {node.get('decision_type')!r}, missing {node.get('missing_type')!r}")
            left, left_depth = walk(node["left_child"], level + 1)
            right, right_depth = walk(node["right_child"], level + 1)
            nodes[index] = {"feature": node["split_feature"], "threshold": node["threshold"], "left": left, "right": right}
            return index, max(left_depth, right_depth)

        _, depth = walk(info["tree_structure"], 0)
        trees.append({"depth": depth, "nodes": nodes})
    return {"features": features, "trees": trees}
