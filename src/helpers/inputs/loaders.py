"""The external datasets as tables: each loader reads its file (fetched and checksum-verified
by :mod:`helpers.inputs.datasets`), checks the columns the book relies on with a
:mod:`pandera` schema, and renames them to snake_case. A malformed file fails with a message
naming the file, the row and the column rather than with a traceback from deep inside pandas.
"""

from __future__ import annotations

from functools import cache

import pandas as pd
import pandera.pandas as pa

from helpers import formats
from helpers.errors import DataError, describe_schema_errors
from helpers.inputs.datasets import fetch

#: The dataset columns of names a page may show (a system, a chip, a model, an owner): text
#: from outside, registered so that it shows literally wherever a notebook puts it
#: (:func:`helpers.formats.untrusted`; a pasted value is escaped anyway).
_NAME_COLUMNS = [
    "Name",
    "Site",
    "Country",
    "Owner",
    "Sector",
    "Accelerator/Co-Processor",
    "Chip type (primary)",
    "Hardware name",
    "Manufacturer",
    "Model",
    "Organization",
    "Training hardware",
]


def _validated(df: pd.DataFrame, schema: pa.DataFrameSchema, where: str) -> pd.DataFrame:
    try:
        table = schema.validate(df, lazy=True)
    except (pa.errors.SchemaErrors, pa.errors.SchemaError) as err:
        raise DataError(describe_schema_errors(err, where)) from None
    formats.untrusted_columns(table, _NAME_COLUMNS)
    return table


def _read_csv(key: str) -> tuple[pd.DataFrame, str]:
    path = fetch(key)
    try:
        return pd.read_csv(path, low_memory=False), str(path)
    except (UnicodeDecodeError, pd.errors.ParserError) as err:
        raise DataError(f"{path}: cannot be read as CSV ({err})") from None


_TOP500_SCHEMA = pa.DataFrameSchema(
    {
        "Rank": pa.Column(int, pa.Check.in_range(1, 500), unique=True),
        "Name": pa.Column(str, nullable=True),
        "Site": pa.Column(str),
        "Country": pa.Column(str),
        "Continent": pa.Column(str),
        "Rmax [TFlop/s]": pa.Column(float, pa.Check.gt(0)),
        "Rpeak [TFlop/s]": pa.Column(float, pa.Check.gt(0)),
        "Power (kW)": pa.Column(float, pa.Check.gt(0), nullable=True),
        "Accelerator/Co-Processor": pa.Column(str, nullable=True),
    },
    strict=False,
    coerce=True,
)


@cache
def load_top500() -> pd.DataFrame:
    """The June 2025 TOP500 list with tidy columns.

    Adds ``rmax_flops`` and ``rpeak_flops`` (FLOP/s, FP64 HPL), ``power_w`` (W, empty where
    the system reports none) and ``efficiency_flops_per_w`` (FLOP/s per W).
    """
    path = fetch("top500")
    try:
        raw = pd.read_excel(path, sheet_name="65", engine="calamine")
    except ValueError as err:
        raise DataError(f"{path}: no sheet '65' with the June 2025 list ({err})") from None
    df = _validated(raw, _TOP500_SCHEMA, str(path))
    out = pd.DataFrame(
        {
            "rank": df["Rank"],
            "name": df["Name"].fillna(df["Site"]),
            "site": df["Site"],
            "country": df["Country"],
            "continent": df["Continent"],
            "accelerator": df["Accelerator/Co-Processor"].fillna("none"),
            "rmax_flops": df["Rmax [TFlop/s]"] * 1e12,
            "rpeak_flops": df["Rpeak [TFlop/s]"] * 1e12,
            "power_w": df["Power (kW)"] * 1e3,
        }
    )
    out["efficiency_flops_per_w"] = out["rmax_flops"] / out["power_w"]
    return out.sort_values("rank").reset_index(drop=True)


_CLUSTERS_SCHEMA = pa.DataFrameSchema(
    {
        "Name": pa.Column(str),
        "Status": pa.Column(str, pa.Check.isin(["Existing", "Planned", "Decommissioned"])),
        "Country": pa.Column(str, nullable=True),
        "Sector": pa.Column(str, nullable=True),
        "Owner": pa.Column(str, nullable=True),
        "H100 equivalents": pa.Column(float, pa.Check.ge(0), nullable=True),
        "Chip type (primary)": pa.Column(str, nullable=True),
        "Chip quantity (primary)": pa.Column(float, pa.Check.ge(0), nullable=True),
        "Power Capacity (MW)": pa.Column(float, pa.Check.ge(0), nullable=True),
        "16-bit OP/s": pa.Column(float, pa.Check.ge(0), nullable=True),
        "First Operational Date": pa.Column(str, nullable=True),
        "Single cluster?": pa.Column(str, nullable=True),
        "Include in Standard Analysis": pa.Column(object, nullable=True),
        "Superseded by": pa.Column(str, nullable=True),
    },
    strict=False,
    coerce=True,
)


@cache
def load_gpu_clusters() -> pd.DataFrame:
    """Epoch AI's GPU-cluster database with tidy columns.

    ``h100e`` is Epoch's H100-equivalent count; ``power_w`` is the power capacity (W);
    ``bf16_flops`` the 16-bit peak (FLOP/s); ``standard`` is Epoch's "Include in Standard
    Analysis" flag (it leaves out claims from papers and benchmark submissions);
    ``superseded_by`` names the later phase of the same cluster, if any; ``name`` drops the stray quote marks Epoch
    keeps in some names (``"Jupiter, Jülich"``).
    """
    raw, where = _read_csv("gpu_clusters")
    df = _validated(raw, _CLUSTERS_SCHEMA, where)
    return pd.DataFrame(
        {
            "name": df["Name"].str.strip().str.strip('"'),
            "status": df["Status"],
            "country": df["Country"],
            "sector": df["Sector"],
            "owner": df["Owner"],
            "chip": df["Chip type (primary)"],
            "chips": df["Chip quantity (primary)"],
            "h100e": df["H100 equivalents"],
            "power_w": df["Power Capacity (MW)"] * 1e6,
            "bf16_flops": df["16-bit OP/s"],
            "first_operational": pd.to_datetime(df["First Operational Date"], errors="coerce"),
            "single_cluster": df["Single cluster?"],
            "standard": df["Include in Standard Analysis"]
            .astype("string")
            .str.lower()
            .eq("true")
            .fillna(False),
            "superseded_by": df["Superseded by"],
        }
    )


def _tidy(
    raw: pd.DataFrame, schema: pa.DataFrameSchema, names: dict[str, str], where: str
) -> pd.DataFrame:
    """Validate the columns the book uses, then rename them to snake_case (others kept as they are)."""
    return _validated(raw, schema, where).rename(columns=names)


def _numeric(columns: list[str]) -> dict[str, pa.Column]:
    return {c: pa.Column(float, pa.Check.ge(0), nullable=True) for c in columns}


_HARDWARE_NAMES = {
    "Hardware name": "name",
    "Manufacturer": "manufacturer",
    "Type": "type",
    "Release date": "release_date",
    "Release price (USD)": "price_usd",
    "Tensor-FP16/BF16 performance (FLOP/s)": "bf16_flops",
    "FP8 performance (FLOP/s)": "fp8_flops",
    "FP4 performance (FLOP/s)": "fp4_flops",
    "FP64 (double precision) performance (FLOP/s)": "fp64_flops",
    "FP32 (single precision) performance (FLOP/s)": "fp32_flops",
    "FP16 (half precision) performance (FLOP/s)": "fp16_flops",
    "TF32 (TensorFloat-32) performance (FLOP/s)": "tf32_flops",
    "INT8 performance (OP/s)": "int8_ops",
    "Memory (bytes)": "memory_bytes",
    "Memory bandwidth (byte/s)": "memory_bandwidth_bytes_per_s",
    "Intranode bandwidth (byte/s)": "intranode_bandwidth_bytes_per_s",
    "Internode bandwidth (bit/s)": "internode_bandwidth_bits_per_s",
    "TDP (W)": "tdp_w",
    "Die Size (mm^2)": "die_mm2",
    "Process size (nm)": "process_nm",
    "Foundry": "foundry",
    "Total processing performance (bit-OP/s)": "tpp_bit_ops",
}
_HARDWARE_SCHEMA = pa.DataFrameSchema(
    {
        "Hardware name": pa.Column(str, unique=True),
        "Manufacturer": pa.Column(str, nullable=True),
        "Type": pa.Column(str, nullable=True),
        "Release date": pa.Column(str, nullable=True),
        "Foundry": pa.Column(str, nullable=True),
        **_numeric(
            [
                c
                for c in _HARDWARE_NAMES
                if c not in {"Hardware name", "Manufacturer", "Type", "Release date", "Foundry"}
            ]
        ),
    },
    strict=False,
    coerce=True,
)


@cache
def load_ml_hardware() -> pd.DataFrame:
    """Epoch AI's accelerator specifications, one row per chip.

    Throughputs are **dense** peaks in FLOP/s (or OP/s for integers), as Epoch records them;
    memory in bytes, bandwidths in bytes/s (internode in bits/s, as Epoch gives it), power in W,
    die size in mm². ``release_date`` is a timestamp (empty where Epoch has none).
    """
    raw, where = _read_csv("ml_hardware")
    df = _tidy(raw, _HARDWARE_SCHEMA, _HARDWARE_NAMES, where)
    df["release_date"] = pd.to_datetime(df["release_date"], errors="coerce")
    return df


_MODEL_NAMES = {
    "Model": "model",
    "Organization": "organization",
    "Publication date": "publication_date",
    "Domain": "domain",
    "Parameters": "parameters",
    "Training compute (FLOP)": "training_flop",
    "Training dataset size (total)": "dataset_size",
    "Confidence": "confidence",
    "Country (of organization)": "country",
    "Training hardware": "training_hardware",
    "Hardware quantity": "hardware_quantity",
    "Hardware utilization (MFU)": "mfu",
    "Training time (hours)": "training_hours",
    "Frontier model": "frontier",
    "Model accessibility": "accessibility",
    "Parameters notes": "parameters_notes",
}


def _model_schema(size_column: str, extra_text: list[str]) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "Model": pa.Column(str),
            "Organization": pa.Column(str, nullable=True),
            "Publication date": pa.Column(str, nullable=True),
            "Country (of organization)": pa.Column(str, nullable=True),
            "Training hardware": pa.Column(str, nullable=True),
            "Confidence": pa.Column(str, nullable=True),
            **{c: pa.Column(str, nullable=True) for c in extra_text},
            **_numeric(
                [
                    "Parameters",
                    "Training compute (FLOP)",
                    size_column,
                    "Hardware quantity",
                    "Hardware utilization (MFU)",
                    "Training time (hours)",
                ]
            ),
        },
        strict=False,
        coerce=True,
    )


def _models(key: str, size_column: str, extra_text: list[str]) -> pd.DataFrame:
    raw, where = _read_csv(key)
    # A few rows list two dataset sizes ("2260275840,2290000001"); the first is kept.
    sizes = raw[size_column]
    raw[size_column] = sizes.where(sizes.isna(), sizes.astype(str).str.split(",").str[0])
    names = dict(_MODEL_NAMES)
    names[size_column] = "dataset_size"
    df = _tidy(raw, _model_schema(size_column, extra_text), names, where)
    df["publication_date"] = pd.to_datetime(df["publication_date"], errors="coerce")
    return df


@cache
def load_notable_models() -> pd.DataFrame:
    """Epoch AI's notable models: ``parameters`` (count), ``training_flop`` (FLOP),
    ``dataset_size`` (data points, tokens for language models), ``publication_date``."""
    return _models(
        "notable_models",
        "Training dataset size (total)",
        ["Domain", "Frontier model", "Model accessibility", "Parameters notes"],
    )


@cache
def load_large_scale_models() -> pd.DataFrame:
    """Epoch AI's models trained with more than 1e23 FLOP (an older snapshot than the notable
    models: values can differ, e.g. DeepSeek-V3's training compute)."""
    return _models(
        "large_scale_models",
        "(DEPRECATED) Training dataset size (datapoints)",
        ["Domain", "Model accessibility", "Parameters notes"],
    )


_OWNERS_NAMES = {
    "Owner": "owner",
    "Start date": "start_date",
    "End date": "end_date",
    "Compute estimate in H100e (median)": "h100e",
    "H100e (5th percentile)": "h100e_p5",
    "H100e (95th percentile)": "h100e_p95",
    "Number of Units": "units",
    "Power in MW (median)": "power_mw",
    "Incomplete": "incomplete",
}
_OWNERS_SCHEMA = pa.DataFrameSchema(
    {
        "Owner": pa.Column(str),
        "Start date": pa.Column(str),
        "End date": pa.Column(str),
        "Incomplete": pa.Column(object, nullable=True),
        **_numeric(
            [
                "Compute estimate in H100e (median)",
                "H100e (5th percentile)",
                "H100e (95th percentile)",
                "Number of Units",
                "Power in MW (median)",
            ]
        ),
    },
    strict=False,
    coerce=True,
)


@cache
def load_chip_owners() -> pd.DataFrame:
    """Epoch AI's estimates of cumulative NVIDIA compute owned, per owner and quarter:
    ``h100e`` (median) with ``h100e_p5``/``h100e_p95`` (the 5–95 % band), ``units``,
    ``power_mw``; ``end_date`` is the quarter's last day."""
    raw, where = _read_csv("chip_owners")
    df = _tidy(raw, _OWNERS_SCHEMA, _OWNERS_NAMES, where)
    for col in ("start_date", "end_date"):
        df[col] = pd.to_datetime(df[col])
    df["incomplete"] = df["incomplete"].astype("string").str.lower().isin(["true", "yes", "1"])
    return df.sort_values(["owner", "end_date"]).reset_index(drop=True)


def one_row(table: pd.DataFrame, column: str, value: object, where: str) -> pd.Series:
    """The one row of ``table`` whose ``column`` equals ``value``; a :class:`DataError` naming
    ``where`` (the dataset), the column and the value when there is none or more than one."""
    hits = table[table[column] == value]
    if len(hits) != 1:
        raise DataError(f"{where}: expected one row with {column} = {value!r}, found {len(hits)}")
    return hits.iloc[0]
