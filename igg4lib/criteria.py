"""Classification and diagnostic criteria for IgG4-related disease, as tested functions.

Two families of criteria are implemented:

- the **2019 ACR/EULAR classification criteria** (:func:`classify_acr_eular`): an entry
  criterion, a list of exclusion items and eight weighted inclusion domains, of which only the
  highest item present in each domain counts; a case that enters and is not excluded is
  classified when its total reaches the threshold.  The weights are read from the data set
  ``acr_eular_2019_weights`` (``data/reference/``), never typed here, so that the tests fail if
  a weight in the data changes without the tests being updated.  Some weights could not be
  confirmed against the publisher's table (their ``status`` says so): :func:`weight_uncertainty`
  and :func:`weight_summary` say which verdicts and totals rest on them;
- the Japanese **comprehensive diagnostic criteria** of 2011 and their 2020 revision
  (:func:`comprehensive_diagnostic_criteria`): clinical, serological and pathological items
  combined into definite, probable or possible disease.

Input is checked where it is called (:mod:`igg4lib._validation`): a case is an
:class:`AcrEularCase` or a mapping whose keys are the field names of that class and whose
values are the item codes listed in the weights table; flags are ``True`` or ``False``
(never ``"False"``, 0/1 or NaN, which would otherwise be read by truthiness); a frame of
vignettes must have every column the scoring reads (a missing ``exclusions`` column is
refused, not read as "no exclusions").  Unknown keys, unknown codes, impossible numbers (a
negative IgG4 concentration, a ratio above 100%) and missing required items raise
:class:`~igg4lib._validation.InvalidArgument` (a ``ValueError`` and a ``TypeError``) naming
the argument, the key or column, the value and what was expected.

The numerical thresholds of both families (the classification threshold, the serum IgG4
cut-off, the staining cut-offs) are in the data set ``diagnosis_thresholds`` with the text
each was read in; :func:`thresholds` returns it, and the constants below are pinned to it by
tests.

References: Wallace ZS et al. Ann Rheum Dis 2020;79:77-87 (ACR/EULAR 2019); Umehara H et al.
Mod Rheumatol 2012;22:21-30 (2011 criteria); Umehara H et al. Mod Rheumatol 2021;31:529-533
(2020 revision).

Examples
--------
>>> case = AcrEularCase(entry_criterion_met=True, pancreas_biliary="pancreas_and_biliary",
...                     serum_igg4="from_2x_to_5x")
>>> res = classify_acr_eular(case)
>>> res.total_points, res.classified
(25, True)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, fields
from functools import cache
from types import MappingProxyType
from typing import Annotated, Any, Literal, Required, get_args

import annotated_types as at
import pandas as pd
import pandera.pandas as pa
from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    InstanceOf,
    Tag,
    TypeAdapter,
    ValidationError,
    with_config,
)
from typing_extensions import TypedDict

from igg4lib import data
from igg4lib._validation import (
    Count,
    FiniteFloat,
    Frame,
    Percent,
    Rule,
    StrictFlag,
    Text,
    _from_pydantic,
    count_column,
    flag_column,
    frame_schema,
    real_column,
    text_column,
    validated,
)

__all__ = [
    "ACR_EULAR_THRESHOLD_POINTS",
    "DEFAULT_IGG4_ULN_MG_DL",
    "DOMAINS",
    "MAX_CELLS_PER_HPF",
    "MAX_GLAND_SETS",
    "MAX_IGG4_MG_DL",
    "AcrEularCase",
    "AcrEularResult",
    "CdcResult",
    "WeightSummary",
    "case_from_findings",
    "classify_acr_eular",
    "comprehensive_diagnostic_criteria",
    "exclusion_items",
    "gland_item",
    "highest_item",
    "immunostaining_item",
    "score_vignettes",
    "serum_igg4_item",
    "thresholds",
    "weight_summary",
    "weight_uncertainty",
    "weights",
]

#: Total at or above which a case that enters and is not excluded is classified (Wallace 2020);
#: pinned by tests to the ``acr_eular_2019`` row of the data set ``diagnosis_thresholds``.
ACR_EULAR_THRESHOLD_POINTS: int = 20

#: Serum IgG4 cut-off of the Japanese criteria (mg/dL), used as the default upper limit of
#: normal (ULN); pinned by tests to the ``serum_igg4`` rows of ``diagnosis_thresholds``.
#: Laboratories differ, so every function that needs it takes it as a parameter.
DEFAULT_IGG4_ULN_MG_DL: float = 135.0

#: One of the eight inclusion domains.
Domain = Literal[
    "histopathology",
    "immunostaining",
    "serum_igg4",
    "glands",
    "chest",
    "pancreas_biliary",
    "kidney",
    "retroperitoneum",
]
#: The eight inclusion domains, in the order of the criteria table.
DOMAINS: tuple[str, ...] = get_args(Domain)

#: Largest serum IgG4 concentration (and upper limit of normal) accepted, in mg/dL (100 g/L):
#: a guard against errors of unit or typing, not a clinical limit; it is far above every
#: value in the book's sources and data.
MAX_IGG4_MG_DL: float = 10_000.0
#: Largest number of IgG4+ plasma cells per high-power field accepted: a guard against
#: typing errors, not a clinical limit; it is far above every count in the book's sources
#: and data.
MAX_CELLS_PER_HPF: float = 5_000.0
#: Largest number of gland sets (a set is a bilateral pair of lacrimal, parotid, sublingual
#: or submandibular glands).
MAX_GLAND_SETS: int = 4

#: The zero-point item of each domain (the default when a finding is absent or not checked).
_ZERO_ITEM: dict[str, str] = {
    "histopathology": "uninformative",
    "immunostaining": "not_supportive",
    "serum_igg4": "normal_or_not_checked",
    "glands": "no_set",
    "chest": "none",
    "pancreas_biliary": "none",
    "kidney": "none",
    "retroperitoneum": "none",
}


@cache
def _weights_frame() -> pd.DataFrame:
    return data.load("acr_eular_2019_weights")


@cache
def _weight_table() -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = {}
    for row in _weights_frame().itertuples(index=False):
        table.setdefault(str(row.domain), {})[str(row.item)] = int(row.points)
    return table


@validated
def weights() -> pd.DataFrame:
    """Return the ACR/EULAR inclusion weights (one row per domain item) from ``data/``.

    >>> w = weights()
    >>> int(w.loc[w["item"] == "pancreas_and_biliary", "points"].iloc[0])
    19
    """
    return _weights_frame().copy()


@cache
def _exclusion_codes() -> frozenset[str]:
    return frozenset(str(x) for x in data.load("acr_eular_2019_exclusions")["item"])


@cache
def _thresholds_frame() -> pd.DataFrame:
    return data.load("diagnosis_thresholds")


@validated
def thresholds() -> pd.DataFrame:
    """Return the numerical thresholds of both families of criteria, as printed, from ``data/``.

    One row per threshold and text; ``implemented`` marks the row the library applies by
    default where two texts of the same criteria differ.

    >>> t = thresholds()
    >>> row = t[(t["criteria"] == "cdc_2020") & (t["item"] == "serum_igg4") & t["implemented"]]
    >>> row["comparator"].item(), float(row["value"].item())
    ('>', 135.0)
    """
    return _thresholds_frame().copy()


@cache
def _implemented(criteria: str, item: str) -> pd.Series:
    t = _thresholds_frame()
    rows = t[(t["criteria"] == criteria) & (t["item"] == item) & t["implemented"]]
    if len(rows) != 1:
        raise ValueError(
            f"diagnosis_thresholds: expected one implemented row for {criteria}/{item}, "
            f"found {len(rows)}"
        )
    return rows.iloc[0]


@validated
def exclusion_items() -> list[str]:
    """Return the exclusion item codes accepted in :attr:`AcrEularCase.exclusions`.

    >>> "peripheral_eosinophilia" in exclusion_items()
    True
    """
    return sorted(_exclusion_codes())


# --------------------------------------------------------------------------- argument types
# The item codes are read from the weights table (and the exclusion codes from their data
# set) when a value is checked, so the accepted codes are those of ``data/``, never a second
# list typed here.


def _one_of(options: Callable[[], Sequence[str] | AbstractSet[str]]) -> Callable[[str], str]:
    def check(value: str) -> str:
        known = options()
        if value not in known:
            raise ValueError(f"one of {', '.join(sorted(known))}")
        return value

    return check


def _domain_items(domain: str) -> Callable[[], Sequence[str]]:
    return lambda: sorted(_weight_table()[domain])


def _item(domain: str) -> Any:
    """The type of an item code of ``domain`` (a code of the weights table)."""
    return Annotated[Text, AfterValidator(_one_of(_domain_items(domain)))]


_HistopathologyItem = _item("histopathology")
_ImmunostainingItem = _item("immunostaining")
_SerumIgg4Item = _item("serum_igg4")
_GlandsItem = _item("glands")
_ChestItem = _item("chest")
_PancreasBiliaryItem = _item("pancreas_biliary")
_KidneyItem = _item("kidney")
_RetroperitoneumItem = _item("retroperitoneum")
#: An exclusion item code (see :func:`exclusion_items`).
_ExclusionCode = Annotated[Text, AfterValidator(_one_of(_exclusion_codes))]
#: The exclusion items present: a list, tuple or set of codes (not a single string).
_Exclusions = Sequence[_ExclusionCode] | AbstractSet[_ExclusionCode]

#: A serum IgG4 concentration in mg/dL: from 0 to :data:`MAX_IGG4_MG_DL`.
Igg4MgDl = Annotated[FiniteFloat, at.Ge(0), at.Le(MAX_IGG4_MG_DL)]
#: An upper limit of normal of serum IgG4 in mg/dL: above 0, at most :data:`MAX_IGG4_MG_DL`.
UlnMgDl = Annotated[FiniteFloat, at.Gt(0), at.Le(MAX_IGG4_MG_DL)]
#: IgG4+ plasma cells per high-power field: from 0 to :data:`MAX_CELLS_PER_HPF`.
CellsPerHpf = Annotated[FiniteFloat, at.Ge(0), at.Le(MAX_CELLS_PER_HPF)]
#: A number of involved gland sets: 0 to :data:`MAX_GLAND_SETS`.
GlandSets = Annotated[Count, at.Le(MAX_GLAND_SETS)]


_CASE_FIELDS: tuple[str, ...] = ("entry_criterion_met", "exclusions", *DOMAINS)


@with_config(ConfigDict(extra="forbid"))
class AcrEularCaseFields(TypedDict, total=False):
    """The fields of an :class:`AcrEularCase` as a mapping (only ``entry_criterion_met`` is
    required; the other domains default to their zero-point item)."""

    entry_criterion_met: Required[StrictFlag]
    exclusions: _Exclusions
    histopathology: _HistopathologyItem
    immunostaining: _ImmunostainingItem
    serum_igg4: _SerumIgg4Item
    glands: _GlandsItem
    chest: _ChestItem
    pancreas_biliary: _PancreasBiliaryItem
    kidney: _KidneyItem
    retroperitoneum: _RetroperitoneumItem


def _known_keys(what: str, allowed: Sequence[str], required: Sequence[str], *,
                extra: bool = False) -> Callable[[Any], Any]:
    """Before the fields are checked: say which keys are unknown or missing, all at once."""

    def check(value: Any) -> Any:
        if not isinstance(value, Mapping):
            raise ValueError(what)
        unknown = [] if extra else [k for k in value if k not in allowed]
        if unknown:
            raise ValueError(
                f"keys among {', '.join(allowed)} ({', '.join(map(repr, unknown))} is not one)"
            )
        missing = [k for k in required if k not in value]
        if missing:
            raise ValueError(f"the required key(s) {', '.join(map(repr, missing))} (missing)")
        return value

    return check


_CaseMapping = Annotated[
    AcrEularCaseFields, BeforeValidator(_known_keys(
        "an AcrEularCase or a mapping keyed by its field names", _CASE_FIELDS,
        ("entry_criterion_met",)))
]


@cache
def _fields_adapter() -> TypeAdapter[Any]:
    return TypeAdapter(AcrEularCaseFields)


@dataclass(frozen=True)
class AcrEularCase:
    """A case described for the 2019 ACR/EULAR criteria, one coded item per domain.

    The fields are checked when the case is made: an unknown code, a flag that is not
    ``True``/``False`` or a single string for ``exclusions`` raises
    :class:`~igg4lib._validation.InvalidArgument` naming the field.

    Attributes
    ----------
    entry_criterion_met
        Required.  True when one of the typical organs (eleven in the criteria's count, for
        example pancreas, bile ducts, orbits, lacrimal and major salivary glands, kidney,
        lung, aorta, retroperitoneum, pachymeninges and thyroid) is involved in a
        characteristic way, or such an organ shows a lymphoplasmacytic infiltrate of
        uncertain cause.
    exclusions
        Codes of the exclusion items present (see :func:`exclusion_items`), stored sorted
        and without repeats.
    histopathology, immunostaining, serum_igg4, glands
        The highest item present in each domain, as an item code of the weights table.
        Absent or unchecked findings take the domain's zero-point item, the default.
        :func:`immunostaining_item`, :func:`serum_igg4_item` and :func:`gland_item` turn
        measured values into codes.
    chest, pancreas_biliary, kidney, retroperitoneum
        As above, for the four imaging and laboratory domains.
    """

    entry_criterion_met: bool
    exclusions: tuple[str, ...] = ()
    histopathology: str = "uninformative"
    immunostaining: str = "not_supportive"
    serum_igg4: str = "normal_or_not_checked"
    glands: str = "no_set"
    chest: str = "none"
    pancreas_biliary: str = "none"
    kidney: str = "none"
    retroperitoneum: str = "none"

    def __post_init__(self) -> None:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        try:
            checked = _fields_adapter().validate_python(values)
        except ValidationError as exc:
            raise _from_pydantic("AcrEularCase", list(_CASE_FIELDS), exc) from None
        object.__setattr__(self, "entry_criterion_met", checked["entry_criterion_met"])
        object.__setattr__(self, "exclusions", tuple(sorted(set(checked["exclusions"]))))

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> AcrEularCase:
        """Build a case from a mapping keyed by the field names; unknown keys are errors.

        >>> case = {"entry_criterion_met": True, "kidney": "renal_pelvis"}
        >>> AcrEularCase.from_mapping(case).kidney
        'renal_pelvis'
        """
        return cls(**_checked_mapping(values))


def _mapping(values: _CaseMapping) -> dict[str, Any]:
    return dict(values)


_mapping.__name__ = "AcrEularCase.from_mapping"
_checked_mapping = validated(_mapping)


def _case_kind(value: Any) -> str:
    return "acr-eular-case" if isinstance(value, AcrEularCase) else "case-mapping"


#: A case: an :class:`AcrEularCase`, or a mapping keyed by its field names.
CaseInput = Annotated[
    Annotated[InstanceOf[AcrEularCase], Tag("acr-eular-case")]
    | Annotated[_CaseMapping, Tag("case-mapping")],
    Discriminator(_case_kind),
]


@dataclass(frozen=True)
class AcrEularResult:
    """Outcome of the three steps of the 2019 ACR/EULAR criteria for one case.

    Attributes
    ----------
    entry_criterion_met
        Step 1.
    exclusions_fired
        Step 2: the exclusion codes present (any one excludes).
    points_by_domain
        Step 3: points scored in each of the eight domains (read-only mapping).
    total_points
        Sum over domains.  Computed even when the case fails step 1 or 2, for teaching.
    threshold_points
        The classification threshold (20).
    classified
        True only if the entry criterion is met, no exclusion fired and the total reaches
        the threshold.
    verdict
        ``"classified as IgG4-RD"`` or ``"not classified"``.
    reason
        Why, in words.
    """

    entry_criterion_met: bool
    exclusions_fired: tuple[str, ...]
    points_by_domain: Mapping[str, int]
    total_points: int
    threshold_points: int
    classified: bool
    verdict: str
    reason: str

    def as_row(self) -> dict[str, Any]:
        """Flatten to one dict (domain points as columns), for building a table."""
        row: dict[str, Any] = dict(self.points_by_domain)
        row.update(
            entry_criterion_met=self.entry_criterion_met,
            exclusions_fired="; ".join(self.exclusions_fired),
            total_points=self.total_points,
            classified=self.classified,
            verdict=self.verdict,
            reason=self.reason,
        )
        return row


@validated
def classify_acr_eular(case: CaseInput) -> AcrEularResult:
    """Apply the 2019 ACR/EULAR classification criteria for IgG4-RD to one case.

    Parameters
    ----------
    case
        An :class:`AcrEularCase` or a mapping with the same keys.

    Returns
    -------
    AcrEularResult
        Points per domain, total, exclusions that fired, entry criterion and verdict.

    Raises
    ------
    InvalidArgument
        (a ``ValueError``) For an unknown key or item code, a missing
        ``entry_criterion_met``, or a flag that is not ``True``/``False``.

    Reference: Wallace ZS et al. Ann Rheum Dis 2020;79:77-87, Table 4.

    Examples
    --------
    >>> res = classify_acr_eular({"entry_criterion_met": True, "serum_igg4": "above_5x",
    ...                           "glands": "two_or_more_sets",
    ...                           "exclusions": ["ssa_ssb_positive"]})
    >>> res.total_points, res.verdict
    (25, 'not classified')
    >>> res.reason
    'excluded by: ssa_ssb_positive (the score is not used)'
    """
    if not isinstance(case, AcrEularCase):
        case = AcrEularCase(**case)
    return _classify(case)


def _classify(case: AcrEularCase) -> AcrEularResult:
    table = _weight_table()
    points = {domain: table[domain][getattr(case, domain)] for domain in DOMAINS}
    total = sum(points.values())
    threshold = ACR_EULAR_THRESHOLD_POINTS
    if not case.entry_criterion_met:
        classified, reason = False, "entry criterion not met (the score is not used)"
    elif case.exclusions:
        classified = False
        reason = f"excluded by: {', '.join(case.exclusions)} (the score is not used)"
    elif total >= threshold:
        classified, reason = True, f"{total} points, at or above the threshold of {threshold}"
    else:
        classified, reason = False, f"{total} points, below the threshold of {threshold}"
    return AcrEularResult(
        entry_criterion_met=case.entry_criterion_met,
        exclusions_fired=case.exclusions,
        points_by_domain=MappingProxyType(points),
        total_points=total,
        threshold_points=threshold,
        classified=classified,
        verdict="classified as IgG4-RD" if classified else "not classified",
        reason=reason,
    )


@validated
def immunostaining_item(ratio_pct: Percent | None, cells_per_hpf: CellsPerHpf | None) -> str:
    """Map an IgG4+/IgG+ plasma-cell ratio and an IgG4+ cell count to an immunostaining code.

    Parameters
    ----------
    ratio_pct
        IgG4+/IgG+ plasma-cell ratio in percent (0-100); ``None`` when indeterminate.
        A ratio above 40% falls in the "41% or more" band and above 70% in the "71% or
        more" band (the criteria print whole percentages).
    cells_per_hpf
        IgG4+ plasma cells per high-power field (0 to :data:`MAX_CELLS_PER_HPF`); ``None``
        when indeterminate.

    Returns
    -------
    str
        ``not_supportive`` (0 points), ``moderate`` (7), ``strong`` (14) or ``very_strong``
        (16) under the weights table.  Pass ``not_supportive`` directly when no staining
        was done.

    Reference: Wallace ZS et al. Ann Rheum Dis 2020;79:77-87, Table 4 (immunostaining domain).

    >>> immunostaining_item(80, 60), immunostaining_item(50, 20), immunostaining_item(None, None)
    ('very_strong', 'strong', 'moderate')
    >>> immunostaining_item(30, 5)
    'not_supportive'
    """
    return _immunostaining(ratio_pct, cells_per_hpf)


def _immunostaining(ratio: float | None, cells: float | None) -> str:
    ratio_high = ratio is not None and ratio > 40  # the ">= 41%" band
    ratio_very_high = ratio is not None and ratio > 70  # the ">= 71%" band
    cells_10 = cells is not None and cells >= 10
    cells_51 = cells is not None and cells >= 51
    if ratio_very_high and cells_51:
        return "very_strong"
    if ratio_high and cells_10:  # 41-70% with >= 10, or >= 71% with 10-50 (51+ handled above)
        return "strong"
    ratio_low_or_unknown = ratio is None or not ratio_high
    cells_low_or_unknown = cells is None or not cells_10
    cells_high_or_unknown = cells is None or cells_10
    if (ratio_high and cells_low_or_unknown) or (ratio_low_or_unknown and cells_high_or_unknown):
        return "moderate"
    return "not_supportive"


@validated
def serum_igg4_item(
    igg4_mg_dl: Igg4MgDl | None, uln_mg_dl: UlnMgDl = DEFAULT_IGG4_ULN_MG_DL
) -> str:
    """Map a serum IgG4 concentration to the ACR/EULAR serum IgG4 code.

    Parameters
    ----------
    igg4_mg_dl
        Serum IgG4 in mg/dL (0 to :data:`MAX_IGG4_MG_DL`); ``None`` when not checked
        (0 points).
    uln_mg_dl
        The laboratory's upper limit of normal in mg/dL (above 0, at most
        :data:`MAX_IGG4_MG_DL`); 135 by default.

    Returns
    -------
    str
        ``normal_or_not_checked`` (at or below the ULN), ``above_uln_below_2x``,
        ``from_2x_to_5x`` (2 x ULN to 5 x ULN inclusive) or ``above_5x``.

    >>> [serum_igg4_item(v) for v in (None, 135, 200)]
    ['normal_or_not_checked', 'normal_or_not_checked', 'above_uln_below_2x']
    >>> [serum_igg4_item(v) for v in (270, 675, 676)]
    ['from_2x_to_5x', 'from_2x_to_5x', 'above_5x']
    """
    return _serum_item(igg4_mg_dl, uln_mg_dl)


def _serum_item(value: float | None, uln: float) -> str:
    if value is None:
        return "normal_or_not_checked"
    if value <= uln:
        return "normal_or_not_checked"
    if value < 2 * uln:
        return "above_uln_below_2x"
    if value <= 5 * uln:
        return "from_2x_to_5x"
    return "above_5x"


@validated
def gland_item(n_sets: GlandSets) -> str:
    """Map the number of involved gland sets to the ACR/EULAR gland code.

    A set is a bilateral pair: both lacrimal, both parotid, both sublingual or both
    submandibular glands, so ``n_sets`` is 0 to 4.

    >>> gland_item(0), gland_item(1), gland_item(3)
    ('no_set', 'one_set', 'two_or_more_sets')
    """
    return _gland(n_sets)


def _gland(n_sets: int) -> str:
    return "no_set" if n_sets == 0 else ("one_set" if n_sets == 1 else "two_or_more_sets")


CdcCategory = Literal["definite", "probable", "possible", "not met"]


@dataclass(frozen=True)
class CdcResult:
    """Outcome of the comprehensive diagnostic criteria (2011 or 2020 revision).

    Attributes
    ----------
    version
        ``"2011"`` or ``"2020"``.
    clinical, serological, pathological
        Whether item 1 (organ swelling or mass), item 2 (serum IgG4 above the ULN) and
        item 3 (the pathology item of that version) are met.
    pathology_subitems_met
        How many pathology sub-items hold (2011: 0-2, both needed; 2020: 0-3, two needed).
    category
        ``definite`` (1+2+3), ``probable`` (1+3), ``possible`` (1+2) or ``not met``.
    reason
        The rule that decided the category.
    """

    version: str
    clinical: bool
    serological: bool
    pathological: bool
    pathology_subitems_met: int
    category: CdcCategory
    reason: str


@validated
def comprehensive_diagnostic_criteria(
    *,
    organ_involvement: StrictFlag,
    serum_igg4_mg_dl: Igg4MgDl | None,
    infiltrate_with_fibrosis: StrictFlag,
    igg4_igg_ratio_pct: Percent | None,
    igg4_cells_per_hpf: CellsPerHpf | None,
    storiform_or_phlebitis: StrictFlag = False,
    version: Literal["2011", "2020"] = "2011",
    uln_mg_dl: UlnMgDl = DEFAULT_IGG4_ULN_MG_DL,
    serum_igg4_at_least: StrictFlag | None = None,
) -> CdcResult:
    """Apply the 2011 comprehensive diagnostic criteria or their 2020 revision.

    Parameters
    ----------
    organ_involvement
        Item 1: diffuse or localised swelling, mass or nodule characteristic of IgG4-RD in
        one or more organs.
    serum_igg4_mg_dl
        Item 2 is met when serum IgG4 is above ``uln_mg_dl`` (the criteria's cut-off by
        default); ``None`` = not measured (not met).
    infiltrate_with_fibrosis
        Pathology sub-item: marked (2011) or dense (2020) lymphocyte and plasma-cell
        infiltration with fibrosis.
    igg4_igg_ratio_pct, igg4_cells_per_hpf
        Pathology sub-item: IgG4+/IgG+ ratio above 40% **and** more than 10 IgG4+ plasma cells
        per high-power field; ``None`` = not done (not met).
    storiform_or_phlebitis
        2020 only: typical tissue fibrosis, particularly storiform fibrosis, or obliterative
        phlebitis.  Ignored by the 2011 version.
    version
        ``"2011"``: item 3 needs both 2011 sub-items.  ``"2020"``: item 3 needs two of the
        three sub-items.
    uln_mg_dl
        The serum IgG4 cut-off of item 2 (mg/dL). The criteria fix it (``diagnosis_thresholds``:
        135 mg/dL in both versions) whatever a laboratory's upper limit of normal; pass
        another value only to ask what a different cut-off would do, not to apply a
        laboratory's reference range (:func:`score_vignettes` keeps the fixed cut-off).
    serum_igg4_at_least
        How item 2 compares the value with the cut-off.  ``None`` (default) applies the
        comparison marked ``implemented`` in ``diagnosis_thresholds`` for the version:
        "greater than" for both, as the English texts print it (2011: ">135 mg/dl"; 2020:
        "greater than 135 mg/dl").  ``True`` applies "the cut-off or more", as the official
        Japanese text of the 2020 revision writes it ("135mg/dL以上"); ``False`` forces
        "greater than".  The two differ only for a value exactly at the cut-off.

    Returns
    -------
    CdcResult
        definite = 1+2+3, probable = 1+3, possible = 1+2, otherwise not met.

    References: Umehara H et al. Mod Rheumatol 2012;22:21-30; Umehara H et al. Mod Rheumatol
    2021;31:529-533.

    Examples
    --------
    >>> comprehensive_diagnostic_criteria(organ_involvement=True, serum_igg4_mg_dl=400,
    ...     infiltrate_with_fibrosis=False, igg4_igg_ratio_pct=None,
    ...     igg4_cells_per_hpf=None).category
    'possible'
    """
    return _cdc(
        organ_involvement=organ_involvement,
        serum_igg4_mg_dl=serum_igg4_mg_dl,
        infiltrate_with_fibrosis=infiltrate_with_fibrosis,
        ratio=igg4_igg_ratio_pct,
        cells=igg4_cells_per_hpf,
        storiform_or_phlebitis=storiform_or_phlebitis,
        version=version,
        uln=uln_mg_dl,
        serum_igg4_at_least=serum_igg4_at_least,
    )


def _cdc(
    *,
    organ_involvement: bool,
    serum_igg4_mg_dl: float | None,
    infiltrate_with_fibrosis: bool,
    ratio: float | None,
    cells: float | None,
    storiform_or_phlebitis: bool,
    version: str,
    uln: float,
    serum_igg4_at_least: bool | None,
) -> CdcResult:
    if serum_igg4_at_least is None:
        at_least = _implemented(f"cdc_{version}", "serum_igg4")["comparator"] == ">="
    else:
        at_least = serum_igg4_at_least
    serological = False
    if serum_igg4_mg_dl is not None:
        igg4 = serum_igg4_mg_dl
        serological = igg4 >= uln if at_least else igg4 > uln
    staining = ratio is not None and cells is not None and ratio > 40 and cells > 10
    if version == "2011":
        subitems = int(infiltrate_with_fibrosis) + int(staining)
        pathological = subitems == 2
    else:
        subitems = int(infiltrate_with_fibrosis) + int(staining) + int(storiform_or_phlebitis)
        pathological = subitems >= 2
    category: CdcCategory
    if organ_involvement and serological and pathological:
        category, reason = "definite", "items 1 + 2 + 3 met"
    elif organ_involvement and pathological:
        category, reason = "probable", "items 1 + 3 met, serum IgG4 not above the cut-off"
    elif organ_involvement and serological:
        category, reason = "possible", "items 1 + 2 met, pathology item not met"
    elif not organ_involvement:
        category, reason = "not met", "item 1 (organ involvement) not met"
    else:
        category, reason = "not met", "item 1 met alone"
    return CdcResult(
        version=version,
        clinical=organ_involvement,
        serological=serological,
        pathological=pathological,
        pathology_subitems_met=subitems,
        category=category,
        reason=reason,
    )


@validated(rules=[
    Rule("items", lambda a: all(item in _weight_table()[a["domain"]] for item in a["items"]),
         "item codes of the domain {domain!r} (the rows of weights() for that domain)"),
])
def highest_item(domain: Domain, items: Sequence[Text]) -> str:
    """Return the highest-weighted item among those present in one domain.

    The criteria count only the highest item of each domain, so a case with several
    findings in one domain is scored by this item alone.  No items -> the zero-point item.

    >>> highest_item("kidney", ["hypocomplementaemia", "renal_pelvis"])
    'renal_pelvis'
    >>> highest_item("chest", [])
    'none'
    """
    return _highest(domain, list(items))


def _highest(domain: str, codes: list[str]) -> str:
    if not codes:
        return _ZERO_ITEM[domain]
    table = _weight_table()[domain]
    return max(codes, key=lambda code: table[code])


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _split_codes(value: object) -> list[str]:
    if _missing(value):
        return []
    return [part.strip() for part in str(value).split(";") if part.strip()]


def _optional(value: object) -> float | None:
    if _missing(value):
        return None
    return float(value)  # type: ignore[arg-type]


def _known_codes(options: Callable[[], Sequence[str] | AbstractSet[str]]
                 ) -> Callable[[str | None], str | None]:
    """Every code of a ``;``-separated list is one of ``options()``."""

    def check(value: str | None) -> str | None:
        if value is None:
            return value
        known = options()
        unknown = [code for code in _split_codes(value) if code not in known]
        if unknown:
            raise ValueError(
                f"codes separated by ';' among {', '.join(sorted(known))} "
                f"({', '.join(map(repr, unknown))} is not one)"
            )
        return value

    return check


def _codes(domain: str) -> Any:
    """The type of a finding of ``domain``: item codes separated by ``;`` ('' = none)."""
    return Annotated[Text, AfterValidator(_known_codes(_domain_items(domain)))]


def _measured(kind: Any) -> Any:
    """A measured value, or ``None``/NaN/``pd.NA`` when it was not measured."""
    return Annotated[kind | None, BeforeValidator(lambda v: None if _missing(v) else v)]


_HistopathologyCodes = _codes("histopathology")
_ChestCodes = _codes("chest")
_PancreasBiliaryCodes = _codes("pancreas_biliary")
_KidneyCodes = _codes("kidney")
_RetroperitoneumCodes = _codes("retroperitoneum")
_ExclusionCodes = Annotated[
    Text | None,
    BeforeValidator(lambda v: None if _missing(v) else v),
    AfterValidator(_known_codes(_exclusion_codes)),
]
_MeasuredRatio = _measured(Percent)
_MeasuredCells = _measured(CellsPerHpf)
_MeasuredIgg4 = _measured(Igg4MgDl)


class VignetteFindings(TypedDict):
    """Raw findings of one case, one row of the data set ``synthetic_vignettes``: every key
    is required; other keys (``vignette_id``, ``title``, ...) are allowed and ignored.

    Item columns hold codes of the weights table separated by ``;`` (``""`` = none
    recorded); ``exclusions`` may be ``""``, ``None`` or NaN for none; the three measured
    values may be ``None`` or NaN when not measured.
    """

    entry_criterion_met: StrictFlag
    exclusions: _ExclusionCodes
    histopathology: _HistopathologyCodes
    staining_done: StrictFlag
    igg4_igg_ratio_pct: _MeasuredRatio
    igg4_cells_per_hpf: _MeasuredCells
    serum_igg4_mg_dl: _MeasuredIgg4
    gland_sets: GlandSets
    chest: _ChestCodes
    pancreas_biliary: _PancreasBiliaryCodes
    kidney: _KidneyCodes
    retroperitoneum: _RetroperitoneumCodes


_FINDINGS_KEYS: tuple[str, ...] = tuple(VignetteFindings.__annotations__)
_FindingsMapping = Annotated[
    VignetteFindings, BeforeValidator(_known_keys(
        "a mapping of findings (one row of synthetic_vignettes)", _FINDINGS_KEYS,
        _FINDINGS_KEYS, extra=True))
]


@validated
def case_from_findings(
    findings: _FindingsMapping, uln_mg_dl: UlnMgDl = DEFAULT_IGG4_ULN_MG_DL
) -> AcrEularCase:
    """Turn raw findings (one row of ``synthetic_vignettes``) into an :class:`AcrEularCase`.

    Item columns may list several codes separated by ``;`` (the highest counts); the IgG4
    concentration, the staining values and the number of gland sets are mapped with
    :func:`serum_igg4_item`, :func:`immunostaining_item` and :func:`gland_item`.  Every key
    of :class:`VignetteFindings` is required (a missing ``exclusions`` is refused, not read
    as "no exclusions").

    >>> row = {"entry_criterion_met": True, "exclusions": "", "histopathology": "uninformative",
    ...        "staining_done": False, "igg4_igg_ratio_pct": None, "igg4_cells_per_hpf": None,
    ...        "serum_igg4_mg_dl": 300.0, "gland_sets": 1, "chest": "none",
    ...        "pancreas_biliary": "none", "kidney": "none",
    ...        "retroperitoneum": "periaortic_soft_tissue"}
    >>> classify_acr_eular(case_from_findings(row)).total_points
    20
    """
    return _case_from_record(findings, uln_mg_dl)


def _case_from_record(findings: Mapping[str, Any], uln_mg_dl: float) -> AcrEularCase:
    """:func:`case_from_findings` for findings already checked (a mapping or a frame row)."""
    if findings["staining_done"]:
        immuno = _immunostaining(
            _optional(findings["igg4_igg_ratio_pct"]), _optional(findings["igg4_cells_per_hpf"])
        )
    else:
        immuno = "not_supportive"
    return AcrEularCase(
        entry_criterion_met=bool(findings["entry_criterion_met"]),
        exclusions=tuple(_split_codes(findings["exclusions"])),
        histopathology=_highest("histopathology", _split_codes(findings["histopathology"])),
        immunostaining=immuno,
        serum_igg4=_serum_item(_optional(findings["serum_igg4_mg_dl"]), uln_mg_dl),
        glands=_gland(int(findings["gland_sets"])),
        chest=_highest("chest", _split_codes(findings["chest"])),
        pancreas_biliary=_highest("pancreas_biliary", _split_codes(findings["pancreas_biliary"])),
        kidney=_highest("kidney", _split_codes(findings["kidney"])),
        retroperitoneum=_highest("retroperitoneum", _split_codes(findings["retroperitoneum"])),
    )


#: Most vignettes one call scores: the cases are scored one by one, and a larger table is
#: not a set of teaching cases.
MAX_VIGNETTES: int = 10_000


def _codes_column(options: Callable[[], Sequence[str] | AbstractSet[str]], what: str,
                  *, nullable: bool = False) -> pa.Column:
    """A column of strings of item codes separated by ``;``, each one of ``options()``."""
    known = _known_codes(options)

    def ok(value: object) -> bool:
        if not isinstance(value, str):
            return False
        try:
            known(value)
        except ValueError:
            return False
        return True

    def test(series: pd.Series) -> pd.Series:
        return series[series.notna()].map(ok).astype(bool)

    return pa.Column(None, checks=[pa.Check(test, error=what)], nullable=nullable)


def _domain_column(domain: str) -> pa.Column:
    return _codes_column(
        _domain_items(domain),
        f"a string of codes of the {domain} domain separated by ';' (see weights())",
    )


def _vignettes_schema(*, cdc: bool) -> pa.DataFrameSchema:
    columns: dict[str, pa.Column] = {
        "vignette_id": text_column(unique=True),
        "entry_criterion_met": flag_column(),
        "exclusions": _codes_column(
            _exclusion_codes,
            "a string of exclusion codes separated by ';' (see exclusion_items())",
            nullable=True,
        ),
        "histopathology": _domain_column("histopathology"),
        "staining_done": flag_column(),
        "igg4_igg_ratio_pct": real_column(nullable=True, minimum=0, maximum=100),
        "igg4_cells_per_hpf": real_column(nullable=True, minimum=0, maximum=MAX_CELLS_PER_HPF),
        "serum_igg4_mg_dl": real_column(nullable=True, minimum=0, maximum=MAX_IGG4_MG_DL),
        "gland_sets": count_column(maximum=MAX_GLAND_SETS),
        "chest": _domain_column("chest"),
        "pancreas_biliary": _domain_column("pancreas_biliary"),
        "kidney": _domain_column("kidney"),
        "retroperitoneum": _domain_column("retroperitoneum"),
    }
    if cdc:
        columns.update(
            title=text_column(),
            organ_involvement=flag_column(),
            infiltrate_with_fibrosis=flag_column(),
            storiform_or_phlebitis=flag_column(),
        )
    most = pa.Check(lambda df: len(df) <= MAX_VIGNETTES, element_wise=False,
                    error=f"at most {MAX_VIGNETTES} rows (MAX_VIGNETTES)")
    return frame_schema(columns, checks=[most])


_VIGNETTES = _vignettes_schema(cdc=True)
_VIGNETTES_ACR = _vignettes_schema(cdc=False)


@validated(frames={"vignettes": _VIGNETTES})
def score_vignettes(vignettes: Frame, uln_mg_dl: UlnMgDl = DEFAULT_IGG4_ULN_MG_DL) -> pd.DataFrame:
    """Score every vignette under ACR/EULAR 2019 and the 2011 and 2020 diagnostic criteria.

    Parameters
    ----------
    vignettes
        A frame shaped like the ``synthetic_vignettes`` data set: ``vignette_id``
        (unique), ``title``, the flags ``entry_criterion_met``, ``organ_involvement``,
        ``infiltrate_with_fibrosis``, ``storiform_or_phlebitis`` and ``staining_done``
        (``True``/``False``), the finding columns of :class:`VignetteFindings` (a missing
        ``exclusions`` cell means none; a missing column is refused); at most
        :data:`MAX_VIGNETTES` rows.
    uln_mg_dl
        The laboratory's serum IgG4 upper limit of normal (mg/dL), which grades the ACR/EULAR
        serum IgG4 domain. The Japanese criteria (``cdc_2011``, ``cdc_2020``) do not use it:
        their item 2 is a fixed cut-off (``diagnosis_thresholds``), whatever the laboratory.

    Returns
    -------
    pandas.DataFrame
        One row per vignette: ``vignette_id``, ``title``, points in each of the eight
        domains, ``total_points``, ``entry_criterion_met``, ``exclusions_fired``,
        ``classified``, ``verdict``, ``reason``, ``cdc_2011`` and ``cdc_2020``.

    >>> from igg4lib import data
    >>> scored = score_vignettes(data.load("synthetic_vignettes"))
    >>> int(scored.set_index("vignette_id").loc["V5", "total_points"])
    20
    """
    rows = []
    for record in vignettes.to_dict(orient="records"):
        result = _classify(_case_from_record(record, uln_mg_dl))
        staining = bool(record["staining_done"])
        cdc_args = dict(
            organ_involvement=bool(record["organ_involvement"]),
            serum_igg4_mg_dl=_optional(record["serum_igg4_mg_dl"]),
            infiltrate_with_fibrosis=bool(record["infiltrate_with_fibrosis"]),
            ratio=_optional(record["igg4_igg_ratio_pct"]) if staining else None,
            cells=_optional(record["igg4_cells_per_hpf"]) if staining else None,
            storiform_or_phlebitis=bool(record["storiform_or_phlebitis"]),
            serum_igg4_at_least=None,
        )
        row = {"vignette_id": record["vignette_id"], "title": record["title"]}
        row.update(result.as_row())
        # The Japanese criteria define item 2 by their own fixed serum cut-off, not by the
        # laboratory's ULN (which grades the ACR/EULAR serum domain only).
        for version in ("2011", "2020"):
            cutoff = float(_implemented(f"cdc_{version}", "serum_igg4")["value"])
            row[f"cdc_{version}"] = _cdc(**cdc_args, version=version, uln=cutoff).category
        rows.append(row)
    columns = [
        "vignette_id",
        "title",
        *DOMAINS,
        "total_points",
        "entry_criterion_met",
        "exclusions_fired",
        "classified",
        "verdict",
        "reason",
        "cdc_2011",
        "cdc_2020",
    ]
    return pd.DataFrame(rows, columns=columns)


def _present_items(findings: Mapping[str, Any], uln_mg_dl: float) -> dict[str, list[str]]:
    """Every item present in each domain (not only the highest), from raw findings.

    A domain in which the findings record nothing is scored with its zero-point item
    ("not checked or none present"), so that item counts as present.
    """
    case = _case_from_record(findings, uln_mg_dl)
    present = {domain: _split_codes(findings.get(domain)) for domain in DOMAINS}
    for domain in ("immunostaining", "serum_igg4", "glands"):  # mapped from numbers
        present[domain] = [getattr(case, domain)]
    for domain in DOMAINS:
        if not present[domain]:
            present[domain] = [_ZERO_ITEM[domain]]
    return present


#: A status of the weights table (a value of its ``status`` column).
WeightStatus = Annotated[
    Text, AfterValidator(_one_of(lambda: sorted(set(_weights_frame()["status"]))))
]


def _items_with_status(status: str) -> set[tuple[str, str]]:
    return {
        (str(row.domain), str(row.item))
        for row in _weights_frame().itertuples(index=False)
        if row.status == status
    }


@validated(frames={"vignettes": _VIGNETTES_ACR})
def weight_uncertainty(
    vignettes: Frame,
    uln_mg_dl: UlnMgDl = DEFAULT_IGG4_ULN_MG_DL,
    status: WeightStatus = "unconfirmed",
) -> pd.DataFrame:
    """How far each vignette's ACR/EULAR verdict rests on weights that could not be confirmed.

    A case *uses an unconfirmed weight* in a domain when any item present in that domain has
    ``status`` in the weights table, **whatever its points, zero included**: a zero-point item
    marked unconfirmed is a weight that was not read in the source, and it could be non-zero.
    A domain in which the case records nothing is scored with its zero-point item ("not
    checked or none present"), so that item is present too.  Items below the counted one are
    included, because an error in their weight could lift them above it.

    If every such weight may be wrong by up to ``d`` points, a domain's contribution (the
    highest item present) moves by at most ``d``, so the total moves by at most ``d`` times
    the number ``k`` of domains that use an unconfirmed weight.  The verdict therefore cannot
    change unless some weight is off by at least ``safe_error_points``:

    - classified (total >= threshold): ``floor((total - threshold) / k) + 1``;
    - not classified on points: ``ceil((threshold - total) / k)``;
    - empty (``<NA>``) when the weights cannot matter: no domain uses an unconfirmed weight,
      the entry criterion is not met, or an exclusion fired.

    This is a guaranteed bound (a sufficient condition for a stable verdict), not the exact
    smallest error that flips it.

    Parameters
    ----------
    vignettes
        A frame shaped like the ``synthetic_vignettes`` data set (the columns
        :func:`score_vignettes` needs, except the title and the three flags of the
        diagnostic criteria, which are not read here).
    uln_mg_dl
        Serum IgG4 upper limit of normal (mg/dL).
    status
        Which weights count as uncertain (a value of the ``status`` column of
        :func:`weights`).

    Returns
    -------
    pandas.DataFrame
        One row per vignette: ``vignette_id``, ``verdict``, ``total_points``,
        ``margin_points`` (total minus threshold), ``uncertain_domains`` (comma-separated),
        ``n_uncertain_domains``, ``points_from_uncertain`` (points the counted items of the
        uncertain domains contribute), ``rests_on_uncertain`` (True when the verdict was
        decided on points and at least one domain uses an uncertain weight) and
        ``safe_error_points``.

    >>> from igg4lib import data
    >>> u = weight_uncertainty(data.load("synthetic_vignettes")).set_index("vignette_id")
    >>> [int(u.loc["V5", c]) for c in ("total_points", "n_uncertain_domains", "safe_error_points")]
    [20, 4, 1]

    V4 scores nothing in the serum IgG4, gland, kidney and retroperitoneum domains, but each
    of those zero-point items is unconfirmed, so its verdict uses four unconfirmed weights:

    >>> u.loc["V4", "uncertain_domains"]
    'serum_igg4, glands, kidney, retroperitoneum'
    """
    uncertain = _items_with_status(status)
    threshold = ACR_EULAR_THRESHOLD_POINTS
    rows = []
    for record in vignettes.to_dict(orient="records"):
        result = _classify(_case_from_record(record, uln_mg_dl))
        present = _present_items(record, uln_mg_dl)
        domains = [d for d in DOMAINS if any((d, item) in uncertain for item in present[d])]
        k = len(domains)
        total = result.total_points
        on_points = result.entry_criterion_met and not result.exclusions_fired
        if k == 0 or not on_points:
            safe: int | None = None
        elif result.classified:
            safe = (total - threshold) // k + 1
        else:
            safe = -((total - threshold) // k)  # ceil((threshold - total) / k)
        rows.append(
            {
                "vignette_id": record["vignette_id"],
                "verdict": result.verdict,
                "total_points": total,
                "margin_points": total - threshold,
                "uncertain_domains": ", ".join(domains),
                "n_uncertain_domains": k,
                "points_from_uncertain": sum(result.points_by_domain[d] for d in domains),
                "rests_on_uncertain": bool(on_points and k > 0),
                "safe_error_points": safe,
            }
        )
    frame = pd.DataFrame(rows)
    frame["safe_error_points"] = frame["safe_error_points"].astype("Int64")
    return frame


@dataclass(frozen=True)
class WeightSummary:
    """What the weights table allows, and which of it rests on uncertain weights.

    Attributes
    ----------
    status
        The ``status`` treated as uncertain (``"unconfirmed"``).
    n_items, n_uncertain_items
        Items in the table, and items with that status (zero-point items included).
    uncertain_domains
        Domains with at least one item of that status, in table order.
    max_total
        The largest total a case can reach: the sum of every domain's highest weight.
    max_total_uncertain_domains
        Domains whose highest weight has that status: ``max_total`` rests on them.
    largest_weight, largest_weight_domain, largest_weight_status
        The heaviest single item, its domain and its status.
    largest_uncertain_weight, largest_uncertain_domain
        The heaviest item of that status and its domain.
    single_domain_margin_points
        ``threshold - largest_uncertain_weight``: no single domain reaches the threshold on
        its own unless an uncertain weight is off by at least this many points (the largest
        confirmed weight is below the threshold as well, see :attr:`largest_weight`).
    """

    status: str
    n_items: int
    n_uncertain_items: int
    uncertain_domains: tuple[str, ...]
    max_total: int
    max_total_uncertain_domains: tuple[str, ...]
    largest_weight: int
    largest_weight_domain: str
    largest_weight_status: str
    largest_uncertain_weight: int
    largest_uncertain_domain: str
    single_domain_margin_points: int


@validated
def weight_summary(status: WeightStatus = "unconfirmed") -> WeightSummary:
    """Summarise the weights table and say which totals rest on uncertain weights.

    >>> s = weight_summary()
    >>> s.max_total, len(s.max_total_uncertain_domains)
    (101, 5)
    >>> s.largest_weight, s.largest_weight_domain, s.largest_weight_status
    (19, 'pancreas_biliary', 'confirmed_secondary')
    >>> s.largest_uncertain_weight, s.largest_uncertain_domain, s.single_domain_margin_points
    (16, 'immunostaining', 4)
    """
    w = _weights_frame()
    uncertain = w["status"] == status
    top = w.loc[w.groupby("domain", sort=False)["points"].idxmax()]
    heaviest = w.loc[w["points"].idxmax()]
    heaviest_uncertain = w[uncertain].loc[w.loc[uncertain, "points"].idxmax()]
    in_order = [d for d in DOMAINS if d in set(w.loc[uncertain, "domain"])]
    max_uncertain = set(top.loc[top["status"] == status, "domain"])
    return WeightSummary(
        status=status,
        n_items=len(w),
        n_uncertain_items=int(uncertain.sum()),
        uncertain_domains=tuple(in_order),
        max_total=int(top["points"].sum()),
        max_total_uncertain_domains=tuple(d for d in DOMAINS if d in max_uncertain),
        largest_weight=int(heaviest["points"]),
        largest_weight_domain=str(heaviest["domain"]),
        largest_weight_status=str(heaviest["status"]),
        largest_uncertain_weight=int(heaviest_uncertain["points"]),
        largest_uncertain_domain=str(heaviest_uncertain["domain"]),
        single_domain_margin_points=ACR_EULAR_THRESHOLD_POINTS - int(heaviest_uncertain["points"]),
    )
