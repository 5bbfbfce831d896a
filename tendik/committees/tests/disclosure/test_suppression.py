"""Disclosure control on one row: small cells hidden, and nothing hidden can be worked out."""

from hypothesis import given, settings
from hypothesis import strategies as st

from tendik.committees.counts import COUNT_KEYS, EQUATIONS
from tendik.committees.disclosure.suppression import suppress, suppressed_label

from .attacker import recover
from .strategies import consistent_rows


def _row(**values) -> dict[str, int]:
    return {**dict.fromkeys(COUNT_KEYS, 0), **values}


def _consistent(row: dict) -> bool:
    return all(row[total] == sum(row[part] for part in parts) for total, parts in EQUATIONS)


def test_the_label_is_built_from_the_threshold():
    assert suppressed_label(5) == "<5"
    assert suppressed_label(10) == "<10"


def test_zero_is_shown_and_a_row_without_small_cells_is_untouched():
    row = _row(appeals_total=12, appeals_physical=12, persons_total=0)
    assert suppress(row, 5) == row


def test_a_lone_small_part_takes_the_smallest_other_part_with_it():
    row = _row(appeals_total=30, appeals_physical=3, appeals_psychological=7,
               appeals_economic=20)
    shown = suppress(row, 5)
    assert shown["appeals_physical"] is None  # primary
    assert shown["appeals_psychological"] is None  # secondary: the smallest other non-zero part
    assert shown["appeals_economic"] == 20 and shown["appeals_total"] == 30
    assert shown["appeals_sexual"] == 0


def test_a_small_total_whose_parts_are_all_shown_hides_a_part_too():
    row = _row(referrals_total=4, referrals_police=4)
    shown = suppress(row, 5)
    assert shown["referrals_total"] is None and shown["referrals_police"] is None


def test_hidden_cells_that_could_only_be_ones_get_a_companion():
    # 12 − 10 = 2 over two hidden cells that are never 0: both would be 1.
    row = _row(appeals_total=12, appeals_physical=1, appeals_psychological=1,
               appeals_economic=10)
    shown = suppress(row, 5)
    assert shown["appeals_economic"] is None
    assert recover(shown) == {}


def test_the_shared_persons_total_passes_suppression_from_one_breakdown_to_the_other():
    # Sex: 2 women hidden → men (10) too. A small total must leave two hidden cells in BOTH
    # breakdowns.
    row = _row(persons_total=12, persons_women=2, persons_men=10, persons_age_18_29=12)
    shown = suppress(row, 5)
    assert shown["persons_women"] is None and shown["persons_men"] is None
    assert recover(shown) == {}
    row = _row(persons_total=3, persons_women=3, persons_age_0_17=3)
    shown = suppress(row, 5)
    assert recover(shown) == {} and shown["persons_total"] is None


def test_the_attacker_recovers_from_a_naive_suppression():
    """The attacker is able to win: primary suppression alone gives cells away."""
    row = _row(appeals_total=30, appeals_physical=3, appeals_psychological=27)
    naive = {key: None if 0 < value < 5 else value for key, value in row.items()}
    assert recover(naive) == {"appeals_physical": 3}


@settings(max_examples=400, deadline=None)
@given(row=consistent_rows(), threshold=st.integers(2, 10))
def test_no_shown_cell_is_small_and_the_attacker_recovers_nothing(row, threshold):
    assert _consistent(row)
    shown = suppress(row, threshold)
    assert set(shown) == set(row)
    for key, value in shown.items():
        assert value is None or value == row[key]
        assert value is None or not 0 < value < threshold
        assert value is not None or row[key] > 0  # a zero is never hidden
    assert recover(shown) == {}
