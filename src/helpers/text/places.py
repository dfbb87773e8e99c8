"""Which peso country a text is about, from the places and institutions it names.

Part of :func:`helpers.text.separators.local_currency`. A bare *pesos* (or *mdp*, or a ``$``
in a text that counts in pesos) is the currency of the country the text is set in, and a
text from Buenos Aires or Bogotá often never names its country: it names its capital, its
provinces or departments, its ministries, agencies and central bank, its presidents. This is a
general gazetteer of the four peso countries that have a base unit
(:data:`helpers.text.units.PESO_CURRENCIES`): the country and its people (*mexicanos*,
*argentinos*), the capital and the largest cities, the first-level divisions (states,
provinces, regions, departments), the national institutions whose names or acronyms belong to
one country only (central bank, tax and statistics agencies, science ministries and councils,
state companies), and the heads of state of the last two decades. Names shared by several
countries (*Santiago*, *Córdoba* of Spain, *Servicio Meteorológico Nacional*, *Senado*) are
left out or written in a form only one country uses (*Santiago de Chile*).

:func:`country_votes` counts the mentions per country; the most named wins.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Final

from helpers.text.numbers import alternation
from helpers.text.units import PESO_CURRENCIES

# fmt: off
#: Names that place a text in one peso country, by ISO 3166 code.
GAZETTEER: Final[dict[str, tuple[str, ...]]] = {
    "MX": (
        # the country and its people
        "México", "Mexico", "mexicano", "mexicana", "mexicanos", "mexicanas", "CDMX",
        # cities
        "Monterrey", "Guadalajara", "Puebla", "Tijuana", "Querétaro", "Toluca", "Cancún",
        "Saltillo", "Hermosillo", "Culiacán", "Morelia", "Aguascalientes", "Chihuahua",
        "Ciudad Juárez",
        # states
        "Nuevo León", "Jalisco", "Baja California", "Sonora", "Sinaloa", "Coahuila",
        "Tamaulipas", "Veracruz", "Oaxaca", "Chiapas", "Michoacán", "Guanajuato", "Tabasco",
        "Yucatán", "Quintana Roo", "Zacatecas", "Durango", "Nayarit", "Tlaxcala", "Morelos",
        "Campeche", "Colima", "San Luis Potosí", "Edomex",
        # institutions
        "Banxico", "SHCP", "Hacienda y Crédito Público", "SAT", "INEGI", "CFE",
        "Comisión Federal de Electricidad", "Cenace", "Pemex", "Conacyt", "Conahcyt",
        "Secihti", "IMSS", "UNAM", "IPN", "Cinvestav", "Profeco", "IFT", "mañanera",
        "Diario Oficial de la Federación",
        # heads of state
        "Sheinbaum", "López Obrador", "AMLO", "Peña Nieto", "Felipe Calderón", "Ebrard",
        "Zapopan", "Apodaca", "Estado de México",
    ),
    "AR": (
        "Argentina", "argentino", "argentina", "argentinos", "argentinas",
        "Buenos Aires", "CABA", "Rosario", "La Plata", "Mar del Plata", "Neuquén",
        "Bahía Blanca", "Bariloche", "Ushuaia", "conurbano", "Mendoza", "Salta", "Misiones",
        "Comodoro Rivadavia", "Río Cuarto",
        "Santa Fe", "Entre Ríos", "Tucumán", "Jujuy", "Chubut", "Río Negro", "La Pampa",
        "Chaco", "Formosa", "Santiago del Estero", "Catamarca", "Tierra del Fuego",
        "BCRA", "AFIP", "ARCA", "ANSES", "INDEC", "Conicet", "CONICET", "Mincyt", "MINCYT",
        "FONARSEC", "CONAE", "INVAP", "YPF", "CAMMESA", "ENACOM", "ARSAT", "INTA", "INTI",
        # the output as Argentina abbreviates it (Mexico, Chile and Colombia write PIB)
        "PBI",
        "UBA", "RIGI", "Casa Rosada",
        "Milei", "Alberto Fernández", "Cristina Kirchner", "Néstor Kirchner", "Macri",
        "Kicillof", "Sturzenegger", "Luis Caputo",
    ),
    "CL": (
        "Chile", "chileno", "chilena", "chilenos", "chilenas",
        "Santiago de Chile", "Valparaíso", "Viña del Mar", "Antofagasta", "Temuco",
        "Rancagua", "Iquique", "Puerto Montt", "Punta Arenas", "Quilicura", "Cerrillos",
        "Pudahuel", "Huechuraba", "Renca", "Las Condes",
        "Región Metropolitana", "Atacama", "Coquimbo", "Biobío", "Araucanía", "Los Lagos",
        "Magallanes", "Tarapacá", "Ñuble", "Maule", "O'Higgins", "Aysén", "Arica",
        "Banco Central de Chile", "SII", "Codelco", "Enap", "Corfo", "CORFO", "ANID",
        "Conicyt", "La Moneda", "Cochilco", "Coordinador Eléctrico Nacional",
        "Boric", "Piñera", "Bachelet", "Kast",
    ),
    "CO": (
        "Colombia", "colombiano", "colombiana", "colombianos", "colombianas",
        "Bogotá", "Bogota", "Medellín", "Medellin", "Cali", "Barranquilla", "Bucaramanga",
        "Cúcuta", "Pereira", "Manizales", "Villavicencio", "Santa Marta", "Ibagué",
        "Zipaquirá", "Soacha", "Itagüí", "Envigado", "Neiva", "Montería", "Valledupar",
        "Popayán", "Tunja", "Valle de Aburrá",
        "Cundinamarca", "Antioquia", "Valle del Cauca", "Boyacá", "Risaralda", "Quindío",
        "Tolima", "Huila", "Nariño", "Cauca", "Casanare", "La Guajira", "Chocó", "Putumayo",
        "Banco de la República", "Banrep", "DIAN", "DANE", "MinTIC", "Mintic", "Minciencias",
        "Colciencias", "Ecopetrol", "Findeter", "Conpes", "CONPES", "SENA", "Procolombia",
        "ProColombia", "Superfinanciera", "Casa de Nariño", "Empresas Públicas de Medellín",
        "EPM", "UPME", "Upme", "CREG",
        "Petro", "Iván Duque", "Juan Manuel Santos", "Álvaro Uribe",
    ),
}
# fmt: on

#: Countries whose money is not one of those pesos (the dollar, the sol, the euro, the
#: Uruguayan peso ...): a text that names one of them more often than any peso country is not
#: set in a peso country, whatever it mentions in passing (*el cable que une California con
#: Valparaíso (Chile)* in a Panamanian text). The United States are left out: Latin American
#: news names them as the other party of nearly every deal.
OTHER: Final[str] = "OTHER"

# fmt: off
OTHER_COUNTRIES: Final[tuple[str, ...]] = (
    "Panamá", "Panama", "Ecuador", "El Salvador", "Perú", "Peru", "Uruguay", "Paraguay",
    "Bolivia", "Venezuela", "Guatemala", "Honduras", "Nicaragua", "Costa Rica",
    "República Dominicana", "Puerto Rico", "Cuba", "España", "Brasil", "Montevideo", "Lima",
    "Quito", "Madrid", "Asunción",
    "Ciudad de Panamá", "Caracas", "La Paz", "San José", "San Salvador",
)
# fmt: on


#: Acronyms whose title-case form is another word (the river *Sena*, the name *Inti*).
_NOT_TITLED: Final[frozenset[str]] = frozenset({"SENA", "INTI"})


def _forms(name: str) -> tuple[str, ...]:
    """``name`` as written, in capitals, and an acronym of four letters or more in title case
    too, as much of the press writes it (*Anses*, *Indec*, *Arsat*, *Inegi*)."""
    if len(name) >= 4 and name.isupper() and name.isalpha() and name not in _NOT_TITLED:
        return (name, name.capitalize())
    return (name, name.upper())


def _names(names: Iterable[str]) -> str:
    """An alternation of ``names`` as written and in capitals (*BUENOS AIRES* in a dateline),
    never in lower case (*la plata*, *la moneda*, *los lagos* are common nouns; the river *Sena*
    is no *SENA*)."""
    return alternation({form for n in names for form in _forms(n)})


_CUE_RE: Final[re.Pattern[str]] = re.compile(
    "(?<![\\w-])(?:"
    + "|".join(f"(?P<{code}>{_names(names)})" for code, names in GAZETTEER.items())
    + f"|(?P<{OTHER}>{_names(OTHER_COUNTRIES)})"
    + ")(?![\\w-])"
)


def country_votes(texts: Iterable[str]) -> Counter[str]:
    """Mentions of each peso country's places and institutions in ``texts``, and of the other
    countries under :data:`OTHER`."""
    return Counter(str(m.lastgroup) for text in texts for m in _CUE_RE.finditer(text))


def peso_country(votes: Counter[str]) -> tuple[str | None, bool]:
    """The most named peso country (``None`` if none is named) and whether the text is set
    there: named more often than any country of another currency."""
    pesos = [(n, code) for code, n in votes.items() if code != OTHER]
    if not pesos:
        return None, False
    n, code = max(pesos)
    return code, n > votes.get(OTHER, 0)


# fmt: off
#: Names that place a text in Spain (the euro): the country and its people, the autonomous
#: communities and their adjectives, the largest cities, national institutions. For a sum of
#: money whose currency the text never writes (*las inversiones ... suman más de 38.000
#: millones*), :func:`money_of_text` weighs them against the peso countries.
SPAIN: Final[tuple[str, ...]] = (
    "España", "español", "española", "españoles", "españolas",
    "Madrid", "Barcelona", "Valencia", "Sevilla", "Zaragoza", "Málaga", "Bilbao", "Huesca",
    "Teruel", "Navarra", "Asturias", "Cantabria", "Galicia", "Andalucía", "Cataluña",
    "Catalunya", "Aragón", "Extremadura", "Castilla y León", "Castilla-La Mancha", "Murcia",
    "País Vasco", "Euskadi", "Comunidad de Madrid", "Comunitat Valenciana", "Baleares",
    "Canarias", "La Rioja", "aragonés", "aragonesa", "catalán", "catalana", "andaluz",
    "andaluza", "gallego", "gallega", "vasco", "vasca", "madrileño", "madrileña",
    "Moncloa", "BOE", "CNMC", "IDAE", "Red Eléctrica", "Generalitat", "Xunta",
    "Junta de Andalucía", "Junta de Castilla y León", "Congreso de los Diputados", "PERTE",
    "Sánchez", "Rajoy", "Zapatero",
)
# fmt: on

_SPAIN_RE: Final[re.Pattern[str]] = re.compile(f"(?<![\\w-])(?:{_names(SPAIN)})(?![\\w-])")


def money_of_text(text: str) -> str | None:
    """The currency of a text that leaves it out: the euro when it names Spain more than any
    peso country, the peso of the peso country it is set in, else ``None`` (no guess)."""
    spain = len(_SPAIN_RE.findall(text))
    votes = country_votes([text])
    code, set_there = peso_country(votes)
    pesos = max((n for c, n in votes.items() if c != OTHER), default=0)
    if spain > pesos:
        return "EUR"
    if code is not None and set_there and pesos > spain:
        return PESO_CURRENCIES[code]
    return None
