"""Training similar's two ranking models (``benchmarks/similar.py ... --train``) and estimating the
recipe on unseen documents (``--cross-validate``). Needs LightGBM: pip install ".[bench]".

The models learn from two kinds of text: SLARD's train split (regulation articles and the superior
articles they rest on) and, with ``--generated GOV XWLB``, reuse pairs cut from government work reports
and news (similar_pairs.py). Each kind is split before any training — SLARD by sha256(query id) % 3,
the generated pairs by their source speech — and only the tuning parts are trained on; the held-aside
parts are measured and reported beside them. The figures printed here rank by the model alone; the
end-to-end figures (sources first, as ``similar`` answers) come from the benchmark's other modes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from searchkit import similar as similar_module
from similar_metrics import articles, metrics
from searchkit.similar.features import Features

TEXT_FEATURES = [f.name for f in dataclasses.fields(Features) if f.name != "passage_title"]
TITLED_FEATURES = [f.name for f in dataclasses.fields(Features)]
# LambdaMART's settings, chosen by 5-fold cross-validation inside the tuning part (folds by the
# query's regulation): 4 leaves, 50 rows a leaf and 200-400 rounds all scored within 1 point there;
# 7 and 15 leaves no better.
LGB_PARAMS = dict(objective="lambdarank", learning_rate=0.05, num_leaves=4, min_data_in_leaf=50,
                  feature_fraction=0.8, bagging_fraction=0.8, bagging_freq=1, lambdarank_truncation_level=10,
                  seed=1, deterministic=True, force_row_wise=True, num_threads=1, verbose=-1)
ROUNDS = 400
CHECK_ROWS = 64  # rows whose LightGBM scores the tests compare with ranker.py's


@dataclass
class QuerySet:
    """One kind of training text: its queries (qid, text, title), what is relevant to each, which
    part each falls in, the group a fold keeps whole (a regulation, a source speech) and the weight
    of one of its queries in training."""

    name: str
    queries: list
    relevant: dict
    parts: list
    groups: list
    weight: float = 1.0
    rows: list = field(default_factory=list)
    labels: list = field(default_factory=list)
    ids: list = field(default_factory=list)

    def compute(self, ix) -> QuerySet:
        """Each query's candidate units: features (TITLED_FEATURES columns), labels, speech ids."""
        import numpy as np

        print(f"computing candidates for {len(self.queries)} {self.name} queries ...", file=sys.stderr, flush=True)
        for qid, text, title in self.queries:
            passage, found = similar_module.candidates(ix, text, passage_title=title)
            grouped = similar_module.units(found, "speech")
            features = similar_module.unit_features(passage, grouped)
            self.rows.append(np.array([[getattr(f, n) for n in TITLED_FEATURES] for f in features]).reshape(-1, len(TITLED_FEATURES)))
            self.ids.append([members[0].stored["speech_id"] for members in grouped])
            self.labels.append(np.array([sid in self.relevant[qid] for sid in self.ids[-1]], dtype=int))
        return self

    def chosen(self, part: str | None = None, titled: bool = False, fold=None, folds: int = 5, inside: bool = True):
        """Indexes of the queries in ``part`` (None: all), with a title when ``titled``; ``fold``:
        those whose group falls in that fold (``inside``) or in the others."""
        out = []
        for i, (qid, _, title) in enumerate(self.queries):
            if part and self.parts[i] != part or titled and not title:
                continue
            if fold is not None and (fold_of(self.groups[i], folds) == fold) != inside:
                continue
            out.append(i)
        return out


def fold_of(group: str, folds: int) -> int:
    return int(hashlib.md5(group.encode()).hexdigest(), 16) % folds


def fit(training: list[tuple[QuerySet, list[int]]], columns: list[int]):
    """A LambdaMART booster trained on the chosen queries of each set, feature ``columns``."""
    import lightgbm
    import numpy as np

    picked = [(qs, i) for qs, chosen in training for i in chosen if len(qs.rows[i])]
    data = lightgbm.Dataset(np.concatenate([qs.rows[i][:, columns] for qs, i in picked]),
                            label=np.concatenate([qs.labels[i] for qs, i in picked]),
                            weight=np.concatenate([np.full(len(qs.rows[i]), qs.weight) for qs, i in picked]),
                            group=[len(qs.rows[i]) for qs, i in picked])
    return lightgbm.train(LGB_PARAMS, data, num_boost_round=ROUNDS)


def ranked(score, qs: QuerySet, chosen: list[int], columns: list[int]) -> dict[str, list[str]]:
    """qid -> the articles in the order ``score`` (rows -> scores) gives, for queries ``chosen``."""
    import numpy as np

    ranks = {}
    for i in chosen:
        order = np.argsort(-score(qs.rows[i][:, columns]), kind="stable") if len(qs.rows[i]) else []
        ranks[qs.queries[i][0]] = articles([qs.ids[i][j] for j in order])
    return ranks


def summary(ranks, relevant) -> str:
    m = metrics(ranks, relevant, [])
    return " / ".join(f"{m[k]:.1f}" for k in ("R@1", "R@3", "R@5", "MRR@5"))


MODEL_COLUMNS = ((False, TEXT_FEATURES), (True, TITLED_FEATURES))


def train(sets: list[QuerySet]) -> None:
    """Train the models (without and with the passage's own title) on every set's tuning part, write
    them into searchkit/similar/, and write the rows the tests check them on."""
    import numpy as np

    from searchkit.similar import ranker

    here = Path(ranker.__file__).parent
    check = {}
    for titled, names in MODEL_COLUMNS:
        columns = [TITLED_FEATURES.index(n) for n in names]
        booster = fit([(qs, qs.chosen("tuning", titled)) for qs in sets], columns)
        model = ranker.from_lightgbm(booster.dump_model(), names)
        (here / ranker.MODELS[titled]).write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
        mine = ranker.Ranker(model)
        every = np.concatenate([r for qs in sets for r in qs.rows])[:, columns]
        sample = every[:: max(1, len(every) // CHECK_ROWS)][:CHECK_ROWS]
        check[ranker.MODELS[titled]] = {"rows": sample.tolist(), "scores": booster.predict(sample).tolist()}
        for qs in sets:
            for part in ("tuning", "held-aside"):
                chosen = qs.chosen(part, titled)
                print(f"{ranker.MODELS[titled]}, {qs.name}, {part} part ({len(chosen)}; the model's order; "
                      f"R@1 / R@3 / R@5 / MRR@5):", summary(ranked(mine.score, qs, chosen, columns), qs.relevant))
    check_file = Path(__file__).resolve().parent.parent / "tests" / "similar_ranker_check.json"
    check_file.write_text(json.dumps(check) + "\n", encoding="utf-8")
    print(f"wrote {', '.join(ranker.MODELS.values())} in {here} and {check_file}", file=sys.stderr)


def cross_validate(sets: list[QuerySet], folds: int = 5) -> None:
    """What the recipe gives on documents it never saw: each set's queries fall into ``folds`` folds by
    group (a whole regulation, a whole source speech, in one fold); each fold is ranked by models
    trained on the other folds of every set. Inside the tuning parts (what chose the settings), then
    over all queries. Nothing is written."""
    for scope in ("tuning", None):
        for titled, names in MODEL_COLUMNS:
            columns = [TITLED_FEATURES.index(n) for n in names]
            ranks = {qs.name: {} for qs in sets}
            for fold in range(folds):
                booster = fit([(qs, qs.chosen(scope, titled, fold, folds, inside=False)) for qs in sets], columns)
                for qs in sets:
                    ranks[qs.name].update(ranked(booster.predict, qs, qs.chosen(scope, titled, fold, folds), columns))
            for qs in sets:
                for part in ("tuning", "held-aside"):
                    wanted = {qs.queries[i][0] for i in qs.chosen(part, titled)}
                    mine = {q: r for q, r in ranks[qs.name].items() if q in wanted}
                    if mine:
                        print(f"cross-validated over {'the tuning part' if scope else 'all queries'}, "
                              f"{'with' if titled else 'without'} the title, {qs.name}, {part} part ({len(mine)}): "
                              f"{summary(mine, qs.relevant)}")
