"""The overview's measure rows (Jinja2): every value escaped, the fallback marked."""

from django.utils import translation

from tendik.plans.templatetags.plan_overview import measure_rows

HOSTILE = '<b x="1">&\''


def _measure(**overrides) -> dict:
    return {"id": 7, "code": HOSTILE, "title_ru": HOSTILE, "title_ky": "", "title_kk": "",
            "title_en": "", "deadline_label": HOSTILE, "lead": HOSTILE, "co": [HOSTILE, None],
            "indicators": [(HOSTILE, HOSTILE)], "budget": [HOSTILE],
            "frameworks": [(HOSTILE, HOSTILE)], **overrides}


def test_every_value_in_a_row_is_escaped():
    html = str(measure_rows([_measure()]))
    assert "<b" not in html and 'x="1"' not in html
    # code, title, deadline, lead, co-executor, 2 × indicator, budget, 2 × framework
    assert html.count("&lt;b x=&#34;1&#34;&gt;&amp;&#39;") == 10
    assert 'href="/plans/measures/7/"' in html


def test_a_title_missing_in_the_language_falls_back_and_is_marked():
    with translation.override("ky"):
        html = str(measure_rows([_measure(title_ru="Тренинг")]))
    assert 'class="badge fallback"' in html and ">Тренинг</a>" in html and ">ru</span>" in html
    with translation.override("ru"):
        assert "fallback" not in str(measure_rows([_measure(title_ru="Тренинг")]))


def test_no_measures_render_nothing():
    assert str(measure_rows([])) == ""
