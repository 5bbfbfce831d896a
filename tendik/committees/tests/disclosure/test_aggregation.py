"""Small districts are merged per region, and the region minus the districts shown on their own
never equals one small district."""

from hypothesis import given, settings
from hypothesis import strategies as st

from tendik.committees.disclosure.suppression import aggregate_small


def _rows(sizes: dict[str, int]) -> dict[str, dict[str, int]]:
    return {code: {"appeals_total": size, "persons_total": size} for code, size in sizes.items()}


def test_small_districts_of_a_region_become_one_row_and_big_ones_stay():
    rows = _rows({"D1": 2, "D2": 3, "D3": 9, "E1": 12})
    parent = {"D1": "R1", "D2": "R1", "D3": "R1", "E1": "R2"}
    groups = {g.members: g for g in aggregate_small(rows, parent, 5)}
    assert set(groups) == {("D1", "D2"), ("D3",), ("E1",)}
    merged = groups[("D1", "D2")]
    assert merged.merged and merged.parent == "R1"
    assert merged.row == {"appeals_total": 5, "persons_total": 5}


def test_a_lone_small_district_is_merged_with_the_next_smallest():
    rows = _rows({"D1": 2, "D2": 30, "D3": 9})
    groups = aggregate_small(rows, {"D1": "R1", "D2": "R1", "D3": "R1"}, 5)
    assert sorted(g.members for g in groups) == [("D1", "D3"), ("D2",)]


def test_territories_without_a_parent_stay_as_they_are():
    groups = aggregate_small(_rows({"R9": 1}), {}, 5)
    assert [(g.members, g.merged, g.parent) for g in groups] == [(("R9",), False, None)]


@settings(max_examples=300, deadline=None)
@given(regions=st.lists(st.lists(st.integers(0, 20), min_size=2, max_size=7), min_size=1,
                        max_size=4),
       threshold=st.integers(2, 10))
def test_region_minus_shown_districts_never_reveals_one_small_district(regions, threshold):
    sizes, parent = {}, {}
    for r, districts in enumerate(regions):
        for d, size in enumerate(districts):
            sizes[f"R{r}D{d}"], parent[f"R{r}D{d}"] = size, f"R{r}"
    groups = aggregate_small(_rows(sizes), parent, threshold)
    assert sorted(m for g in groups for m in g.members) == sorted(sizes)  # each once
    for r, districts in enumerate(regions):
        region_total = sum(districts)
        shown = [g for g in groups if g.parent == f"R{r}" and not g.merged]
        rest = region_total - sum(g.row["appeals_total"] for g in shown)
        hidden = [m for g in groups if g.parent == f"R{r}" and g.merged for m in g.members]
        assert all(sizes[code] >= threshold for g in shown for code in g.members)
        assert len(hidden) != 1  # the rest is never one district's own figure
        assert rest == sum(sizes[code] for code in hidden)
