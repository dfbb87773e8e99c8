"""Integrity of the development set in ``data/gold/dev/`` (sentences the pipeline was not built on).

These tests check the annotation files against themselves and against the rules in
``data/gold/README.md`` and ``data/gold/dev/README.md``; they do not assert the pipeline's
scores (those belong to the pipeline's own tests). The one scoring test checks that the
scorer counts what it should on a prediction table written here by hand.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from helpers.errors import DataError
from helpers.text import devset
from helpers.text.units import BASE_UNITS

DOCS = {split: devset.load(split) for split in devset.SPLITS}
ALL = [d for split in devset.SPLITS for d in DOCS[split]]


def test_both_files_exist_and_hold_documents() -> None:
    for split in devset.SPLITS:
        assert (devset.DEV_DIR / f"{split}.jsonl").is_file()
        assert DOCS[split], split
    assert (devset.DEV_DIR / "README.md").is_file()


def test_sizes() -> None:
    """At least 300 sentences in all, at least 90 held out, about a third held out."""
    n = {split: sum(len(d.sentences) for d in DOCS[split]) for split in devset.SPLITS}
    held = sum(n[split] for split in devset.HELD_OUT)
    assert n["dev"] + held >= 300, n
    assert all(n[split] >= 90 for split in devset.HELD_OUT), n
    assert 0.25 <= held / (n["dev"] + held) <= 0.45, n


def test_documents_are_short_and_each_split_is_marked() -> None:
    for split in devset.SPLITS:
        for d in DOCS[split]:
            assert d.split == split, d.id
            assert 2 <= len(d.sentences) <= 6, d.id


def test_no_document_in_both_splits_and_ids_are_unique() -> None:
    ids = [d.id for d in ALL]
    assert len(ids) == len(set(ids))
    sentence_ids = [s.id for d in ALL for s in d.sentences]
    assert len(sentence_ids) == len(set(sentence_ids))
    # the same sentence text must not appear twice (a copy would leak across the split)
    texts = Counter(s.text for d in ALL for s in d.sentences)
    assert [t for t, c in texts.items() if c > 1] == []


def test_no_source_page_in_both_splits() -> None:
    urls = Counter(d.url for d in ALL)
    assert [u for u, c in urls.items() if c > 1] == []


def test_every_document_has_provenance() -> None:
    for d in ALL:
        assert d.url.startswith(("http://", "https://")), d.id
        assert len(d.country) == 2 and d.country.isupper(), (d.id, d.country)
        assert d.outlet and d.outlet_type and d.topic, d.id


MAIN_COUNTRIES = {"ES", "MX", "AR", "CL", "CO"}


def test_several_countries_and_outlet_types_in_each_split() -> None:
    """The development part and the held-out parts pooled hold all five main countries; each
    held-out file, written from the pages still unclaimed, at least three of them and at least
    five countries in all; every file at least four outlet types."""
    held = {d.country for split in devset.HELD_OUT for d in DOCS[split]}
    assert MAIN_COUNTRIES <= {d.country for d in DOCS["dev"]} and MAIN_COUNTRIES <= held
    for split in devset.SPLITS:
        countries = {d.country for d in DOCS[split]}
        types = {d.outlet_type for d in DOCS[split]}
        assert len(MAIN_COUNTRIES & countries) >= 3 and len(countries) >= 5, (split, countries)
        assert len(types) >= 4, (split, types)


def test_every_quantity_is_in_its_sentence_with_a_base_unit() -> None:
    for d in ALL:
        for s in d.sentences:
            for q in s.quantities:
                assert q.text in s.text, (s.id, q.text)
                assert q.unit in BASE_UNITS, (s.id, q.text, q.unit)
            for q in s.unscored:
                assert q.text in s.text, (s.id, q.text)
                # an amount goes to "unscored" only when no base unit can hold it
                assert q.unit not in BASE_UNITS, (s.id, q.text, q.unit)


def test_years_and_dates_are_well_formed() -> None:
    for d in ALL:
        for q in d.quantities:
            if q.unit == "year":
                # mostly 1900 to 2100; a climate model's "hasta el año 2.200" is one too
                assert 1000 <= q.value <= 2999 and q.value == int(q.value), (d.id, q.text)
            if q.unit == "date":
                v = int(q.value)
                assert v == q.value, (d.id, q.text)
                month, day = v // 100 % 100, v % 100
                assert 1 <= month <= 12 and 1 <= day <= 31, (d.id, q.text)


def test_some_sentences_have_no_quantity() -> None:
    """A tenth to two fifths of the sentences carry no quantity (some of them only digits in
    names): the first files were about 15 %, the batches taken as they came (the later held-out
    files, the second annotator's ``d1000`` batches) 40 to 50 %."""
    sentences = [s for d in ALL for s in d.sentences]
    empty = sum(1 for s in sentences if not s.quantities)
    assert 0.10 <= empty / len(sentences) <= 0.40, empty / len(sentences)


def test_load_names_the_line_of_a_bad_document(tmp_path: Path) -> None:
    good = json.loads((devset.DEV_DIR / "dev.jsonl").read_text(encoding="utf-8").splitlines()[0])
    bad = {**good, "sentences": [{"text": "Cuesta 5 euros.", "quantities": [{"text": "5 euros"}]}]}
    (tmp_path / "dev.jsonl").write_text(
        json.dumps(good) + "\n" + json.dumps(bad) + "\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match=r"dev\.jsonl:2, sentence 1, quantity 1: .*'value'"):
        devset.load("dev", tmp_path)
    with pytest.raises(ValueError, match="split must be one of"):
        devset.load("train", tmp_path)


def test_scorer_counts_hits_misses_units_and_unscored() -> None:
    """A hand-made prediction table: one hit, one wrong unit, one spurious, one unscored."""
    sentence = devset.Sentence(
        "t-s01",
        "Costó 14 mil millones de pesos y 5 millones de dólares en 2021.",
        (
            devset.GoldQuantity("5 millones de dólares", 5e6, "USD"),
            devset.GoldQuantity("2021", 2021, "year"),
        ),
        (devset.GoldQuantity("14 mil millones de pesos", 1.4e10, "CLP"),),
    )
    doc = devset.Document(
        "t", "dev", "https://example.org", "x", "CL", "newspaper", "t", (sentence,)
    )
    text = doc.text
    rows = [
        ("14 mil millones de pesos", 1.4e10, "count"),  # overlaps the unscored amount
        ("5 millones de dólares", 5e6, "USD"),  # hit
        ("2021", 2021.0, "count"),  # right value, wrong unit
        ("Costó", 1.0, "count"),  # spurious
    ]
    pred = pd.DataFrame(
        {
            "text": [r[0] for r in rows],
            "value": [r[1] for r in rows],
            "unit": [r[2] for r in rows],
            "start": [text.find(r[0]) for r in rows],
            "end": [text.find(r[0]) + len(r[0]) for r in rows],
        }
    )
    strict, loose = devset.score_document(doc, pred)
    assert (strict.true_positives, strict.predicted, strict.gold) == (1, 3, 2)
    assert (loose.true_positives, loose.predicted, loose.gold) == (2, 3, 2)


def test_evaluate_pools_every_document_of_a_split() -> None:
    """The table counts every gold quantity of the files, and errors() lists what it misses.

    No score is asserted (the pipeline's own tests do that); only that the scorer sees all of
    the set and that its counts add up.
    """
    table = devset.evaluate("dev").set_index("split")
    gold = sum(len(d.quantities) for d in DOCS["dev"])
    row = table.loc["dev"]
    assert row["documents"] == len(DOCS["dev"])
    assert row["sentences"] == sum(len(d.sentences) for d in DOCS["dev"])
    assert row["gold"] == gold
    assert 0.0 <= row["precision"] <= 1.0
    assert 0.0 <= row["value_unit_recall"] <= 1.0 and 0.0 <= row["value_recall"] <= 1.0
    errs = devset.errors("dev")
    assert (errs["kind"] == "missed").sum() == gold - row["true_positives"]
    assert (errs["kind"] == "spurious").sum() == row["predicted"] - row["true_positives"]


def _number(doc_id: str) -> int:
    return int(doc_id.removeprefix("d"))


def test_every_first_reading_is_a_batch_of_the_development_part() -> None:
    """arrivals.csv: each batch is a run of dev documents with no overlap, and its first reading
    counts no more documents than the run holds (a batch never loses a document once scored,
    so the counts are equal) and no more hits than it could have."""
    readings = devset.first_readings()
    dev_numbers = {_number(d.id) for d in DOCS["dev"]}
    previous_last = 0
    for r in readings.itertuples():
        first, last = _number(r.first_id), _number(r.last_id)
        assert previous_last < first <= last, (r.first_id, r.last_id)
        previous_last = last
        run = [n for n in dev_numbers if first <= n <= last]
        assert len(run) == r.documents == last - first + 1, (r.first_id, len(run))
        assert r.value_true_positives >= r.true_positives
    assert set(readings["tuned_in_round"]) == set(
        range(2, int(readings["tuned_in_round"].max()) + 1)
    )


def test_first_readings_pool_by_round() -> None:
    by_round = devset.first_readings_by_round().set_index("tuned_in_round")
    readings = devset.first_readings()
    six = readings[readings["tuned_in_round"] == 6]
    assert by_round.loc[6, "batches"] == len(six)
    assert by_round.loc[6, "precision"] == six["true_positives"].sum() / six["predicted"].sum()
    # the second round's first three batches, as data/gold/dev/README.md gives them: 0.927 / 0.900
    three = readings.iloc[:3]
    assert round(three["true_positives"].sum() / three["predicted"].sum(), 3) == 0.927
    assert round(three["true_positives"].sum() / three["gold"].sum(), 3) == 0.900


def test_a_bad_first_reading_names_its_row_and_column(tmp_path: Path) -> None:
    """arrivals.csv is checked like a curated table: one line naming the file, the data row
    (counted from 1 below the header) and the column, for a bad cell and for the rule across
    columns."""
    lines = (devset.DEV_DIR / "arrivals.csv").read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "arrivals.csv"
    bad.write_text(
        "\n".join([lines[0], lines[1], lines[2].replace(",10,", ",ten,", 1)]) + "\n",
        encoding="utf-8",
    )
    with pytest.raises(
        DataError, match=r"arrivals\.csv: row 2, column 'documents': fails coerce_dtype.*'ten'"
    ):
        devset.first_readings(bad)
    cols = lines[1].split(",")
    cols[7] = str(int(cols[5]) + 1)  # more hits than gold quantities
    bad.write_text("\n".join([lines[0], ",".join(cols)]) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"arrivals\.csv: row 1, columns .*'true_positives'"):
        devset.first_readings(bad)
    bad.write_text(lines[0].replace(",note", "") + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"arrivals\.csv: missing column 'note'"):
        devset.first_readings(bad)


def test_a_second_blind_reading_agrees_with_the_gold() -> None:
    """second_reading.jsonl: a second annotator's blind reading of whole held-out files (the
    sentences only, never the gold nor the pipeline's output). The gold is only as good as two
    careful readers' agreement: each file's agreement must stay at 0.95 or above."""
    table = devset.agreement().set_index("split")
    second = devset.read(devset.DEV_DIR / "second_reading.jsonl")
    assert table["documents"].sum() == len(second) >= 40
    for split, row in table.iterrows():
        assert split in devset.HELD_OUT
        # every document of the split was read a second time
        assert row["documents"] == len(devset.load(str(split)))
        assert row["precision"] >= 0.95 and row["recall"] >= 0.95, (split, row.to_dict())


def test_agreement_counts_a_disagreement(tmp_path: Path) -> None:
    """A second reading that drops one gold quantity and changes the unit of another loses two
    matches and reads one quantity the gold does not have; a sentence that is not the gold's is
    named by its line."""
    lines = (devset.DEV_DIR / "second_reading.jsonl").read_text(encoding="utf-8").splitlines()
    docs = [json.loads(line) for line in lines]
    doc = next(d for d in docs if sum(len(s["quantities"]) for s in d["sentences"]) >= 2)
    quantities = [q for s in doc["sentences"] for q in s["quantities"]]
    first, second = quantities[0], quantities[1]
    second["unit"] = "bytes" if second["unit"] != "bytes" else "W"
    next(s for s in doc["sentences"] if first in s["quantities"])["quantities"].remove(first)
    path = tmp_path / "second.jsonl"
    path.write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
    row = devset.agreement(path).iloc[0]
    n = len(quantities)
    assert (row["gold"], row["second"], row["matched"]) == (n, n - 1, n - 2)
    doc["sentences"][0]["text"] += " Otra frase."
    path.write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"second\.jsonl:1: .* is not a document of the set"):
        devset.agreement(path)


def test_document_scores_add_up_to_the_split() -> None:
    """One row per document, whose counts sum to the split's pooled counts."""
    split = devset.LATEST_HELD_OUT[0]
    rows = devset.document_scores(split)
    pooled = devset.evaluate(split).iloc[0]
    assert list(rows["id"]) == [d.id for d in DOCS[split]]
    for column in ("gold", "predicted", "true_positives"):
        assert rows[column].sum() == pooled[column]


def _scores(rows: list[tuple[int, int, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["gold", "predicted", "true_positives"])


def test_interval_of_identical_documents_is_their_ratio() -> None:
    """Documents that all read 9 of 10 give 0.9 whatever the draw: the interval is a point."""
    found = devset.interval(_scores([(10, 10, 9)] * 40), resamples=999)
    assert found.precision == pytest.approx((0.9, 0.9))
    assert found.value_unit_recall == pytest.approx((0.9, 0.9))
    assert found.documents == 40 and found.confidence == 0.95


def test_interval_brackets_the_pooled_score_narrows_with_more_documents_and_repeats() -> None:
    """Half the documents perfect, half at 8 of 10: pooled 0.9, inside the interval; four times
    the documents give an interval about half as wide (the bootstrap's square root of n); the
    same seed gives the same bounds."""
    few = _scores([(10, 10, 10), (10, 10, 8)] * 10)
    many = _scores([(10, 10, 10), (10, 10, 8)] * 40)
    small, large = devset.interval(few), devset.interval(many)
    assert small.value_unit_recall[0] < 0.9 < small.value_unit_recall[1]
    wide = small.value_unit_recall[1] - small.value_unit_recall[0]
    narrow = large.value_unit_recall[1] - large.value_unit_recall[0]
    assert 0.35 < narrow / wide < 0.65
    assert devset.interval(few) == small
    # by hand: each document's recall is 1.0 or 0.8 with equal chance, so the pooled recall of
    # 20 documents has a standard deviation of 0.1 / sqrt(20) = 0.0224, and a 95% interval of
    # about 0.9 +- 1.96 * 0.0224 = [0.856, 0.944]
    assert small.value_unit_recall == pytest.approx((0.856, 0.944), abs=0.012)
