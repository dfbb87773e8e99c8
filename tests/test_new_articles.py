"""The article checker on real articles nobody built it from (data/gold/articles).

Thirteen Spanish-language pages found with the stored-web search, reworded by hand except
their number expressions, names and datelines (the rules of data/gold/dev/README.md), each
with an answer file beside it: where it came from, and for every number the sources it is
about (worked out by hand from data/facts, data/events, Epoch AI and TOP500) and its band.
``dev/`` (seven on-topic articles and two off-topic ones, a football report and a household
budget) is what the checker was tuned on; ``heldout/`` (four on-topic articles) was written
before any change and scored once, after the last one (figures below).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers.analysis import candidates, check_score
from helpers.errors import ArticleError

FOLDER = check_score.ARTICLES_DIR
DEV, HELDOUT = FOLDER / "dev", FOLDER / "heldout"


def _answers(folder: Path) -> dict[str, dict[str, object]]:
    return {
        p.name.removesuffix(".expected.json"): check_score.load_answers(p)
        for p in sorted(folder.glob("*.expected.json"))
    }


def test_the_articles_are_real_varied_and_of_the_size_asked() -> None:
    dev, held = _answers(DEV), _answers(HELDOUT)
    every = {**dev, **held}
    assert set(every) == {p.stem for p in FOLDER.glob("*/*.txt")}  # an answer for each
    on_dev = [a for a in dev.values() if a["on_topic"]]
    assert len(on_dev) >= 7 and len(dev) - len(on_dev) == 2
    assert len(held) >= 3 and all(a["on_topic"] for a in held.values())
    on_topic = [a for a in every.values() if a["on_topic"]]
    assert len({a["country"] for a in on_topic}) >= 4
    assert len({a["outlet"] for a in on_topic}) == len(on_topic)  # one article an outlet
    for stem, answers in every.items():
        assert str(answers["url"]).startswith("https://"), stem
        assert answers["retrieved"] == "2026-12-02", stem
        assert answers["split"] == ("dev" if stem in dev else "heldout"), stem
        body = next(FOLDER.glob(f"*/{stem}.txt")).read_text(encoding="utf-8")
        sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n+", body) if re.search(r"\w", s)]
        assert 8 <= len(sentences) <= 20, (stem, len(sentences))
        if answers["on_topic"]:
            assert any(n["sources"] for n in answers["numbers"]), stem  # type: ignore[attr-defined]


def test_an_answer_file_is_checked_in_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "x.expected.json"
    bad.write_text('{"url": "https://a", "outlet": "o", "country": "ES"}', encoding="utf-8")
    with pytest.raises(ArticleError, match=r"x\.expected\.json: no 'retrieved'"):
        check_score.load_answers(bad)
    bad.write_text(
        '{"url": "u", "outlet": "o", "country": "ES", "retrieved": "r", "split": "dev", '
        '"on_topic": true, "numbers": [{"text": "5", "sources": [], "band": "within tolerance"}]}',
        encoding="utf-8",
    )
    with pytest.raises(ArticleError, match=r"number 1 \('5'\): a number with a source"):
        check_score.load_answers(bad)


def test_a_draft_number_no_answer_names_counts_as_one_with_no_source(data_folder: Path) -> None:
    answers = {
        "on_topic": True,
        "numbers": [
            {
                "text": "500 millones de euros",
                "sources": ["jupiter_budget_total_eur"],
                "band": candidates.WITHIN,
            },
        ],
    }
    body = "El superordenador JUPITER costó 500 millones de euros y ocupa cuatro pistas de tenis."
    scored = check_score.score_article("t", body, answers)
    named, extra = scored.rows.iloc[0], scored.rows.iloc[1]
    assert named["in_top3"] and named["band_agrees"]
    assert not extra["named"] and extra["draft_text"] == "cuatro"
    assert extra["band"] == candidates.UNCHECKABLE  # four tennis courts count nothing of ours
    scores = check_score.Scores([scored])
    assert scores.top3_share == 1.0 and scores.wrongly_sourced_share == 0.0


@pytest.fixture(scope="module")
def dev_scores(data_folder: Path) -> check_score.Scores:
    return check_score.score_folder(DEV)


def test_on_the_development_articles(dev_scores: check_score.Scores) -> None:
    # First run, before any change: top-3 32/42, bands 32/61, wrongly sourced 19/44, topic
    # calls 9/9. After (the mechanisms in candidates.propose): 41/42, 54/61, 6/44, 9/9. The
    # floors are the figures reached: a change that loses one of them fails here.
    figures = dev_scores.figures()
    assert figures["numbers with a source"] == 42
    assert dev_scores.found_share == 1.0
    assert dev_scores.top3_share >= 41 / 42
    assert dev_scores.band_share >= 54 / 61
    assert dev_scores.wrongly_sourced_share <= 6 / 44
    assert all(dev_scores.topic_calls.values()), dev_scores.topic_calls


def test_the_off_topic_articles_are_called_off_topic(dev_scores: check_score.Scores) -> None:
    off = [a for a in dev_scores.articles if not a.on_topic]
    assert [a.name for a in off] == ["es_presupuesto_ideasyahorro", "mx_futbol_eluniversal"]
    for article in off:
        assert not article.about_the_book
        assert set(article.rows["band"]) == {candidates.UNCHECKABLE}, article.name


def test_the_mechanisms_on_the_sentences_that_needed_them(data_folder: Path) -> None:
    def draft(body: str) -> list[tuple[str, str, str]]:
        d = candidates.check_text(body).draft
        return list(zip(d["text"], d["band"], d["source_id"], strict=True))

    # a count is compared with sources that count what it counts
    (six,) = draft("La Comisión Europea eligió seis nuevas fábricas de inteligencia artificial.")
    assert six[1] == candidates.WITHIN and six[2] in {"aif_wave2_count", "aif_wave3_count"}
    # one source per sentence: Llama's 405B is not DeepSeek's 671B
    big, _small = draft(
        "DeepSeek-V3 se entrenó con un total de 671B parámetros, y Llama 3.1 405B tiene 405B."
    )
    assert big[2] == "deepseek_v3_total_params" and big[1] == candidates.WITHIN
    # a sentence about someone else's number (OpenAI's) in an article about DeepSeek
    _, altman = draft(
        "DeepSeek gastó US$294.000 en entrenar R1. Sam Altman, de OpenAI, dijo que entrenar "
        "sus modelos había costado más de US$100 millones."
    )
    assert altman[1] == candidates.UNCHECKABLE
    # the German government's share, not the whole budget
    (german,) = draft("El gobierno alemán aportó 125 millones de euros a JUPITER.")
    assert german[2] == "jupiter_funding_bmbf_eur" and german[1] == candidates.WITHIN
    # a price per share
    (price,) = draft("El Gobierno compra acciones de Intel a 20,47 dólares por acción.")
    assert price[2] == "intel_stake_price" and price[1] == candidates.WITHIN
    # a planned year a later fact supersedes
    (year,) = draft("La supercomputadora francesa Alice Recoque se espera para 2025.")
    assert year[2] == "alice_recoque_not_before_year" and year[1] == candidates.OFF


# Scored once, after the last change to the checker (2026-12-02, 03:33 UTC): top-3 15/17,
# bands 25/34, wrongly given a source 5/17, the pipeline found all 34 numbers, and 3 of the 4
# articles are called on-topic. The miss: the MareNostrum 5 article, whose numbers are mostly
# the centre's staff, cities and shares that no source holds (2 of its 12 have a named
# source, under RELEVANT_SHARE). These are floors for later changes, not figures to tune on.


def test_on_the_held_out_articles(data_folder: Path) -> None:
    scores = check_score.score_folder(HELDOUT)
    figures = scores.figures()
    assert figures["articles"] == 4 and figures["numbers with a source"] == 17
    assert scores.found_share == 1.0
    assert scores.top3_share >= 15 / 17
    assert scores.band_share >= 25 / 34
    assert scores.wrongly_sourced_share <= 5 / 17
    called = scores.topic_calls
    assert sum(called.values()) >= 3, called
