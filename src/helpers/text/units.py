"""The unit vocabulary the Spanish quantity extractor normalises to.

Every quantity :mod:`helpers.text` finds is reported as a ``value`` in one *base unit* from
:data:`BASE_UNITS`. The book compares numbers across articles, so the value is always
converted to the base unit (``petaflops`` -> ``FLOP/s`` times 10^15, ``megavatios`` -> ``W``
times 10^6, ``TB/s`` -> ``bytes/s`` times 10^12), and nothing else is done to it:

* Currencies are kept in their own ISO code (EUR, USD, GBP, CNY, JPY, KRW, and the Mexican,
  Argentine, Chilean and Colombian pesos MXN, ARS, CLP, COP). Converting money
  needs a dated exchange rate, which belongs with the curated facts, not with the parser.
* ``FLOP`` is an amount of work (training compute); ``FLOP/s`` is a speed (a machine's
  performance). Spanish press writes both as *flops*; the rule is: the SI-prefixed forms
  (``petaflops``, ``PFLOPS``, ``exaflop``) and ``FLOPS``/``flops`` are speeds, ``FLOP`` and
  ``FLOPs`` (the machine-learning convention) and *operaciones de coma flotante* or
  *cálculos* without *por segundo* are amounts; *operaciones*, *cálculos* and *transacciones*
  *por segundo*, *al segundo* or *en un segundo* are speeds.
* Calendar durations stay in the calendar unit they were given in (``months`` is not turned
  into days, because months have no fixed length); sub-day durations become ``s`` or
  ``hours``; ``semanas`` become ``days`` (x 7), ``semestres`` and ``trimestres`` ``months`` (x 6, x 3),
  ``bienios``, ``lustros`` and ``décadas`` ``years`` (x 2, x 5, x 10).
* Dates: a bare year (*En 2023*) is ``year`` with the year as value; a day and month
  (*16 de noviembre de 2023*) is ``date`` with the value ``YYYYMMDD`` as a number, the year
  being 0 when the text does not give it (*16 de noviembre* -> 1116).
* Counted things that matter for compute have their own unit (``GPUs``, ``chips``, ``cores``,
  ``nodes``, ``servers``, ``transistors``, ``parameters``, ``tokens``); any other counted noun
  (*tres superordenadores*, *17 estados miembros*) is ``count``.

This module only holds data and two tiny look-ups; the parsing lives in
:mod:`helpers.text.quantities`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

__all__ = [
    "BASE_UNITS",
    "COUNT_LIKE_UNITS",
    "CURRENCIES",
    "FLOP_UNITS",
    "PESO_CURRENCIES",
    "SI_PREFIX_SYMBOLS",
    "SI_PREFIX_WORDS",
    "UNIT_FORMS",
    "UnitForm",
    "prefix_factor",
]

#: The base units, with what one unit of ``value`` means. Keys are the strings that appear in
#: the ``unit`` column of :func:`helpers.text.extract_quantities`.
BASE_UNITS: Final[dict[str, str]] = {
    # money (no conversion between currencies)
    "EUR": "euros",
    "USD": "US dollars",
    "GBP": "pounds sterling",
    "CNY": "Chinese yuan (renminbi)",
    "JPY": "Japanese yen",
    "KRW": "South Korean won",
    "MXN": "Mexican pesos",
    "ARS": "Argentine pesos",
    "CLP": "Chilean pesos",
    "COP": "Colombian pesos",
    # compute
    "FLOP": "floating-point operations (an amount of work, e.g. training compute)",
    "FLOP/s": "floating-point operations per second (a machine's speed)",
    "OP/s": "operations per second, usually low-precision integer (TOPS)",
    "FLOP/s/W": "energy efficiency, FLOP/s per watt (Green500)",
    "GPU-hours": "hours of one GPU (training budgets)",
    # models
    "parameters": "model parameters (weights)",
    "tokens": "tokens (training data or output)",
    "tokens/s": "tokens per second (inference speed)",
    # energy, memory, network
    "W": "watts (power)",
    "Wh": "watt-hours (energy)",
    "bytes": "bytes (memory, storage); KiB-style binary prefixes are powers of 1024",
    "bytes/s": "bytes per second (memory bandwidth)",
    "bits/s": "bits per second (network links)",
    "Hz": "hertz (clock frequency)",
    "m": "metres (process nodes: 3 nm = 3e-9 m)",
    # counts
    "GPUs": "number of GPUs",
    "chips": "number of chips, accelerators or processors other than GPUs",
    "cores": "number of processor cores",
    "nodes": "number of compute nodes",
    "servers": "number of servers",
    "transistors": "number of transistors",
    "count": "a number of anything else (tres superordenadores, 17 estados miembros)",
    "rank": "a position in a ranking (el puesto 5, número 1 de la lista TOP500)",
    # ratios
    "percent": "percent (30 % -> 30)",
    "percentage points": "difference between two percentages",
    "times": "a multiplier (50 millones de veces, 30 veces más, 4x)",
    # time
    "s": "seconds",
    "hours": "hours",
    "days": "days (semanas are converted, x 7)",
    "months": "months (not converted: months have no fixed length)",
    "years": "years as a duration (décadas are converted, x 10)",
    "year": "a calendar year as a date (En 2023 -> 2023)",
    "date": "a day of a month as the number YYYYMMDD (year 0 when absent)",
}

#: The pesos that have a base unit, by the ISO 3166 code of their country. A bare *pesos*
#: (or *mdp*, or a ``$`` in a text that counts in pesos) is read as the peso of the country
#: the document is about (:mod:`helpers.text.quantities`).
PESO_CURRENCIES: Final[dict[str, str]] = {"MX": "MXN", "AR": "ARS", "CL": "CLP", "CO": "COP"}

#: The base units that are money (the first group of :data:`BASE_UNITS`, pesos included).
CURRENCIES: Final[frozenset[str]] = frozenset(
    {"EUR", "USD", "GBP", "CNY", "JPY", "KRW", *PESO_CURRENCIES.values()}
)

#: Units that count things; ``un``/``una`` in front of them is an article, not the number one.
COUNT_LIKE_UNITS: Final[frozenset[str]] = frozenset(
    {"GPUs", "chips", "cores", "nodes", "servers", "transistors", "parameters", "tokens", "count"}
)

#: Units for which a printed ``1018`` is suspicious: it is most likely 10^18 with the
#: superscript lost on the way to the web page.
FLOP_UNITS: Final[frozenset[str]] = frozenset({"FLOP", "FLOP/s", "OP/s"})

#: Spanish/SI prefix words, lower case (``petaflops``, ``megavatios``, ``terabytes``).
SI_PREFIX_WORDS: Final[dict[str, float]] = {
    "kilo": 1e3,
    "mega": 1e6,
    "giga": 1e9,
    "tera": 1e12,
    "peta": 1e15,
    "exa": 1e18,
    "zetta": 1e21,
    "zeta": 1e21,
    "yotta": 1e24,
}

#: SI prefix symbols, case-sensitive (``M`` is mega; ``m`` would be milli and is not used).
SI_PREFIX_SYMBOLS: Final[dict[str, float]] = {
    "k": 1e3,
    "K": 1e3,
    "M": 1e6,
    "G": 1e9,
    "T": 1e12,
    "P": 1e15,
    "E": 1e18,
    "Z": 1e21,
    "Y": 1e24,
}

#: Binary prefixes (``GiB``) as powers of 1024.
_BINARY_PREFIXES: Final[dict[str, float]] = {
    "K": 1024.0,
    "M": 1024.0**2,
    "G": 1024.0**3,
    "T": 1024.0**4,
    "P": 1024.0**5,
    "E": 1024.0**6,
}


def prefix_factor(prefix: str | None, *, binary: bool = False) -> float:
    """The multiplier of an SI prefix word or symbol (``"peta"`` or ``"P"`` -> 1e15).

    ``None`` or an empty string means no prefix (1.0). ``binary`` selects the powers of 1024
    used by ``KiB``/``MiB``/``GiB``.
    """
    if not prefix:
        return 1.0
    if binary:
        return _BINARY_PREFIXES[prefix.upper()]
    if prefix in SI_PREFIX_SYMBOLS:
        return SI_PREFIX_SYMBOLS[prefix]
    if len(prefix) == 1 and prefix.upper() in SI_PREFIX_SYMBOLS:
        return SI_PREFIX_SYMBOLS[prefix.upper()]  # a misspelt word's first letter ("Telops")
    # words come from case-insensitive patterns: fold as ``re`` does (Kelvin sign -> k)
    key = unicodedata.normalize("NFKC", prefix).casefold()
    return SI_PREFIX_WORDS[key]


@dataclass(frozen=True)
class UnitForm:
    """One way of writing a unit after a number.

    ``pattern`` is a regular expression matched right after the number (and its scale words);
    if it has a group named ``prefix`` that group holds an SI prefix word or symbol. The value
    in the base ``unit`` is ``number * prefix * factor``. ``attachable`` says whether the form
    may be glued to the digits (``80GB``, ``500MW``, ``4x``); word forms need a space.
    ``spaced`` says whether it may follow a space (``4x`` yes, ``4 x 8`` is not a multiplier).
    ``binary`` marks ``GiB``-style prefixes. ``local`` marks the local currency of the
    document (*pesos*, *mdp*): ``unit`` is a placeholder that
    :mod:`helpers.text.quantities` replaces by the peso of the document's country
    (:data:`PESO_CURRENCIES`).
    """

    pattern: str
    unit: str
    factor: float = 1.0
    attachable: bool = True
    binary: bool = False
    spaced: bool = True
    local: bool = False

    @property
    def regex(self) -> re.Pattern[str]:
        """The compiled pattern, with a boundary so ``GB`` does not match inside ``GBP``."""
        return _compiled(self.pattern)


_REGEX_CACHE: dict[str, re.Pattern[str]] = {}


def _compiled(pattern: str) -> re.Pattern[str]:
    """Compile once; the forms are module constants so the cache stays small."""
    rx = _REGEX_CACHE.get(pattern)
    if rx is None:
        rx = re.compile(rf"(?:{pattern})(?![^\W\d_])")
        _REGEX_CACHE[pattern] = rx
    return rx


_PW = r"(?P<prefix>kilo|mega|giga|tera|peta|exa|zetta|zeta|yotta)"
_PS = r"(?P<prefix>[kKMGTPEZY])"

#: The unit forms, tried in order (so longer and more specific forms come first:
#: ``TB/s`` before ``TB``, ``MWh`` before ``MW``, ``horas de GPU`` before ``horas``).
#: The nouns of arithmetic a machine's speed is counted in: *operaciones*, *cálculos*, and the
#: four operations (*sumas*, *restas*, *multiplicaciones*, *divisiones*) of early computers.
_OPERATIONS: Final[str] = (
    r"(?:operaci[oó]n(?:es)?|c[aá]lculos?|sumas?|restas?|multiplicaci[oó]n(?:es)?"
    r"|divisi[oó]n(?:es)?|transacci[oó]n(?:es)?)"
)

#: The second a speed is counted in: *por segundo*, *cada segundo*, *al segundo*, *en un
#: (solo) segundo*.
_PER_SECOND: Final[str] = r"(?:(?:por|cada|al)\s+segundo|en\s+un\s+(?:s[oó]lo\s+)?segundo)"

UNIT_FORMS: Final[tuple[UnitForm, ...]] = (
    # --- money ---------------------------------------------------------------------------
    # cents: "13.48 centavos de dólar", "50 céntimos", "15.6 centavos"
    UnitForm(
        r"(?i:(?:centavos?|c[eé]ntimos?)\s+de\s+d[oó]lar(?:es)?|centavos?)|¢",
        "USD",
        factor=0.01,
        attachable=False,
    ),
    UnitForm(r"(?i:c[eé]ntimos?(?:\s+de\s+euros?)?)", "EUR", factor=0.01, attachable=False),
    UnitForm(r"(?i:euros?)|€|EUR(?![A-Za-z])", "EUR", attachable=True),
    UnitForm(
        r"(?i:d[oó]lar(?:es)?)(?:\s+(?i:estadounidenses|americanos))?|US\$|USD|\$",
        "USD",
    ),
    UnitForm(r"(?i:libras)(?:\s+(?i:esterlinas))?|£|GBP", "GBP"),
    # the currencies of Asia with a base unit, singular and plural, with the country's
    # adjective ("yuanes chinos", "wones surcoreanos") and symbol ("₩")
    UnitForm(r"(?i:(?:yuan(?:es)?|renminbis?)(?:\s+chinos?)?)|CNY|RMB", "CNY"),
    UnitForm(r"(?i:(?:yenes|yen)(?:\s+japoneses)?)|JPY", "JPY"),
    UnitForm(r"(?i:(?:wones|won)(?:\s+(?:sur)?coreanos)?)|KRW|₩", "KRW"),
    # --- efficiency before plain FLOP/s ----------------------------------------------------
    UnitForm(
        rf"{_PS}(?:FLOPS|FLOP/s|[Ff]lops|F)\s*(?:/|por(?:\s+cada)?)\s*(?:W|(?i:vatios?|watts?|watios?))",
        "FLOP/s/W",
    ),
    UnitForm(
        rf"(?i:{_PW}[- ]?flo{{1,2}}ps?\s*(?:/|por(?:\s+cada)?)\s*(?:vatios?|watts?|watios?|w))",
        "FLOP/s/W",
    ),
    # --- compute ---------------------------------------------------------------------------
    # "megafloops", "Exaplop/s": typos of a prefixed flops
    UnitForm(rf"(?i:{_PW}[- ]?[fp]lo{{1,2}}ps?(?:/s)?)", "FLOP/s"),
    # "458 TFLOPS", "36 T-flops", "2 P-FLOPS": the prefix letter, a space or a hyphen
    UnitForm(rf"{_PS}[-‐\s]?(?:FLOPS|FLOP/s|Flop/s|Flops|flops|FLOPs|flop/s|flops/s)", "FLOP/s"),
    UnitForm(r"FLOP/s|FLOPS|Flop/s|FLOP/S|[Ff]lops?/s", "FLOP/s"),
    # a prefixed flops misspelt: "Telops", "teaflops", "Gigalops" (the prefix letter, what
    # is left of its word, then "flops" or "lops"); after every correct spelling
    UnitForm(
        r"(?i:(?P<prefix>[tpegmk])(?:(?<=[tT])(?:era|er|ea|ra|e|r)|(?<=[pP])(?:eta|et|ea|ta|e)"
        r"|(?<=[eE])(?:xa|x)|(?<=[gG])(?:iga|ig|ia|ga|i)|(?<=[mM])(?:ega|eg|ea|ga|e)"
        r"|(?<=[kK])(?:ilo|il|io|lo|i))?f?l[o0]{1,2}ps?(?:/s)?)",
        "FLOP/s",
    ),
    UnitForm(rf"{_PS}F/s", "FLOP/s"),  # "1,2 EF/s", "900 PF/s" in TOP500 tables
    UnitForm(rf"{_PS}FLOP(?![sS/])", "FLOP/s"),  # "12 TFLOP": a GPU's speed, as press writes it
    UnitForm(r"FLOPs|FLOP", "FLOP"),
    UnitForm(r"[Ff]lops", "FLOP/s"),
    UnitForm(
        r"(?i:operaciones\s+(?:de|en)\s+(?:coma|punto)\s+flotante\s+por\s+segundo)",
        "FLOP/s",
        attachable=False,
    ),
    UnitForm(r"(?i:operaciones\s+(?:de|en)\s+(?:coma|punto)\s+flotante)", "FLOP", attachable=False),
    # "billones de operaciones (de cálculo) por segundo", "cálculos por segundo", with up to
    # three adjectives between ("operaciones matemáticas elementales por segundo")
    UnitForm(
        rf"(?i:{_OPERATIONS}(?:\s+de\s+c[aá]lculo)?"
        r"(?:\s+(?!(?:por|cada|y|o|en|de|que|se|al|el|la|los|las)\b)[a-záéíóúñ]{3,}){0,3}"
        rf"\s+{_PER_SECOND})",
        "FLOP/s",
        attachable=False,
    ),
    # "un billón de operaciones por minuto": a machine's rate per minute, in FLOP/s (a
    # sixtieth); a bank's "transacciones por minuto" are not arithmetic
    UnitForm(
        r"(?i:(?:operaci[oó]n(?:es)?|c[aá]lculos?)(?:\s+de\s+c[aá]lculo)?(?:\s+[a-záéíóúñ]{3,}){0,2}"
        r"\s+(?:por|cada|al)\s+minuto)",
        "FLOP/s",
        factor=1 / 60,
        attachable=False,
    ),
    # the first of two operations that share one "por segundo": "5 mil sumas y 300
    # multiplicaciones por segundo", "200 restas o 40 divisiones por segundo"
    UnitForm(
        rf"(?i:{_OPERATIONS}(?=,?\s+(?:y|e|o|u)\s+(?:[\d.,]+|un|una)(?:\s+mil)?"
        rf"(?:\s+(?:millones|mil\s+millones|billones))?(?:\s+de)?\s+{_OPERATIONS}"
        rf"(?:\s+[a-záéíóúñ]{{3,}}){{0,2}}\s+{_PER_SECOND}))",
        "FLOP/s",
        attachable=False,
    ),
    # "miles de millones de cálculos" without a rate: an amount of work, like "operaciones
    # de coma flotante" (bare "operaciones" are too often a business's to be read so)
    UnitForm(r"(?i:c[aá]lculos)(?!\s+(?:por|cada|al|en\s+un)\b)", "FLOP", attachable=False),
    # "flops" machine-translated as "fracasos" (failures); only trusted next to a lost exponent.
    UnitForm(r"(?i:fracasos)", "FLOP/s", attachable=False),
    UnitForm(r"(?P<prefix>[TP])OP[Ss](?![A-Za-z])", "OP/s"),  # "45 TOPS", and "45 TOPs"
    UnitForm(r"(?i:(?P<prefix>tera|peta)ops)", "OP/s"),
    # a processor's instructions per second, and their million (*200 000 MIPS*): operations,
    # not floating-point ones
    UnitForm(
        rf"(?i:instrucci[oó]n(?:es)?(?:\s+[a-záéíóúñ]{{3,}}){{0,2}}\s+{_PER_SECOND})",
        "OP/s",
        attachable=False,
    ),
    UnitForm(r"MIPS(?![A-Za-z])", "OP/s", factor=1e6),
    # --- energy and power --------------------------------------------------------------------
    UnitForm(r"(?P<prefix>[kKMGT])[Ww][·⋅]?[hH]", "Wh"),  # MWh, MW·h, kwh
    # "14.000 megavatios por hora", "536 teravatios/hora", "900 TW la hora", "5 MW/h": an
    # energy per hour, as written
    UnitForm(
        rf"(?i:{_PW}[- ]?(?:vatios?|watts?|watios?)(?:\s+(?:por|la|a\s+la|cada)\s+|\s?/\s?)hora)",
        "Wh",
    ),
    UnitForm(r"(?P<prefix>[kKMGT])W\s*(?:/\s?h|(?i:por\s+hora|la\s+hora))", "Wh"),
    UnitForm(rf"(?i:{_PW}[- ]?(?:vatios?|watts?|watios?)[- ](?:horas?|hours?))", "Wh"),
    UnitForm(r"(?i:vatios?[- ]hora)|Wh", "Wh"),
    UnitForm(r"(?P<prefix>[kKMGT])W(?:e|t|el|th)?", "W"),  # MWe, MWt: electric, thermal
    UnitForm(r"(?P<prefix>[kKMGT])w", "W"),  # "45 Mw", "300 kw": the symbol's case mistaken
    # "613 mega watts", "5 giga-vatios": the prefix written apart
    UnitForm(rf"(?i:{_PW}[- ]?(?:vatios?|watts?|watios?))", "W"),
    UnitForm(r"(?i:vatios?|watts?|watios?)|W", "W"),
    UnitForm(r"mW", "W", factor=1e-3),  # milliwatts, as written (12,6 mW)
    UnitForm(r"CUDAs", "cores"),  # "unos 6912 CUDAs": CUDA cores
    # --- bandwidth, memory, network -------------------------------------------------------------
    UnitForm(r"(?P<prefix>[kKMGTPE])B(?:/[sS]|\s+por\s+segundo)", "bytes/s"),
    # "hasta un terabyte de datos por segundo"
    UnitForm(rf"(?i:{_PW}[- ]?bytes?(?:\s+de\s+datos)?\s*(?:/s|por\s+segundo))", "bytes/s"),
    UnitForm(r"(?P<prefix>[kMGT])(?:b/s|bps)", "bits/s"),
    # an Ethernet link by its speed: "400 GbE", "10 GigE"
    UnitForm(r"(?P<prefix>[MGT])bE(?![\w-])", "bits/s"),
    UnitForm(r"GigE(?![\w-])", "bits/s", factor=1e9),
    UnitForm(rf"(?i:{_PW}bits?\s*(?:/s|por\s+segundo))", "bits/s"),
    UnitForm(r"(?P<prefix>[KMGTPE])iB", "bytes", binary=True),
    UnitForm(r"(?P<prefix>[kKMGTPE])Bs?", "bytes"),  # "80 GB", "4 TBs"
    UnitForm(r"(?P<prefix>[kKMGTPE])bytes?", "bytes"),  # "15,000 Gbytes", "750 Mbyte"
    UnitForm(rf"(?i:{_PW}[- ]?(?:bytes?|bites))", "bytes"),  # "terabites": terabytes misspelt
    UnitForm(r"(?i:bytes)", "bytes"),
    UnitForm(r"(?P<prefix>[kMG])(?:Hz|hz|HZ)", "Hz"),  # "2,2Ghz": the symbol's case mistaken
    UnitForm(rf"(?i:{_PW}[- ]?(?:hercios?|hertz))", "Hz"),
    UnitForm(r"Hz|(?i:hercios?|hertz)", "Hz"),
    UnitForm(r"nm|(?i:nanómetros?|nanometros?)", "m", factor=1e-9),
    UnitForm(r"µm|μm|(?i:micrómetros?|micrometros?|micras?)", "m", factor=1e-6),
    UnitForm(r"mm|(?i:milímetros?|milimetros?)", "m", factor=1e-3),  # "obleas de 300 mm"
    UnitForm(r"cm|(?i:centímetros?|centimetros?)", "m", factor=1e-2),
    UnitForm(r"kms?|(?i:kilómetros?|kilometros?)", "m", factor=1e3, attachable=False),
    UnitForm(r"(?i:metros?|mts)(?!\s+(?i:cuadrados|cúbicos))", "m", attachable=False),
    # imperial lengths in wire copy translated from English (*106 kilómetros (66 millas)*);
    # square and cubic feet and miles are areas and volumes, which have no base unit
    UnitForm(r"(?i:millas?\s+n[áa]uticas?)", "m", factor=1852.0, attachable=False),
    UnitForm(
        r"(?i:millas?)(?!\s+(?i:cuadradas|c[úu]bicas))", "m", factor=1609.344, attachable=False
    ),
    UnitForm(r"(?i:pies)(?!\s+(?i:cuadrados|c[úu]bicos))", "m", factor=0.3048, attachable=False),
    # --- models --------------------------------------------------------------------------------
    UnitForm(r"(?i:parámetros|parametros|params|parameters)", "parameters", attachable=False),
    UnitForm(
        r"(?i:(?:tokens?|tok)\s*(?:/\s?s|/\s?seg(?:undo)?|por\s+segundo|al\s+segundo))",
        "tokens/s",
        attachable=False,
    ),
    UnitForm(
        r"(?i:(?:tokens?|tok)\s*(?:/\s?min(?:uto)?|por\s+minuto|al\s+minuto))",
        "tokens/s",
        factor=1 / 60,
        attachable=False,
    ),  # tokens per minute, converted
    UnitForm(r"(?i:tokens?|fichas?)", "tokens", attachable=False),  # "ficha": a token, translated
    # --- GPU time before plain hours ------------------------------------------------------------
    UnitForm(
        r"(?i:horas(?:\s+(?!de\b)[a-záéíóú]+)?(?:\s+de)?\s+(?:de\s+)?GPU|horas[- ]GPU|GPU[- ]horas)",
        "GPU-hours",
        attachable=False,
    ),
    # --- counted hardware -------------------------------------------------------------------------
    UnitForm(
        r"GPUs?|(?i:tarjetas\s+gr[aá]ficas|unidades\s+de\s+procesamiento\s+gr[aá]fico)",
        "GPUs",
        attachable=False,
    ),
    UnitForm(
        r"(?i:superchips?|chips?|aceleradore?s|aceleradoras?|acelerador|procesadores|procesador)"
        r"|CPUs?|TPUs?|NPUs?",
        "chips",
        attachable=False,
    ),
    UnitForm(r"(?i:núcleos|nucleos|cores)", "cores", attachable=False),
    UnitForm(r"(?i:nodos)", "nodes", attachable=False),
    UnitForm(r"(?i:servidores)", "servers", attachable=False),
    UnitForm(r"(?i:transistores)", "transistors", attachable=False),
    # --- ratios ----------------------------------------------------------------------------------
    UnitForm(r"%|(?i:por\s+ciento|por\s+cien)", "percent"),
    # "tres puntos del PIB", "1,5 puntos de PIB": a share of the output, in percent
    UnitForm(
        r"(?i:puntos?\s+del?\s+(?:PIB|producto\s+(?:interno|interior)\s+bruto))(?!\w)",
        "percent",
        attachable=False,
    ),
    UnitForm(
        # "un punto porcentual menos": the singular too
        r"(?i:puntos\s+porcentuales|punto\s+porcentual)(?!\w)|p\.\s?p\.|pp(?![\w.])",
        "percentage points",
        attachable=False,
    ),
    UnitForm(
        r"(?i:puntos\s+b[áa]sicos|punto\s+b[áa]sico)(?!\w)|pb(?![\w.])",
        "percentage points",
        factor=0.01,
        attachable=False,
    ),
    # "30 puntos por debajo de 2023", "dos puntos más": a difference of shares
    UnitForm(
        r"(?i:puntos)(?=\s+(?i:por\s+(?:debajo|encima)|m[áa]s\b|menos\b|arriba|abajo|respecto|frente"
        r"|con\s+respecto|en\s+comparaci[óo]n|sobre\s+(?:el|la|los|las)\b|de\s+diferencia))",
        "percentage points",
        attachable=False,
    ),
    # "tres veces al año", "seis veces desde 2010": occasions, a count; before the multiplier
    UnitForm(
        r"(?i:veces)(?=\s+(?i:(?:al|por|cada|a\s+la|en\s+(?:el|la|un|una))\s+"
        r"(?:años?|mes(?:es)?|d[ií]as?|semanas?|horas?|minutos?|segundos?|trimestres?|semestres?)"
        r"|desde|en\s+(?:los|las)\s+[uú]ltim)(?!\w))",
        "count",
        attachable=False,
    ),
    UnitForm(r"(?i:veces)(?:\s+(?i:más|mas|menos|superior|inferior))?", "times", attachable=False),
    UnitForm(r"[x×]", "times", spaced=False),
    # --- time ------------------------------------------------------------------------------------
    UnitForm(r"(?i:milisegundos?)|ms", "s", factor=1e-3),
    UnitForm(r"(?i:segundos?|segs?\.?)", "s", attachable=False),
    UnitForm(r"(?i:minutos?|mins?\.?)", "s", factor=60.0, attachable=False),
    UnitForm(r"(?i:horas?|hrs?\.?)", "hours", attachable=False),
    UnitForm(r"(?i:días|dias|día|dia)", "days", attachable=False),
    UnitForm(r"(?i:semanas?)", "days", factor=7.0, attachable=False),
    UnitForm(r"(?i:meses|mes)", "months", attachable=False),
    UnitForm(r"(?i:semestres?)", "months", factor=6.0, attachable=False),
    UnitForm(r"(?i:trimestres?)", "months", factor=3.0, attachable=False),
    UnitForm(r"(?i:bienios?)", "years", factor=2.0, attachable=False),
    UnitForm(r"(?i:lustros?)", "years", factor=5.0, attachable=False),
    UnitForm(r"(?i:años|año)", "years", attachable=False),
    UnitForm(r"(?i:anualidad(?:es)?)", "years", attachable=False),
    UnitForm(r"(?i:décadas?|decadas?)", "years", factor=10.0, attachable=False),
    UnitForm(r"(?i:siglos?)(?!\s+[XVIL]+\b)", "years", factor=100.0, attachable=False),
    # --- pesos and Mexican money abbreviations (last: rarer than every form above) ----------
    # pesos: the country's own when named, else settled per document (``local``)
    UnitForm(r"(?i:pesos?\s+mexicanos?)|MXN", "MXN", attachable=False),
    UnitForm(r"(?i:pesos?\s+argentinos?)|ARS", "ARS", attachable=False),
    UnitForm(r"(?i:pesos?\s+chilenos?)|CLP", "CLP", attachable=False),
    UnitForm(r"(?i:pesos?\s+colombianos?)|COP", "COP", attachable=False),
    UnitForm(r"(?i:pesos)", "MXN", attachable=False, local=True),
    # Mexican press abbreviations: mdd/mmdd millones/miles de millones de dólares, mdp/mmdp
    UnitForm(r"(?i:mmdd)", "USD", factor=1e9, attachable=False),
    UnitForm(r"(?i:mdd)", "USD", factor=1e6, attachable=False),
    UnitForm(r"(?i:mmdp)", "MXN", factor=1e9, attachable=False, local=True),
    UnitForm(r"(?i:mdp)", "MXN", factor=1e6, attachable=False, local=True),
)

# Every unit a form produces is documented.
assert {form.unit for form in UNIT_FORMS} <= set(BASE_UNITS)
