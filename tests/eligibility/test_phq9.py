import pytest

from eligibility.phq9 import ATTRIBUTION, ITEMS, band_for, score


@pytest.mark.parametrize(
    ("total", "band"),
    [(0, "None to minimal"), (4, "None to minimal"), (5, "Mild"), (9, "Mild"), (10, "Moderate"),
     (14, "Moderate"), (15, "Moderately severe"), (19, "Moderately severe"), (20, "Severe"), (27, "Severe")],
)  # fmt: skip
def test_totals_fall_in_the_published_severity_bands(total, band):
    assert band_for(total) == band


def test_score_adds_all_nine_answers_and_reads_item_nine():
    result = score([3, 3, 2, 2, 1, 1, 0, 0, 1])
    assert result.total == 13
    assert result.band == "Moderate"
    assert result.self_harm_signal


def test_item_nine_at_zero_is_not_a_signal():
    assert not score([3] * 8 + [0]).self_harm_signal


@pytest.mark.parametrize("answers", [[1] * 8, [1] * 10, [1] * 8 + [4], [1] * 8 + [-1]])
def test_partial_or_out_of_range_answers_get_no_score(answers):
    with pytest.raises(ValueError, match="PHQ-9"):
        score(answers)


def test_official_wording_and_attribution_are_kept():
    assert len(ITEMS) == 9
    assert ITEMS[8] == "Thoughts that you would be better off dead or of hurting yourself in some way"
    assert ATTRIBUTION.endswith("No permission required to reproduce, translate, display or distribute.")
