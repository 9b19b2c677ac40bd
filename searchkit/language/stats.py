"""Association and keyness statistics over 2×2 contingency tables (Dunning 1993; Evert 2008;
Hardie 2014 for the log ratio)."""

from __future__ import annotations

import math


def log_likelihood(o11: float, o12: float, o21: float, o22: float) -> float:
    """Dunning's G² of the table [[o11, o12], [o21, o22]]: how surprising the cell o11 is if rows and
    columns were independent. 3.84 ≈ p < 0.05, 10.83 ≈ p < 0.001 (one degree of freedom)."""
    n = o11 + o12 + o21 + o22
    if n <= 0:
        return 0.0
    rows = (o11 + o12, o21 + o22)
    cols = (o11 + o21, o12 + o22)
    total = 0.0
    for observed, row, col in ((o11, 0, 0), (o12, 0, 1), (o21, 1, 0), (o22, 1, 1)):
        expected = rows[row] * cols[col] / n
        if observed > 0 and expected > 0:
            total += observed * math.log(observed / expected)
    return 2.0 * total


def mutual_information(o11: float, expected: float) -> float:
    """Pointwise MI in bits: log2(observed / expected)."""
    return math.log2(o11 / expected) if o11 > 0 and expected > 0 else float("-inf")


def log_ratio(count_b: int, total_b: int, count_a: int, total_a: int) -> float:
    """log2 of B's relative frequency over A's; a zero count is taken as 0.5 so the ratio stays finite.
    +1 means twice as frequent in B; −1 half as frequent."""
    return math.log2((max(count_b, 0.5) / total_b) / (max(count_a, 0.5) / total_a))
