"""The parameter contract of each notebook.

Each notebook has one cell tagged ``parameters`` holding literals. The names, types,
units and allowed ranges of those literals are declared here, once, as a pydantic model
per notebook, so that:

- the notebook validates what papermill injected (:func:`validate`) before it computes
  anything, and stops with one line naming the parameter and what is allowed;
- a run or a scenario can be checked before a kernel starts (:func:`check_overrides`);
- a test keeps the literals in the notebook equal to the defaults declared here.

papermill alone only warns about an unknown name; here it is an error.

Why this module is long: every parameter of every notebook is declared here, once, with its
type, unit, range, meaning and how the sensitivity analysis treats it (:func:`varied`,
:func:`held_fixed`); one file keeps the whole contract in view, as the scenarios file and the
chapters' parameter cells are checked against it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from helpers.errors import ParameterError

#: How the sensitivity analysis (:mod:`helpers.analysis.sensitivity`) treats a parameter,
#: declared once, beside its range: ``varied`` over the range with a distribution, or
#: ``held_fixed``; each with the reason.
Distribution = Literal["uniform", "log-uniform", "choice"]


def varied(
    distribution: Distribution, why: str, low: float | None = None, high: float | None = None
) -> dict[str, Any]:
    """A parameter the sensitivity analysis varies: ``uniform`` or ``log-uniform`` over its
    range (``low``/``high`` narrow it, with the reason in ``why``), or ``choice`` (each
    allowed value equally likely)."""
    return {"sensitivity": {"distribution": distribution, "why": why, "low": low, "high": high}}


def held_fixed(why: str) -> dict[str, Any]:
    """A parameter the sensitivity analysis leaves at its default, and why."""
    return {"sensitivity": {"distribution": "fixed", "why": why}}


#: Lists of names the data decide, by key: a function giving the names, and what they are.
#: ``helpers.inputs`` registers them (:mod:`helpers.inputs.names`) when it is imported.
NAME_SOURCES: dict[str, tuple[Callable[[], Collection[str]], str]] = {}


def names_from(source: str) -> dict[str, Any]:
    """A parameter whose values (a name, or a list of names) must be in the list ``source`` of
    :data:`NAME_SOURCES`: checked when the parameters are validated."""
    return {"names_from": source}


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    #: Whether the scenario sweep evaluates the notebook under every scenario: its parameters
    #: are assumptions about the world, and its analysis module has a ``key_figures`` function
    #: (:mod:`helpers.analysis.keyfigures`). Not for a notebook whose parameters only choose
    #: what to show or which article to read.
    swept: ClassVar[bool] = True


class GermanyJupiter(_Params):
    """Parameters of ``notebooks/germany_jupiter.ipynb``."""

    top_n: int = Field(
        100,
        ge=10,
        le=500,
        description="systems of the TOP500 list in the chart, by rank (count)",
        json_schema_extra=held_fixed("chooses what a chart shows; no key figure reads it"),
    )
    highlight_continent: Literal["Europe", "Asia", "North America"] = Field(
        "Europe",
        description="continent coloured in the charts",
        json_schema_extra=held_fixed("chooses what a chart shows; no key figure reads it"),
    )
    n_clusters: int = Field(
        20,
        ge=5,
        le=60,
        description="AI clusters in the comparison chart, largest first (count)",
        json_schema_extra=held_fixed("chooses what a chart shows; no key figure reads it"),
    )
    usd_per_eur: float = Field(
        1.1673,
        ge=0.5,
        le=2.0,
        description="exchange rate, US dollars per euro (default: ECB reference rate of 18 Aug 2025)",
        json_schema_extra=varied(
            "uniform",
            "no source gives a distribution of future exchange rates; the range is the contract's",
        ),
    )
    superchips: int | None = Field(
        None,
        ge=1_000,
        le=30_000,
        description="GH200 superchips in JUPITER (count; None uses Epoch AI's count)",
        json_schema_extra=varied(
            "uniform",
            "the machine's size, from a small partition to more than Epoch AI counts; the baseline is Epoch's count",
        ),
    )
    utilisation: float = Field(
        0.4,
        ge=0.05,
        le=0.8,
        description="model FLOP utilisation (MFU), fraction of peak",
        json_schema_extra=varied(
            "uniform",
            "the MFUs Epoch AI records for notable models spread over much of the range, in no shape a source fixes",
        ),
    )
    machine_share: float = Field(
        1.0,
        ge=0.01,
        le=1.0,
        description="share of JUPITER's GPUs given to one training run (fraction)",
        json_schema_extra=varied(
            "uniform", "how JUPITER's time is shared between projects is not published"
        ),
    )
    precision: Literal["bf16", "fp8"] = Field(
        "bf16",
        description="arithmetic of the training runs",
        json_schema_extra=varied("choice", "two formats, each a real way to train: equally likely"),
    )
    german_model_params: float = Field(
        7e9,
        ge=1e8,
        le=1e12,
        description="parameters of a German-language model to train (count)",
        json_schema_extra=varied(
            "log-uniform",
            "a model size spanning several orders of magnitude: each order equally likely, as sizes are chosen on a log scale",
        ),
    )
    reference_models: list[str] = Field(
        ["GPT-3 175B (davinci)", "DeepSeek-V3", "Llama 3.1-405B"],
        min_length=1,
        max_length=8,
        description="Epoch AI notable models whose training compute JUPITER would redo (names)",
        json_schema_extra=held_fixed(
            "names: which models to retrain is a question asked of the chapter, not an assumption about the world"
        )
        | names_from("notable_models_with_compute"),
    )


class ChipsMoney(_Params):
    """Parameters of ``notebooks/chips_money.ipynb``."""

    reference_model: Literal[
        "DeepSeek-V3",
        "DeepSeek-R1",
        "DeepSeek-R1 (May 2025)",
        "DeepSeek-V2.5",
        "DeepSeek-V4-Flash",
        "DeepSeek-V4-Pro",
    ] = Field(
        "DeepSeek-V3",
        description="Epoch AI model whose training compute is the reference run",
        json_schema_extra=held_fixed(
            "a name: which run to reproduce is a question asked of the chapter, not an assumption"
        ),
    )
    n_chips: int = Field(
        2048,
        ge=64,
        le=100_000,
        description="accelerators in the training cluster (count)",
        json_schema_extra=varied(
            "log-uniform",
            "cluster sizes span several orders of magnitude: each order equally likely",
        ),
    )
    utilisation_nvidia: float = Field(
        0.33,
        ge=0.05,
        le=0.8,
        description="fraction of the 16-bit dense peak sustained on NVIDIA chips",
        json_schema_extra=varied(
            "uniform",
            "no source fixes a distribution of utilisation; uniform over the contract's range",
        ),
    )
    utilisation_huawei: float = Field(
        0.30,
        ge=0.05,
        le=0.8,
        description="fraction of the 16-bit dense peak sustained on Huawei Ascend chips",
        json_schema_extra=varied(
            "uniform",
            "no source fixes a distribution of utilisation; uniform over the contract's range",
        ),
    )
    utilisation_other_china: float = Field(
        0.30,
        ge=0.05,
        le=0.8,
        description="fraction of the 16-bit dense peak sustained on other Chinese chips (Cambricon, Kunlunxin, Moore Threads)",
        json_schema_extra=varied(
            "uniform",
            "no source fixes a distribution of utilisation; uniform over the contract's range",
        ),
    )
    usd_per_eur: float = Field(
        1.1673,
        ge=0.8,
        le=1.6,
        description="exchange rate, US dollars per euro",
        json_schema_extra=varied(
            "uniform",
            "no source gives a distribution of future exchange rates; the range is the contract's",
        ),
    )


class ChinaGpus(_Params):
    """Parameters of ``notebooks/china_gpus.ipynb``."""

    rule: Literal["2022", "2023"] = Field(
        "2023",
        description="US export rule drawn in the chip chart and headlined (year of the rule)",
        json_schema_extra=held_fixed(
            "chooses which rule the chip chart draws; the key figures count both rules"
        ),
    )
    chips: list[str] = Field(
        [
            "NVIDIA A100 SXM4 80 GB",
            "NVIDIA A800 SXM",
            "NVIDIA H100 SXM5 80GB",
            "NVIDIA H800 SXM5",
            "NVIDIA HGX H20",
            "NVIDIA B200",
            "NVIDIA L20 PCle",
            "NVIDIA GeForce RTX 4090",
            "Huawei Ascend 910",
            "Huawei Ascend 910B",
            "Huawei Ascend 910C",
            "Biren BR100",
            "Cambricon MLU290-M5",
            "MetaX MXC500 (OAM)",
            "MTT S4000",
            "Baidu Kunlun II",
        ],
        min_length=3,
        max_length=40,
        description="accelerators tested against the rules (Epoch AI hardware names, 3 to 40)",
        json_schema_extra=held_fixed(
            "names: which chips to test is a question asked of the chapter"
        )
        | names_from("accelerators"),
    )
    bytes_per_parameter: float = Field(
        2.0,
        ge=0.5,
        le=4.0,
        description="bytes per GLM-130B weight for the single-server verdict (2 = FP16, 1 = INT8, 0.5 = INT4)",
        json_schema_extra=varied(
            "uniform",
            "from INT4 to FP32 weights: a serving format is a choice, none more likely by any source",
        ),
    )
    memory_overhead: float = Field(
        1.2,
        ge=1.0,
        le=3.0,
        description="memory for inference as a multiple of the weights (activations, KV cache; factor)",
        json_schema_extra=varied(
            "uniform", "activations and KV cache depend on context and batch, which no source fixes"
        ),
    )
    gpu_hours_scope: Literal["full", "pretraining"] = Field(
        "full",
        description="DeepSeek-V3 GPU-hours used for its utilisation (whole training or pretraining)",
        json_schema_extra=varied(
            "choice", "two readings of DeepSeek's report, both defensible: equally likely"
        ),
    )


class AiFactories(_Params):
    """Parameters of ``notebooks/ai_factories.ipynb``: the growth fit, the reader's compute
    budget, and the reader's assumptions for the lifecycle model and the AI factory."""

    fit_start_year: int = Field(
        2010,
        ge=1990,
        le=2022,
        description="first publication year of the models in the growth fit (year)",
        json_schema_extra=varied(
            "uniform",
            "where the deep-learning era starts is a judgement; every year of the range equally likely",
        ),
    )
    fit_population: Literal["notable", "frontier"] = Field(
        "notable",
        description="models in the growth fit: all notable models, or Epoch AI's frontier models",
        json_schema_extra=varied("choice", "two populations Epoch AI publishes: equally likely"),
    )
    n_bootstrap: int = Field(
        2000,
        ge=200,
        le=20_000,
        description="bootstrap resamples for the growth interval (count)",
        json_schema_extra=held_fixed(
            "a numerical setting of the interval, not an assumption about the world"
        ),
    )
    bootstrap_seed: int = Field(
        20250318,
        ge=0,
        le=2**32 - 1,
        description="numpy random seed of the bootstrap (integer)",
        json_schema_extra=held_fixed(
            "a numerical setting of the interval, not an assumption about the world"
        ),
    )
    compute_budget_flop: float = Field(
        1e25,
        ge=1e20,
        le=1e29,
        description="the reader's training budget for the Chinchilla split (FLOP)",
        json_schema_extra=varied(
            "log-uniform", "budgets span several orders of magnitude: each order equally likely"
        ),
    )
    chinchilla_fit: Literal["hoffmann_2022", "besiroglu_2024"] = Field(
        "besiroglu_2024",
        description="published loss fit used for the compute-optimal split",
        json_schema_extra=varied("choice", "two published fits of the same law: equally likely"),
    )
    model_parameters: float = Field(
        37e9,
        ge=1e8,
        le=1e13,
        description="parameters active per token of the deployed model (parameters)",
        json_schema_extra=varied(
            "log-uniform", "model sizes span several orders of magnitude: each order equally likely"
        ),
    )
    training_tokens: float = Field(
        14.8e12,
        ge=1e9,
        le=1e15,
        description="pre-training tokens of the deployed model (tokens)",
        json_schema_extra=varied(
            "log-uniform", "datasets span several orders of magnitude: each order equally likely"
        ),
    )
    post_training_ratio: float = Field(
        0.002,
        ge=0.0,
        le=100.0,
        description="post-training compute as a multiple of pre-training (ratio; the reader's assumption)",
        json_schema_extra=varied(
            "log-uniform",
            "from DeepSeek-V3's measured share to NVIDIA's multiples of pre-training and beyond, each order of magnitude equally likely; a log scale needs a floor above zero, just under DeepSeek-V3's share",
            low=0.001,
        ),
    )
    tokens_served_per_day: float = Field(
        1e11,
        ge=1e6,
        le=1e16,
        description="tokens the model generates per day (tokens/day; the reader's assumption)",
        json_schema_extra=varied(
            "log-uniform", "demand spans ten orders of magnitude: each order equally likely"
        ),
    )
    reasoning_multiplier: float = Field(
        1.0,
        ge=1.0,
        le=1000.0,
        description="compute of an answer with test-time reasoning over a plain one (ratio; the reader's assumption)",
        json_schema_extra=varied(
            "log-uniform",
            "from none to NVIDIA's test-time multiples and beyond: each order of magnitude equally likely",
        ),
    )
    deployment_months: int = Field(
        24,
        ge=1,
        le=120,
        description="months of deployment in the lifecycle (months)",
        json_schema_extra=varied(
            "uniform", "how long a model is served: no source fixes a distribution"
        ),
    )
    chip: Literal[
        "NVIDIA A100 SXM4 80 GB",
        "NVIDIA H100 SXM5 80GB",
        "NVIDIA H200 SXM",
        "NVIDIA B200",
        "NVIDIA GB200",
        "NVIDIA B300 (Blackwell Ultra)",
        "NVIDIA GB300 (Blackwell Ultra)",
        "AMD Instinct MI300X",
        "AMD Instinct MI355X",
        "Google TPU v5p",
        "Google TPU v7 Ironwood",
    ] = Field(
        "NVIDIA H100 SXM5 80GB",
        description="accelerator of the AI factory (Epoch AI's name)",
        json_schema_extra=held_fixed(
            "a name: which accelerator the factory uses is a question asked of the chapter (and some chips have no FP8 figure)"
        ),
    )
    precision: Literal["bf16", "fp8"] = Field(
        "bf16",
        description="arithmetic of inference (dense peak used)",
        json_schema_extra=varied(
            "choice", "two formats in which H100-class chips serve models: equally likely"
        ),
    )
    factory_power_mw: float = Field(
        100.0,
        ge=1.0,
        le=10_000.0,
        description="facility power of the AI factory (MW; the reader's assumption)",
        json_schema_extra=varied(
            "log-uniform", "facilities span several orders of magnitude: each order equally likely"
        ),
    )
    pue: float = Field(
        1.2,
        ge=1.0,
        le=3.0,
        description="power usage effectiveness, facility over IT power (ratio; the reader's assumption)",
        json_schema_extra=varied(
            "uniform",
            "from a perfect facility to an old one; surveys report typical values, not a distribution",
        ),
    )
    utilisation: float = Field(
        0.3,
        ge=0.01,
        le=1.0,
        description="fraction of the chip's peak used while serving (fraction; the reader's assumption)",
        json_schema_extra=varied(
            "uniform", "serving utilisation is not published; uniform over the contract's range"
        ),
    )
    server_overhead: float = Field(
        1.5,
        ge=1.0,
        le=3.0,
        description="IT power per accelerator over its TDP: CPUs, memory, network (ratio; the reader's assumption)",
        json_schema_extra=varied(
            "uniform",
            "what CPUs, memory and network add depends on the server design, which no source fixes",
        ),
    )


class EuAccess(_Params):
    """Parameters of ``notebooks/eu_access.ipynb``: capacity for start-ups against demand."""

    share_startups: float = Field(
        0.1,
        ge=0.01,
        le=1.0,
        description="share of the GPU systems' hours given to AI start-ups (fraction; the reader's assumption)",
        json_schema_extra=varied(
            "uniform",
            "EuroHPC sets no fixed share for start-ups; uniform over the contract's range",
        ),
    )
    utilisation: float = Field(
        0.35,
        ge=0.05,
        le=0.8,
        description="model FLOP utilisation: fraction of the 16-bit peak a training run achieves "
        "(fraction; the reader's assumption)",
        json_schema_extra=varied(
            "uniform",
            "the MFUs Epoch AI records for notable models spread over much of the range, in no shape a source fixes",
        ),
    )
    price_usd_per_gpu_hour: float = Field(
        2.0,
        ge=0.5,
        le=15.0,
        description="cloud rental price of one H100-class GPU for one hour (USD)",
        json_schema_extra=varied(
            "uniform",
            "cloud prices range from the long tail to on-demand hyperscalers (fact h100_cloud_price_2026_usd); no distribution",
        ),
    )
    reference_models: Literal["Mistral AI", "EU start-ups"] = Field(
        "Mistral AI",
        description="models whose training compute is the demand (Epoch AI's estimates)",
        json_schema_extra=varied(
            "choice", "two sets of models whose demand the chapter weighs: equally likely"
        ),
    )
    include_jupiter: bool = Field(
        True,
        description="count JUPITER (in service since 2025) with LUMI, Leonardo and MareNostrum 5",
        json_schema_extra=varied(
            "choice", "whether JUPITER's AI share is already allocated: either way equally likely"
        ),
    )


class Claims(_Params):
    """Parameters of ``notebooks/claims.ipynb``: how the entities named together are counted.
    Not swept: no scenario moves them (they choose what the heatmap shows and how close a
    curated factor must come to its fact), so every scenario's claims chapter is the same."""

    swept: ClassVar[bool] = False

    cooccurrence_scope: Literal["sentence", "article"] = Field(
        "sentence",
        description="scope shown first in the co-occurrence heatmap (one sentence or one article)",
    )
    entity_labels: list[
        Literal["ORG", "PERSON", "PLACE", "SUPERCOMPUTER", "CHIP", "AI_MODEL", "PROGRAMME", "EVENT"]
    ] = Field(
        ["ORG", "SUPERCOMPUTER", "CHIP", "AI_MODEL", "PROGRAMME"],
        min_length=1,
        max_length=8,
        description="entity labels counted in the co-occurrence heatmap (labels of data/lexicon.csv)",
    )
    furniture_entities: list[str] = Field(
        ["Facebook", "Twitter", "Flipboard", "GitHub", "insideAI News"],
        max_length=20,
        description="canonical names left out of the heatmap: share buttons, image credits, site names",
    )
    ratio_tolerance: float = Field(
        0.01,
        ge=0.0001,
        le=0.5,
        description="relative tolerance for a curated factor to count as reproduced by its fact (fraction)",
    )


class ScenariosCompared(_Params):
    """Parameters of ``notebooks/scenarios_compared.ipynb``: which scenario is the yardstick,
    and how many of the largest differences the text names."""

    swept: ClassVar[bool] = False

    reference: str = Field(
        "baseline",
        pattern=r"^[a-z0-9][a-z0-9_-]*$",
        description="scenario of notebooks/scenarios.yml the others are compared with (name)",
    )
    n_largest: int = Field(
        5,
        ge=1,
        le=20,
        description="largest differences from the reference named in the text (count)",
    )


class CheckArticle(_Params):
    """Parameters of ``notebooks/check_article.ipynb``: the article whose ledger is drafted."""

    swept: ClassVar[bool] = False

    article: str = Field(
        "seeds/001_f1c44d6456f0a48b.txt",
        min_length=1,
        max_length=4096,
        description="path of a UTF-8 article, absolute or relative to the repository root (file)",
    )


class Sensitivity(_Params):
    """Parameters of ``notebooks/sensitivity.ipynb``: which sensitivity results it reads and
    how much of them the text names."""

    swept: ClassVar[bool] = False

    sample_size: int = Field(
        1024,
        ge=64,
        le=65_536,
        description="Sobol' base sample per chapter whose results the chapter reads "
        "(count, a power of two; `make sensitivity N=…` computes them)",
    )
    min_total_effect: float = Field(
        0.01,
        ge=0.0,
        le=0.5,
        description="smallest total Sobol' index a parameter needs to be drawn (fraction of the variance)",
    )

    @field_validator("sample_size")
    @classmethod
    def _power_of_two(cls, n: int) -> int:
        if n & (n - 1):
            raise ValueError("a power of two")
        return n


#: Notebook stem -> its parameter model.
SPECS: dict[str, type[_Params]] = {
    "sensitivity": Sensitivity,
    "scenarios_compared": ScenariosCompared,
    "claims": Claims,
    "ai_factories": AiFactories,
    "china_gpus": ChinaGpus,
    "germany_jupiter": GermanyJupiter,
    "chips_money": ChipsMoney,
    "eu_access": EuAccess,
    "check_article": CheckArticle,
}


def _spec(notebook: str) -> type[_Params]:
    try:
        return SPECS[notebook]
    except KeyError:
        raise ParameterError(
            f"unknown notebook {notebook!r}: known are {', '.join(sorted(SPECS))}"
        ) from None


def allowed(model: type[_Params], name: str) -> str:
    """Describe what parameter ``name`` accepts: type, range and meaning."""
    field = model.model_fields[name]
    kind = getattr(field.annotation, "__name__", str(field.annotation))
    bounds: list[str] = []
    for meta in field.metadata:
        for attr, sign in (("ge", ">="), ("gt", ">"), ("le", "<="), ("lt", "<")):
            value = getattr(meta, attr, None)
            if value is not None:
                bounds.append(f"{sign} {value}")
    choices = getattr(field.annotation, "__args__", None)
    if choices and getattr(field.annotation, "__origin__", None) is Literal:
        kind = "one of " + ", ".join(repr(c) for c in choices)
    rng = f" {' and '.join(bounds)}" if bounds else ""
    return f"{kind}{rng} ({field.description})"


def _one_line(model: type[_Params], notebook: str, err: ValidationError) -> str:
    first = err.errors()[0]
    name = str(first["loc"][0]) if first["loc"] else "?"
    if first["type"] == "extra_forbidden":
        names = ", ".join(model.model_fields)
        return f"{notebook}: unknown parameter {name!r}; the parameters are: {names}"
    value = first.get("input")
    return (
        f"{notebook}: parameter {name!r} = {shortened(value)} is not allowed: "
        f"expected {allowed(model, name)}"
    )


#: The longest value a message quotes in full.
SHORT = 80


def shortened(value: Any, limit: int = SHORT) -> str:
    """``repr(value)``, cut to ``limit`` characters with what was left out said: a message
    about a 100,000-item list stays one readable line."""
    text = repr(value)
    if len(text) <= limit:
        return text
    size = f"{len(value):,} items, " if isinstance(value, (list, tuple, dict, set, str)) else ""
    return f"{text[: limit - 1]}… ({size}{len(text):,} characters)"


def check_overrides(notebook: str, overrides: dict[str, Any]) -> _Params:
    """Validate parameter overrides for ``notebook`` without running it."""
    model = _spec(notebook)
    try:
        checked = model(**overrides)
    except ValidationError as err:
        raise ParameterError(_one_line(model, notebook, err)) from None
    _check_names(notebook, checked)
    return checked


def _check_names(notebook: str, checked: _Params) -> None:
    """Refuse, in one line, a name that the data do not know (:func:`names_from`)."""
    for name, field in type(checked).model_fields.items():
        extra = field.json_schema_extra
        source = extra.get("names_from") if isinstance(extra, dict) else None
        if not isinstance(source, str):
            continue
        if source not in NAME_SOURCES:
            raise ParameterError(
                f"{notebook}: parameter {name!r} names {source}, but no list of them is "
                "registered: import helpers.inputs first"
            )
        known, what = NAME_SOURCES[source]
        value = getattr(checked, name)
        names = set(known())
        unknown = [v for v in (value if isinstance(value, list) else [value]) if v not in names]
        if unknown:
            close = sorted(names)[:3]
            raise ParameterError(
                f"{notebook}: parameter {name!r}: {shortened(unknown)} not in {what} "
                f"(names as written there, e.g. {', '.join(repr(c) for c in close)})"
            )


#: The first line of papermill's injected cell, and of every notebook's ``parameters`` cell.
_INJECTED_HEADER = "# Parameters"
_PARAMETERS_HEADER = "# Parameters:"


def _assigned_names(source: str) -> list[str]:
    """The names a cell of simple assignments assigns, in order (empty if it does not parse)."""
    import ast

    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    return [
        t.id
        for node in tree.body
        if isinstance(node, (ast.Assign, ast.AnnAssign))
        for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(t, ast.Name)
    ]


def _parameter_cell_names() -> list[str] | None:
    """The names assigned by the cells that set this run's parameters: the ``parameters``
    cell last run and papermill's injected cell after it, read from the kernel's history.

    ``None`` outside IPython. Only these cells count, never the globals an earlier run left
    behind, so Run All works any number of times in one kernel.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is always there in a kernel
        return None
    shell = get_ipython()
    if shell is None:
        return None
    names: list[str] = []
    for source in reversed(list(shell.user_ns.get("In", []))[:-1]):  # cells before this one
        first = source.lstrip().split("\n", 1)[0]
        if first.startswith(_INJECTED_HEADER):
            names += _assigned_names(source)
        if first.startswith(_PARAMETERS_HEADER):
            break
    return names


def validate(notebook: str, namespace: dict[str, Any]) -> _Params:
    """Validate this run's parameters (pass ``globals()``): the declared ones, read from
    ``namespace``, and any other name the ``parameters`` cell or papermill assigned.

    Call it in the cell right after the ``parameters`` cell (and papermill's injected
    cell). Inside a kernel, a failure shows as one line. Outside one (a script, a test),
    every public name in ``namespace`` that is not a module or a function counts as given.
    """
    _install_one_line_errors()
    model = _spec(notebook)
    assigned = _parameter_cell_names()
    if assigned is None:
        assigned = [
            k
            for k, v in namespace.items()
            if not k.startswith("_") and not callable(v) and type(v).__name__ != "module"
        ]
    given = {k: namespace[k] for k in model.model_fields if k in namespace}
    given.update({k: namespace.get(k) for k in assigned if k not in model.model_fields})
    return check_overrides(notebook, given)


def _install_one_line_errors() -> None:
    """Make IPython show a ParameterError (or any book error) as one line, no traceback."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover
        return
    shell = get_ipython()
    if shell is None:
        return
    from helpers.errors import ComputeRaceError

    def _handler(
        self: Any, etype: type[BaseException], value: BaseException, tb: Any, tb_offset: Any = None
    ) -> None:
        # IPython calls this instead of printing a traceback; _showtraceback sends the error
        # to the front end (and to papermill) with this one line as its whole traceback.
        self._showtraceback(etype, value, [f"{etype.__name__}: {value}"])

    shell.set_custom_exc((ComputeRaceError,), _handler)
