"""The US export controls on AI chips as computable tests, and the arithmetic of scarce compute.

The rules (Export Control Classification Number 3A090.a of the US Commerce Control List):

- **7 October 2022.** A chip is controlled if its *total processing performance* (TPP) is at
  least 4,800 **and** its aggregate bidirectional chip-to-chip (input/output) transfer rate is
  at least 600 GB/s.
- **17 October 2023.** The interconnect test is dropped. A chip is controlled if its TPP is at
  least 4,800, **or** its TPP is at least 1,600 **and** its *performance density* is at least
  5.92.

Units, throughout:

- **TPP** is BIS's dimensionless index: dense tera-operations per second × the bit length of
  the operation, taking the precision that gives the largest product (an A100's 312 TFLOP/s
  at 16 bits is 312 × 16 = 4,992). Epoch AI's ``tpp_bit_ops`` column is the same quantity in
  bit-operations per second, so TPP = ``tpp_bit_ops`` / 10¹².
- **Performance density** is TPP per mm² of die area (a dimensionless index per mm²).
- Bandwidths are in bytes/s, memory in bytes, compute in FLOP, throughput in FLOP/s.

A test whose input is missing (Epoch lists no die size or no interconnect for many chips,
Chinese ones above all) returns ``None``: *undetermined*, never a guess. Only where the
missing value cannot change the answer (a TPP below 4,800 settles the 2022 test whatever
the interconnect) is the answer given.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from helpers.analysis.compute import implied_utilisation, training_flop
from helpers.analysis.keyfigures import KeyFigures, figure
from helpers.errors import DataError
from helpers.inputs import claims, loaders
from helpers.inputs.facts import Fact, fact
from helpers.params import ChinaGpus

#: One trillion: TPP counts tera-operations, so bit-OP/s / TERA = TPP.
TERA = 1e12
#: Bit length of each arithmetic whose dense peak Epoch lists (BF16, FP8, INT8).
BITS = {"bf16": 16, "fp8": 8, "int8": 8}
#: Bytes of weight per parameter at each storage precision (16, 8 and 4 bits).
BYTES_PER_PARAMETER = {"FP16": 2.0, "INT8": 1.0, "INT4": 0.5}

RuleName = Literal["2022", "2023"]
Status = Literal["controlled", "not controlled", "undetermined"]


@dataclass(frozen=True)
class Rule:
    """The thresholds of one version of ECCN 3A090.a; ``None`` where a test is absent."""

    name: str
    #: TPP at or above which a chip is controlled (2023) or may be (2022, with the interconnect).
    tpp: float
    #: 2022 only: aggregate bidirectional chip-to-chip I/O at or above this (bytes/s).
    interconnect_bytes_per_s: float | None = None
    #: 2023 only: the lower TPP that applies together with the density test.
    tpp_with_density: float | None = None
    #: 2023 only: performance density (TPP per mm²) at or above this.
    density: float | None = None


def rules(facts: dict[str, float]) -> dict[str, Rule]:
    """The two rules from their thresholds, given as ``{fact_id: value}``.

    Needs ``us_rule_2022_tpp``, ``us_rule_2022_interconnect_bytes_s``, ``us_rule_2023_tpp``,
    ``us_rule_2023_tpp_with_density`` and ``us_rule_2023_performance_density``.
    """
    return {
        "2022": Rule(
            "2022",
            tpp=facts["us_rule_2022_tpp"],
            interconnect_bytes_per_s=facts["us_rule_2022_interconnect_bytes_s"],
        ),
        "2023": Rule(
            "2023",
            tpp=facts["us_rule_2023_tpp"],
            tpp_with_density=facts["us_rule_2023_tpp_with_density"],
            density=facts["us_rule_2023_performance_density"],
        ),
    }


def _known(value: float | None) -> bool:
    return value is not None and not pd.isna(value)


def tpp(ops_per_s: float, bit_length: int) -> float:
    """TPP of one precision: dense operations per second / 10¹² × bit length (dimensionless)."""
    if not ops_per_s > 0 or bit_length <= 0:
        raise ValueError(
            f"need positive throughput and bit length, got {ops_per_s!r}, {bit_length!r}"
        )
    return ops_per_s / TERA * bit_length


def tpp_from_bit_ops(bit_ops_per_s: float | None) -> float | None:
    """TPP from Epoch's bit-OP/s (``tpp_bit_ops``); ``None`` where Epoch has none."""
    if bit_ops_per_s is None or not _known(bit_ops_per_s):
        return None
    return float(bit_ops_per_s) / TERA


def tpp_from_throughputs(
    bf16_flops: float | None = None, fp8_flops: float | None = None, int8_ops: float | None = None
) -> float | None:
    """The largest TPP over the dense peaks given (FLOP/s or OP/s); ``None`` if none is known."""
    candidates = [
        tpp(v, bits)
        for v, bits in (
            (bf16_flops, BITS["bf16"]),
            (fp8_flops, BITS["fp8"]),
            (int8_ops, BITS["int8"]),
        )
        if v is not None and _known(v) and v > 0
    ]
    return max(candidates) if candidates else None


def performance_density(tpp_value: float | None, die_mm2: float | None) -> float | None:
    """TPP per mm² of die area; ``None`` where either is unknown or the area is not positive."""
    if not (_known(tpp_value) and _known(die_mm2)) or not die_mm2 > 0:  # type: ignore[operator]
        return None
    return float(tpp_value) / float(die_mm2)  # type: ignore[arg-type]


def controlled_2022(
    tpp_value: float | None, interconnect_bytes_per_s: float | None, rule: Rule
) -> bool | None:
    """The 2022 test: TPP ≥ threshold **and** chip-to-chip I/O ≥ threshold (bytes/s).

    Either condition known to fail settles it (``False``) even if the other is missing;
    both known to hold gives ``True``; otherwise ``None`` (undetermined).
    """
    if rule.interconnect_bytes_per_s is None:
        raise ValueError(f"rule {rule.name} has no interconnect test")
    tests = []
    for value, threshold in (
        (tpp_value, rule.tpp),
        (interconnect_bytes_per_s, rule.interconnect_bytes_per_s),
    ):
        tests.append(None if not _known(value) else bool(value >= threshold))  # type: ignore[operator]
    if False in tests:
        return False
    return True if all(t is True for t in tests) else None


def controlled_2023(tpp_value: float | None, density: float | None, rule: Rule) -> bool | None:
    """The 2023 test: TPP ≥ 4,800, **or** TPP ≥ 1,600 **and** performance density ≥ 5.92.

    A TPP at or above the upper threshold settles it without the density; a TPP below the
    lower one settles it too. Between the two, the density decides, and without it the
    answer is ``None`` (undetermined).
    """
    if rule.tpp_with_density is None or rule.density is None:
        raise ValueError(f"rule {rule.name} has no density test")
    if not _known(tpp_value):
        return None
    if tpp_value >= rule.tpp:  # type: ignore[operator]
        return True
    if tpp_value < rule.tpp_with_density:  # type: ignore[operator]
        return False
    if not _known(density):
        return None
    return bool(density >= rule.density)  # type: ignore[operator]


def status(answer: bool | None) -> Status:
    """A test's answer as a word for tables: controlled, not controlled, undetermined."""
    return "undetermined" if answer is None else ("controlled" if answer else "not controlled")


@dataclass(frozen=True)
class Supplement:
    """A value Epoch lacks, taken from a sourced fact: which column, the value and the fact id."""

    chip: str
    column: Literal["interconnect_bytes_per_s", "density"]
    value: float
    fact_id: str


def chip_table(
    hardware: pd.DataFrame,
    chips: list[str],
    rule_set: dict[str, Rule],
    supplements: list[Supplement] | tuple[Supplement, ...] = (),
) -> pd.DataFrame:
    """One row per chip in ``chips`` (Epoch names), with the inputs and both rules' verdicts.

    Columns: ``chip``, ``manufacturer``, ``release_date``, ``tpp`` (from Epoch's bit-OP/s),
    ``die_mm2``, ``density`` (TPP/mm²), ``interconnect_bytes_per_s`` (Epoch's intranode
    bandwidth), ``memory_bytes``, the ``*_source`` of density and interconnect ("Epoch", a fact
    id, or "missing"), ``status_2022`` and ``status_2023``, and ``missing`` (what is unknown).
    Sorted by TPP, largest first, then by name. An unknown chip name is an error that says
    which names exist.
    """
    unknown = [c for c in chips if c not in set(hardware["name"])]
    if unknown:
        raise DataError(
            f"Epoch's hardware table has no chip {unknown[0]!r}; names are as in the "
            "'Hardware name' column, e.g. 'NVIDIA H100 SXM5 80GB'"
        )
    rows = hardware[hardware["name"].isin(chips)].set_index("name")
    extra = {(s.chip, s.column): s for s in supplements}
    out = []
    for chip in chips:
        r = rows.loc[chip]
        t = tpp_from_bit_ops(r["tpp_bit_ops"])
        die = float(r["die_mm2"]) if _known(r["die_mm2"]) else None
        dens = performance_density(t, die)
        dens_source = "Epoch" if dens is not None else "missing"
        if dens is None and (chip, "density") in extra:
            dens, dens_source = extra[(chip, "density")].value, extra[(chip, "density")].fact_id
        bw = r["intranode_bandwidth_bytes_per_s"]
        bw = float(bw) if _known(bw) else None
        bw_source = "Epoch" if bw is not None else "missing"
        if bw is None and (chip, "interconnect_bytes_per_s") in extra:
            s = extra[(chip, "interconnect_bytes_per_s")]
            bw, bw_source = s.value, s.fact_id
        missing = [
            name for name, v in (("TPP", t), ("die size", die), ("interconnect", bw)) if v is None
        ]
        out.append(
            {
                "chip": chip,
                "manufacturer": r["manufacturer"],
                "release_date": r["release_date"],
                "tpp": t,
                "die_mm2": die,
                "density": dens,
                "density_source": dens_source,
                "interconnect_bytes_per_s": bw,
                "interconnect_source": bw_source,
                "memory_bytes": float(r["memory_bytes"]) if _known(r["memory_bytes"]) else None,
                "status_2022": status(controlled_2022(t, bw, rule_set["2022"])),
                "status_2023": status(controlled_2023(t, dens, rule_set["2023"])),
                "missing": ", ".join(missing) if missing else "",
            }
        )
    table = pd.DataFrame(out)
    return table.sort_values(
        ["tpp", "chip"], ascending=[False, True], na_position="last"
    ).reset_index(drop=True)


# ------------------------------------------------------------------------------------------
# Dense against sparse: training compute and memory
# ------------------------------------------------------------------------------------------


def sparsity_saving(total_parameters: float, active_parameters: float) -> float:
    """How many times less compute a mixture-of-experts model needs than a dense one of the
    same total size, per token: N_total / N_active (dimensionless, ≥ 1)."""
    if not (total_parameters > 0 and 0 < active_parameters <= total_parameters):
        raise ValueError(
            f"need 0 < active <= total, got {active_parameters!r}, {total_parameters!r}"
        )
    return total_parameters / active_parameters


def active_from_name(name: str) -> float | None:
    """Active parameters stated in a model's name, as in ``Qwen3-235B-A22B`` (22e9); else ``None``."""
    match = re.search(r"-A(\d+(?:\.\d+)?)B\b", name)
    return float(match.group(1)) * 1e9 if match else None


def weights_bytes(parameters: float, bytes_per_parameter: float) -> float:
    """Memory to hold a model's weights (bytes): parameters × bytes per parameter."""
    if not (parameters > 0 and bytes_per_parameter > 0):
        raise ValueError(f"need positive values, got {parameters!r}, {bytes_per_parameter!r}")
    return parameters * bytes_per_parameter


def memory_needed(parameters: float, bytes_per_parameter: float, overhead: float) -> float:
    """Memory to serve a model (bytes): weights × an overhead factor (≥ 1) for activations and
    the KV cache."""
    if overhead < 1:
        raise ValueError(f"overhead is a factor of at least 1, got {overhead!r}")
    return weights_bytes(parameters, bytes_per_parameter) * overhead


def server_memory(chip_memory_bytes: float, count: int) -> float:
    """Accelerator memory of one server (bytes): per-chip memory × chips."""
    if not (chip_memory_bytes > 0 and count > 0):
        raise ValueError(f"need positive values, got {chip_memory_bytes!r}, {count!r}")
    return chip_memory_bytes * count


# ------------------------------------------------------------------------------------------
# Shaping Epoch's tables for the chapter
# ------------------------------------------------------------------------------------------

CHINA = "China"
USA = "United States of America"


def country_group(countries: object) -> str:
    """``China``, ``United States`` or ``Other`` for Epoch's comma-separated country field.

    A model is counted as Chinese (or American) only when every listed country is China (or
    the United States); joint models go to ``Other``.
    """
    if pd.isna(countries):
        return "Other"
    parts = {p.strip() for p in str(countries).split(",") if p.strip()}
    if parts == {CHINA}:
        return "China"
    if parts == {USA}:
        return "United States"
    return "Other"


def models_by_country(models: pd.DataFrame) -> pd.DataFrame:
    """Chinese and US models with a training compute, sorted by date then name.

    Columns: ``model``, ``organization``, ``publication_date``, ``training_flop`` (FLOP),
    ``parameters``, ``confidence``, ``group`` (China / United States).
    """
    df = models[models["training_flop"].notna() & models["publication_date"].notna()].copy()
    df["group"] = df["country"].map(country_group)
    df = df[df["group"].isin(["China", "United States"])]
    cols = [
        "model",
        "organization",
        "publication_date",
        "training_flop",
        "parameters",
        "confidence",
        "group",
    ]
    return df[cols].sort_values(["publication_date", "model"]).reset_index(drop=True)


def owners_complete(owners: pd.DataFrame) -> pd.DataFrame:
    """Epoch's chip-owner estimates without the quarters Epoch marks incomplete.

    Epoch flags a partial quarter in its ``Notes`` (``"Incomplete: …"``) as well as in the
    ``incomplete`` column; both are honoured.
    """
    notes = owners.get("Notes", pd.Series("", index=owners.index)).fillna("").astype(str)
    keep = ~owners["incomplete"] & ~notes.str.startswith("Incomplete")
    return owners[keep].sort_values(["owner", "end_date"]).reset_index(drop=True)


def one_significant_figure(value: float) -> bool:
    """Whether a positive number is a round figure of one significant digit (30, 200, 20,000).

    Used to show where a dataset rounds its estimates; ``False`` for zero, negatives and NaN.
    """
    if pd.isna(value) or not value > 0:
        return False
    scale = 10.0 ** math.floor(math.log10(value))
    return math.isclose(value, round(value / scale) * scale, rel_tol=1e-9)


# --- The chapter's key figures: inputs loaded once, then a pure function of the parameters ---

#: The facts of the export rules, and those that fill Epoch's gaps (:class:`Supplement`).
RULE_FACTS = (
    "us_rule_2022_tpp",
    "us_rule_2022_interconnect_bytes_s",
    "us_rule_2023_tpp",
    "us_rule_2023_tpp_with_density",
    "us_rule_2023_performance_density",
)
SUPPLEMENTS: tuple[tuple[str, Literal["interconnect_bytes_per_s", "density"], str], ...] = (
    ("NVIDIA A800 SXM", "interconnect_bytes_per_s", "a800_nvlink_bytes_s"),
    ("NVIDIA H800 SXM5", "interconnect_bytes_per_s", "h800_nvlink_bytes_s"),
    ("NVIDIA HGX H20", "interconnect_bytes_per_s", "h20_nvlink_bytes_s"),
    ("NVIDIA HGX H20", "density", "h20_performance_density"),
)
#: The other facts the key figures read.
FACT_IDS = (
    *RULE_FACTS,
    *(s[2] for s in SUPPLEMENTS),
    "glm130b_params",
    "glm130b_tokens",
    "deepseek_v3_active_params",
    "deepseek_v3_total_params",
    "deepseek_v3_tokens",
    "deepseek_v3_gpu_hours",
    "deepseek_v3_pretraining_gpu_hours",
    "zero_adam_bytes_per_parameter",
)
#: The chips the key figures name, whatever the reader's chip list.
NAMED_CHIPS = (
    "NVIDIA A100 SXM4 80 GB",
    "NVIDIA A800 SXM",
    "NVIDIA H100 SXM5 80GB",
    "NVIDIA H800 SXM5",
    "NVIDIA HGX H20",
)


@dataclass(frozen=True, eq=False)
class Inputs:
    """What the chapter's key figures are computed from (:func:`load_inputs`); compared and
    hashed by identity, so the memoised parts below run once per ``Inputs``."""

    hardware: pd.DataFrame
    owners: pd.DataFrame
    #: The chapter's curated claims.
    ledger: pd.DataFrame
    facts: dict[str, Fact]

    def value(self, fact_id: str) -> float:
        return self.facts[fact_id].value


def load_inputs() -> Inputs:
    """Read the datasets, facts and claims of the chapter."""
    return Inputs(
        hardware=loaders.load_ml_hardware(),
        owners=owners_complete(loaders.load_chip_owners()),
        ledger=claims.for_chapter("china_gpus"),
        facts={i: fact(i) for i in FACT_IDS},
    )


def rule_set_of(inputs: Inputs) -> dict[str, Rule]:
    """The 2022 and 2023 rules, from their facts."""
    return rules({k: inputs.value(k) for k in RULE_FACTS})


def supplements_of(inputs: Inputs) -> list[Supplement]:
    """The facts that fill Epoch's gaps in the chips' data."""
    return [Supplement(chip, column, inputs.value(i), i) for chip, column, i in SUPPLEMENTS]


@functools.lru_cache(maxsize=64)
def _chips(inputs: Inputs, chips: tuple[str, ...]) -> pd.DataFrame:
    """:func:`chip_table` of ``chips``, indexed by name (memoised per chip list)."""
    return chip_table(
        inputs.hardware, list(chips), rule_set_of(inputs), supplements_of(inputs)
    ).set_index("chip")


@functools.lru_cache(maxsize=4)
def _fixed(inputs: Inputs) -> tuple[float, float]:
    """The H800's BF16 peak and China's NVIDIA compute in the last full quarter (H100e)."""
    latest = inputs.owners[inputs.owners["end_date"] == inputs.owners["end_date"].max()]
    return (
        float(inputs.hardware.set_index("name").loc["NVIDIA H800 SXM5", "bf16_flops"]),
        float(latest.set_index("owner").loc["China", "h100e"]),
    )


@functools.lru_cache(maxsize=64)
def _controlled(inputs: Inputs, chips: tuple[str, ...]) -> dict[str, int]:
    """How many of ``chips`` each rule controls."""
    table = _chips(inputs, chips)
    return {r: int((table[f"status_{r}"] == "controlled").sum()) for r in ("2022", "2023")}


def key_figures(params: ChinaGpus, inputs: Inputs) -> KeyFigures:
    """The chapter's key figures (the table nbval checks), from its parameters and inputs."""
    named = _chips(inputs, NAMED_CHIPS)
    a100, a800, h100, h20 = (
        named.loc[n]
        for n in (
            "NVIDIA A100 SXM4 80 GB",
            "NVIDIA A800 SXM",
            "NVIDIA H100 SXM5 80GB",
            "NVIDIA HGX H20",
        )
    )
    controlled = _controlled(inputs, tuple(params.chips))
    value = inputs.value
    glm_flop = training_flop(value("glm130b_params"), value("glm130b_tokens"))
    ds_flop = training_flop(value("deepseek_v3_active_params"), value("deepseek_v3_tokens"))
    ds_hours = value(
        "deepseek_v3_gpu_hours"
        if params.gpu_hours_scope == "full"
        else "deepseek_v3_pretraining_gpu_hours"
    )
    h800_bf16, china_h100e = _fixed(inputs)
    rows = [
        ("a100_tpp", "A100 TPP", a100["tpp"], "TPP"),
        ("a100_density", "A100 performance density", a100["density"], "TPP/mm2"),
        ("a800_bandwidth", "A800 chip-to-chip bandwidth", a800["interconnect_bytes_per_s"] / 1e9, "GB/s"),
        ("h100_tpp", "H100 TPP", h100["tpp"], "TPP"),
        ("h20_tpp", "H20 TPP", h20["tpp"], "TPP"),
        ("controlled_2022", "Chips controlled, 2022 rule", controlled["2022"], "count"),
        ("controlled_2023", "Chips controlled, 2023 rule", controlled["2023"], "count"),
        ("glm_flop", "GLM-130B training compute (6ND)", glm_flop / 1e21, "ZFLOP"),
        ("deepseek_flop", "DeepSeek-V3 training compute (6ND)", ds_flop / 1e21, "ZFLOP"),
        ("deepseek_saving", "DeepSeek-V3 compute saved by sparsity",
         sparsity_saving(value("deepseek_v3_total_params"), value("deepseek_v3_active_params")), "x"),
        ("deepseek_utilisation", "DeepSeek-V3 utilisation of BF16 peak",
         100 * implied_utilisation(ds_flop, ds_hours, h800_bf16), "%"),
        ("glm_serve_memory", "GLM-130B memory to serve (chosen)",
         memory_needed(value("glm130b_params"), params.bytes_per_parameter, params.memory_overhead) / 1e9,
         "GB"),
        ("glm_train_states", "GLM-130B training model states",
         weights_bytes(value("glm130b_params"), value("zero_adam_bytes_per_parameter")) / 1e12, "TB"),
        ("china_h100e", "China NVIDIA compute, last full quarter", china_h100e, "H100e"),
        ("claims", "Claims checked", len(inputs.ledger), "count"),
    ]  # fmt: skip
    return KeyFigures("china_gpus", [figure(*row) for row in rows])
