"""Compare figures across years: constant dollars from the US CPI-U, growth multiples and
compound annual rates, and what a comparison of bounds ('over $1.5 billion') can claim.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .config import DATA_DIR

CPI_FILE = DATA_DIR / "cpi_u.csv"
DAYS_PER_YEAR = 365
# Approximate conversion for crude oil of average density (BP Statistical Review of World
# Energy, "Approximate conversion factors": 1 tonne of crude oil = 7.33 barrels).
BARRELS_PER_TONNE_CRUDE = 7.33
# Which way the true value can lie from a stated figure: +1 above ("over"), -1 below ("nearly").
BOUND_DIRECTION = {"at_least": 1, "at_most": -1, "exact": 0, "projected": 0, "approx": 0, "range": 0}


class MissingCPIYear(LookupError):
    """A dollar figure's year has no CPI-U annual average in data/cpi_u.csv."""


def cpi_u() -> pd.Series:
    """CPI-U annual averages (1982-84=100) by year, from the editable file data/cpi_u.csv."""
    table = pd.read_csv(CPI_FILE, comment="#")
    if table["year"].duplicated().any() or (table["cpi_u"] <= 0).any():
        raise ValueError(f"{CPI_FILE.name}: each year must appear once with a positive index")
    return table.set_index("year")["cpi_u"].astype(float)


def _index_for(year, cpi: pd.Series) -> float:
    if pd.isna(year) or int(year) not in cpi.index:
        raise MissingCPIYear(
            f"no CPI-U annual average for {year} in analysis/data/{CPI_FILE.name} (it has "
            f"{', '.join(map(str, cpi.index))}); add the BLS annual average for {year} "
            "(series CUUR0000SA0, https://data.bls.gov/timeseries/CUUR0000SA0) as a new row")
    return float(cpi.loc[int(year)])


def constant_dollars(amount, year, base_year: int = 2024):
    """`amount` US dollars of `year` restated in `base_year` prices (amount x CPI[base] / CPI[year]).

    Works on numbers or on equal-length sequences of amounts and years; a year missing from
    data/cpi_u.csv raises MissingCPIYear naming the year to add.
    """
    cpi = cpi_u()
    base = _index_for(base_year, cpi)
    if np.ndim(year) == 0:
        return amount * (base / _index_for(year, cpi))
    factors = np.array([base / _index_for(y, cpi) for y in year])
    result = np.asarray(amount, dtype=float) * factors
    return pd.Series(result, index=amount.index) if isinstance(amount, pd.Series) else result


def annual_growth_rate(multiple: float, years: float) -> float:
    """Compound annual growth rate that turns 1 into `multiple` in `years` years."""
    if years <= 0:
        raise ValueError(f"growth needs a positive number of years, not {years}")
    return multiple ** (1 / years) - 1


def ratio_reading(start_qualifier: str, end_qualifier: str) -> str:
    """What end / start is, given how each figure was stated: 'exact', 'at least', 'at most',
    'approximate' or 'neither' (a ratio of two floors is neither a floor nor a ceiling)."""
    up_from_end = BOUND_DIRECTION[end_qualifier]
    up_from_start = -BOUND_DIRECTION[start_qualifier]
    if up_from_end and up_from_start and up_from_end != up_from_start:
        return "neither"
    direction = up_from_end or up_from_start
    if direction:
        return "at least" if direction > 0 else "at most"
    if {start_qualifier, end_qualifier} & {"approx", "range"}:
        return "approximate"
    return "exact"


def growth_between(start_value: float, start_year: int, start_qualifier: str,
                   end_value: float, end_year: int, end_qualifier: str) -> dict:
    """Multiple, compound annual rate and what they can claim ('at least', 'neither', ...)."""
    years = end_year - start_year
    multiple = end_value / start_value
    return {"start_year": start_year, "end_year": end_year, "years": years, "multiple": multiple,
            "annual_rate": annual_growth_rate(multiple, years),
            "reading": ratio_reading(start_qualifier, end_qualifier)}


def per_day(value: float, per: str) -> float:
    """A flow restated per day: per-year figures are divided by 365, per-day ones kept."""
    if per == "day":
        return value
    if per == "year":
        return value / DAYS_PER_YEAR
    raise ValueError(f"cannot restate a figure 'per {per or '?'}' per day; say whether it is per year")
