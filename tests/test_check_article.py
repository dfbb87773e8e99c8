"""Checking a new article: candidate sources for each number, the suggested band, the draft
ledger, ``make check``'s offline page, and how good the draft is on the five articles and on
three test articles written for this (tests/fixtures/articles, answers worked out by hand)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import nbformat
import pandas as pd
import pandera.pandas as pa
import pytest

from helpers.analysis import candidates
from helpers.inputs.claims import CLAIMS_SCHEMA
from support import run_check

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
ARTICLES = sorted(p.stem for p in FIXTURES.glob("*.txt"))

# --- pure parts -------------------------------------------------------------------------------


def test_the_rounding_of_a_printed_number() -> None:
    assert candidates.rounding_tolerance("1,75 billones") == pytest.approx(0.5 / 175)
    assert candidates.rounding_tolerance("24.000 GPU") == pytest.approx(0.5 / 24)
    assert candidates.rounding_tolerance("4.158,9 kilovatios") == pytest.approx(0.5 / 41589)
    assert candidates.rounding_tolerance("500 millones") == candidates.MAX_ROUNDING  # 0.5/5 capped
    assert candidates.rounding_tolerance("tres") == 0.0
    assert candidates.printed_number("superior a 1018 fracasos") == 1018.0


def test_unit_families_convert_to_one_base() -> None:
    assert candidates.family("USD", 1.1673e6) == ("money", pytest.approx(1e6))
    assert candidates.family("EUR", 5e8) == ("money", 5e8)
    assert candidates.family("OP/s", 1e15)[0] == candidates.family("FLOP/s", 1e15)[0]
    assert candidates.family("hours", 48) == ("duration", 2.0)
    assert candidates.family("GPUs", 2048) == ("count", 2048)
    # a planned year kept in the facts' unit "years" is a calendar year, a duration is not
    assert candidates.family("years", 2025) == ("year", 2025)
    assert candidates.family("years", 6) == ("duration", pytest.approx(6 * 365.25))


def test_names_match_by_their_words_and_acronyms() -> None:
    assert candidates.acronym("European Union") == "eu"
    assert candidates.acronym("JUPITER") == ""
    assert "130b" in candidates.words("GLM-130B") and "julich" in candidates.words("Jülich")
    index = candidates.NameIndex(
        ["EU supercomputers", "NVIDIA H100 SXM5 80GB", "JUPITER Booster", "Intel"],
        ["", "", "", "a stake of the US government"],
    )
    assert index.matches("European Union") == {0: 1.0}
    assert index.matches("NVIDIA H100") == {1: 1.0}
    assert index.matches("JUPITER") == {2: 1.0}
    assert index.matches("Jülich Supercomputing Centre") == {}
    assert index.matches("United States") == {3: 0.5}  # "US" in the detail, at half weight


# --- the draft on text -------------------------------------------------------------------------


def _check(body: str) -> candidates.Check:
    return candidates.check_text(body)


def test_a_number_with_no_source_in_its_unit_cannot_be_checked(data_folder: Path) -> None:
    drafted = _check("El modelo Llama 3.1 genera 60 tokens por segundo.").draft
    (row,) = drafted.itertuples()
    assert row.unit == "tokens/s" and row.band == candidates.UNCHECKABLE
    assert row.candidates == "" and "no source in the unit family" in row.why


def test_an_article_off_the_books_subjects_says_so(data_folder: Path) -> None:
    body = (
        "El equipo local ganó por 3 a 1 ante 45.000 espectadores. El delantero marcó 2 goles "
        "y ya suma 18 en la temporada, a 4 puntos del líder."
    )
    drafted = _check(body).draft
    verdict = candidates.relevance(drafted)
    assert verdict.quantities >= 4 and not verdict.about_the_book
    assert set(drafted["band"]) == {candidates.UNCHECKABLE}


def test_the_draft_ledger_has_the_claims_columns_and_is_not_yet_a_ledger(
    data_folder: Path,
) -> None:
    drafted = _check(FIXTURES.joinpath("argentina_deepseek.txt").read_text("utf-8")).draft
    ledger = candidates.draft_ledger(drafted, article="005")
    assert list(ledger.columns) == list(CLAIMS_SCHEMA.columns)
    assert ledger["verdict"].isna().all() and (ledger["confidence"] == candidates.DRAFT).all()
    assert ledger.loc[0, "fact_ids"] == "deepseek_v3_total_params"
    with pytest.raises(pa.errors.SchemaErrors):
        CLAIMS_SCHEMA.validate(ledger, lazy=True)  # a draft does not pass as a ledger
    # a number with no candidate has no source to cite: a person must find one
    assert ledger["source_url"].isna().sum() == 1
    # confirmed by a person (verdict, gloss, confidence), the others pass
    confirmed = ledger.dropna(subset=["source_url"]).assign(
        verdict=ledger["explanation"].str.extract(r"suggested (\w+)")[0],
        gloss="the English gloss",
        confidence="M",
    )
    CLAIMS_SCHEMA.validate(confirmed, lazy=True)


# --- three test articles, answers worked out by hand -----------------------------------------


def _expected(stem: str) -> list[dict[str, Any]]:
    quantities: list[dict[str, Any]] = json.loads(
        (FIXTURES / f"{stem}.expected.json").read_text(encoding="utf-8")
    )["quantities"]
    return quantities


@pytest.fixture(scope="module")
def drafts(data_folder: Path) -> dict[str, pd.DataFrame]:
    return {s: _check((FIXTURES / f"{s}.txt").read_text(encoding="utf-8")).draft for s in ARTICLES}


@pytest.mark.parametrize("stem", ARTICLES)
def test_each_test_article_is_read_as_worked_out_by_hand(
    stem: str, drafts: dict[str, pd.DataFrame]
) -> None:
    drafted = drafts[stem]
    expected = _expected(stem)
    assert list(drafted["text"]) == [e["text"] for e in expected]
    for row, e in zip(drafted.itertuples(), expected, strict=True):
        assert row.value == pytest.approx(e["value"], rel=1e-9), e["text"]
        assert row.unit == e["unit"], e["text"]


@pytest.mark.parametrize("stem", ARTICLES)
def test_each_test_article_gets_the_hand_made_candidates_and_bands(
    stem: str, drafts: dict[str, pd.DataFrame]
) -> None:
    drafted = drafts[stem]
    for row, e in zip(drafted.itertuples(), _expected(stem), strict=True):
        top3 = [c for c in row.candidates.split(";") if c]
        if e["top"] == []:
            assert top3 == [], e["text"]
        elif e["top"] is not None:
            assert set(e["top"]) & set(top3), f"{e['text']}: {top3}"
        assert row.band == e["band"], e["text"]
        if e["factor"] is not None and e["band"] != candidates.WITHIN:
            assert row.factor == pytest.approx(e["factor"], rel=1e-3), e["text"]


def test_the_test_articles_cover_every_band_and_convention() -> None:
    bands = {e["band"] for s in ARTICLES for e in _expected(s)}
    assert bands == set(candidates.BANDS)
    assert ARTICLES == ["argentina_deepseek", "mexico_jupiter", "spain_marenostrum"]
    for stem in ARTICLES:
        assert 150 <= len((FIXTURES / f"{stem}.txt").read_text("utf-8").split()) <= 250


# --- on the five articles, against their curated ledgers ---------------------------------------


@pytest.fixture(scope="module")
def evaluation(data_folder: Path) -> candidates.Evaluation:
    return candidates.evaluate_on_articles()


def test_the_curated_fact_is_among_the_top_three_for_four_claims_in_five(
    evaluation: candidates.Evaluation,
) -> None:
    # 14 of the 16 claims with fact ids and a number in their quote. The two misses cite facts
    # in another unit than their number (a year checked against a budget, a date against GPU
    # hours): no ranking by unit can reach them. "Tres leyes" reaches the count of NVIDIA's
    # laws (nvidia_scaling_laws_count) through the counted noun *leyes*.
    assert len(evaluation.rows) == 34 and len(evaluation.matched) == 16
    assert evaluation.top3_share >= 14 / 16
    rows = evaluation.rows.set_index("claim_id")
    assert rows.loc["aif_three_scaling_laws", "candidates"].startswith("nvidia_scaling_laws_count")


def test_the_band_agrees_with_the_curated_verdict_where_it_is_about_a_number(
    evaluation: candidates.Evaluation,
) -> None:
    # 14 of 14 (10 before the sentence's actor and superseding facts, 12 before what happened
    # in a year and the count of scaling laws): the German government's "más de 500 millones"
    # is checked against its own share (the BMBF's €125M: off by a factor), Julio Verne's 2025
    # against the later fact that Alice Recoque is not due before 2027, "En 2023 ... anunció"
    # against the announcement of June 2022 (not the contract of 2023: off), and "Tres leyes"
    # against the three laws NVIDIA names (within tolerance).
    assert len(evaluation.numeric) == 14
    assert evaluation.band_share == 1.0
    rows = evaluation.rows.set_index("claim_id")
    assert rows.loc["jupiter_amount_german_government", "band"] == candidates.OFF
    assert rows.loc["julio_verne_2025", "band"] == candidates.OFF
    assert rows.loc["jupiter_year_2023", "band"] == candidates.OFF
    assert rows.loc["aif_three_scaling_laws", "band"] == candidates.WITHIN
    glm = evaluation.rows.set_index("claim_id").loc["glm130b_parameters"]
    assert glm["in_top3"] and glm["band"] == candidates.OFF


@pytest.mark.parametrize(
    ("sentence", "event", "band"),
    [
        # the same year, the same project: what the sentence says happened picks the event
        (
            "En 2023 se firmó el contrato de JUPITER, el superordenador de Jülich.",
            "jupiter_contract_signed",
            "within tolerance",
        ),
        (
            "En 2023 se eligió la sede de JUPITER, el superordenador de Jülich.",
            "jupiter_site_selected",
            "off by a factor",
        ),
        (
            "En 2023, Alemania anunció JUPITER, el superordenador de Jülich.",
            "jupiter_site_selected",
            "off by a factor",
        ),
        (
            "JUPITER, el superordenador de Jülich, se inauguró en 2024.",
            "jupiter_inauguration",
            "off by a factor",
        ),
        (
            "JUPITER, el superordenador de Jülich, debutó en la lista TOP500 en 2024.",
            "jupiter_top500_debut",
            "off by a factor",
        ),
    ],
)
def test_a_year_is_the_time_of_what_its_sentence_says_happened(
    data_folder: Path, sentence: str, event: str, band: str
) -> None:
    (row,) = (r for r in _check(sentence).draft.itertuples() if r.unit == "year")
    assert (row.source_id, row.band) == (event, band)


def test_the_lost_exponent_is_off_as_printed(data_folder: Path) -> None:
    drafted = _check(
        "Los superordenadores a exaescala de la UE tendrán una potencia superior a 1018 fracasos."
    ).draft
    (row,) = drafted.itertuples()
    assert row.source_id == "exascale_threshold_flops" and row.band == candidates.OFF
    assert row.factor == pytest.approx(1018 / 1e18)


# --- make check: one offline page ------------------------------------------------------------


def test_a_missing_or_bad_article_is_one_line(tmp_path: Path) -> None:
    missing = run_check(tmp_path, str(tmp_path / "nope.txt"))
    assert missing.returncode == 1
    assert missing.stderr == f"error: {tmp_path / 'nope.txt'}: no such file\n"
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Inversión de 500 millones".encode("latin-1"))
    bad = run_check(tmp_path, str(latin))
    assert bad.returncode == 1
    assert bad.stderr == f"error: {latin}: not valid UTF-8 at byte 7 (line 1)\n"
    empty = tmp_path / "empty.txt"
    empty.write_text(" \n", encoding="utf-8")
    assert run_check(tmp_path, str(empty)).stderr == f"error: {empty}: the article is empty\n"
    assert not (tmp_path / "build" / "check").exists() or not any(
        (tmp_path / "build" / "check").glob("*.html")
    )


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory, data_folder: Path) -> tuple[Path, str]:
    tmp = tmp_path_factory.mktemp("check")
    article = tmp / "con_marcado.txt"
    article.write_text(
        "<script>alert('x')</script> El superordenador JUPITER Booster alcanzó 793,4 petaflops "
        "y costó 500 millones de euros. <b>Negrita</b> *no* es Markdown.\n",
        encoding="utf-8",
    )
    result = run_check(tmp, str(article))
    assert result.returncode == 0, result.stderr
    return tmp / "build" / "check", result.stdout


@pytest.mark.slow
def test_make_check_writes_one_offline_page_and_the_csv(report: tuple[Path, str]) -> None:
    folder, stdout = report
    page = (folder / "con_marcado.html").read_text(encoding="utf-8")
    assert stdout.startswith("wrote ") and "warning" not in stdout
    # the article's markup is text, never markup
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "<b>Negrita</b>" not in page
    # nothing is loaded from elsewhere: no script, stylesheet or image from a URL
    for attribute in ('src="http', "src='http", 'href="http', "@import", "<link "):
        assert attribute not in page.split("<main>")[0], attribute
    assert "window.vegaEmbed" in page and "vegaEmbed(" in page.split("<main>")[1]
    ledger = pd.read_csv(folder / "con_marcado.csv", dtype=str, keep_default_na=False)
    assert list(ledger.columns) == list(CLAIMS_SCHEMA.columns)
    assert list(ledger["confidence"]) == [candidates.DRAFT, candidates.DRAFT]
    assert "jupiter_budget_total_eur" in set(ledger["fact_ids"])


@pytest.mark.slow
def test_make_check_says_when_an_article_is_not_about_the_books_subjects(
    tmp_path: Path, data_folder: Path
) -> None:
    article = tmp_path / "futbol.txt"
    article.write_text(
        "El equipo local ganó por 3 a 1 ante 45.000 espectadores y suma 18 victorias.\n",
        encoding="utf-8",
    )
    result = run_check(tmp_path, str(article))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("warning: This article is not about the book's subjects")
    page = (tmp_path / "build" / "check" / "futbol.html").read_text(encoding="utf-8")
    assert "This article is not about the book&#x27;s subjects" in page


@pytest.mark.slow
@pytest.mark.browser
def test_the_page_draws_its_chart_with_no_network(report: tuple[Path, str], chromium: Any) -> None:
    folder, _ = report
    page = chromium.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((folder / "con_marcado.html").as_uri())
    page.wait_for_selector("#check-chart-1 svg.marks", timeout=20_000)
    assert page.evaluate("document.querySelectorAll('#check-chart-1 path').length") > 0
    page.close()
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []


@pytest.mark.slow
@pytest.mark.browser
def test_the_page_fits_a_phone_and_follows_the_readers_dark_mode(
    report: tuple[Path, str], chromium: Any
) -> None:
    folder, _ = report
    for scheme in ("dark", "light"):
        page = chromium.new_page(viewport={"width": 390, "height": 800}, color_scheme=scheme)
        page.goto((folder / "con_marcado.html").as_uri())
        page.wait_for_selector("#check-chart-1[data-layout]", timeout=20_000)
        chart = page.evaluate(
            "(() => { const e = document.getElementById('check-chart-1');"
            " return [e.dataset.layout, e.dataset.phoneProblem || ''] })()"
        )
        assert chart == ["phone", ""], chart  # the book's phone layout, all its text inside
        assert page.evaluate("document.documentElement.dataset.theme") == scheme
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert (background == "rgb(255, 255, 255)") == (scheme == "light"), background
        # a wide table scrolls in its own box; the page itself never scrolls sideways
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.close()


def test_the_page_leaves_out_what_only_nbval_reads() -> None:
    from helpers.build import check

    nb = nbformat.v4.new_notebook()
    shown = nbformat.v4.new_code_cell("print('shown')")
    shown.outputs = [nbformat.v4.new_output("stream", name="stdout", text="shown\n")]
    hidden = nbformat.v4.new_code_cell("print('key columns')")
    hidden.metadata["tags"] = ["nbval-check-output", "remove-output"]
    hidden.outputs = [nbformat.v4.new_output("stream", name="stdout", text="key columns\n")]
    nb.cells = [shown, hidden]
    html = check.outputs_html(nb)
    assert "shown" in html and "key columns" not in html


def test_the_chart_names_its_source_and_describes_itself(
    drafts: dict[str, pd.DataFrame],
) -> None:
    from helpers.charts import check_article as charts

    drafted = drafts["spain_marenostrum"]
    spec = charts.draft_ratios(drafted, source="the test article").to_dict()
    assert spec["title"]["subtitle"][0] == "Source: the test article."
    assert "logarithmic" in spec["description"]
    points = charts.ratio_points(drafted)
    # every number with a ratio is drawn; the one with no source in its unit is not
    assert len(points) == len(drafted) - 1
    assert set(points["band"]) == set(candidates.BANDS)
