#!/usr/bin/env python3
"""Independent reference for crates/core/tests/invest.rs (golden vectors of issue 10).

Written from specs/money.md and docs/invest.md only, without reading the Rust code: Python's
`decimal` at 60 digits, half-up to the cent (ROUND_HALF_UP), a plain calendar from `datetime`,
and an XIRR found by bisection on Σ a·(1+x)^(−days/365) = 0 (Decimal powers with fractional
exponents are correctly rounded in `decimal`), reported to 10 decimals.

Run `python3 gen_invest.py > golden.json` from this folder to regenerate golden.json.
"""
import calendar
import datetime as dt
import json
from decimal import Decimal as D, ROUND_HALF_UP, getcontext

getcontext().prec = 60
CENT = D("0.01")


def rnd(x):
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


def add_months(d, k):
    idx = d.year * 12 + d.month - 1 + k
    y, m = divmod(idx, 12)
    m += 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def rows(structure, P, r, n):
    """(principal, interest) per month, from specs/money.md."""
    out, B = [], P
    if structure == "equal_installment":
        m = r / 12
        A = rnd(P * m * (1 + m) ** n / ((1 + m) ** n - 1)) if m else rnd(P / n)
        for k in range(1, n + 1):
            I = rnd(B * r / 12)
            p = B if k == n else min(A - I, B)
            out.append((p, I))
            B -= p
    elif structure == "equal_principal":
        q = rnd(P / n)
        for k in range(1, n + 1):
            I = rnd(B * r / 12)
            p = B if k == n else min(q, B)
            out.append((p, I))
            B -= p
    elif structure == "interest_only":
        I = rnd(P * r / 12)
        out = [(D(0), I)] * (n - 1) + [(P, I)]
    elif structure == "bullet":
        out = [(D(0), D(0))] * (n - 1) + [(P, rnd(P * r * n / 12))]
    return out


def xirr(flows):
    d0 = flows[0][0]

    def npv(x):
        return sum(a / (1 + x) ** (D((d - d0).days) / 365) for d, a in flows)

    lo, hi = D("-0.99"), D("10")
    assert npv(lo) > 0 > npv(hi)
    for _ in range(200):
        mid = (lo + hi) / 2
        if npv(mid) > 0:
            lo = mid
        else:
            hi = mid
    return ((lo + hi) / 2).quantize(D("1e-10"), rounding=ROUND_HALF_UP)


def product(p, horizon, R):
    P, r, n = D(p["amount"]), D(p["annual_rate"]), p["term_months"]
    start = dt.date.fromisoformat(p["start_date"])
    value = start + dt.timedelta(days=p.get("idle_days", 0))
    fee_rate = D(p.get("fee_rate_on_interest", "0"))
    kind = p.get("kind", "loan")
    flows, back, ti, tf = [(start, -P)], [], D(0), D(0)
    if kind == "money_market":
        mat = add_months(value, n)
        v = rnd(P * (1 + r) ** (D((mat - value).days) / 365))
        ti = v - P
        flows.append((mat, v))
        back.append((mat, P))
    else:
        structure = p.get("structure", "bullet")
        for k, (pr, I) in enumerate(rows(structure, P, r, n), start=1):
            d = add_months(value, k)
            fee = rnd(I * fee_rate)
            ti += I
            tf += fee
            if pr + I - fee != 0:
                flows.append((d, pr + I - fee))
            if pr:
                back.append((d, pr))
    mat = flows[-1][0]
    days = (mat - start).days
    out, since, cd = P, start, D(0)
    for d, b in back:
        cd += out * (d - since).days
        out -= b
        since = d
    res = {
        "flows": [{"date": d.isoformat(), "amount": str(rnd(a))} for d, a in flows],
        "total_interest": str(rnd(ti)),
        "total_fees": str(rnd(tf)),
        "net_interest": str(rnd(ti - tf)),
        "xirr": str(xirr(flows)),
        "holding_days": days,
        "average_capital": str(rnd(cd / days)),
    }
    if horizon:
        H = dt.date.fromisoformat(horizon)
        tw = sum(a * (1 + R) ** (D((H - d).days) / 365) for d, a in flows[1:])
        res["terminal_wealth"] = str(rnd(tw))
    return res


def base(name, **kw):
    p = {"name": name, "amount": "10000", "annual_rate": "0.10", "term_months": 12,
         "start_date": "2025-01-15"}
    p.update(kw)
    return p


CASES = [
    {"name": "three structures (and bullet) of 10,000 at 10% for 12 months",
     "request": {"products": [base(s, structure=s) for s in
                              ["equal_installment", "equal_principal", "interest_only", "bullet"]]}},
    {"name": "the same with 3 idle days and a 10% fee on interest, with a horizon",
     "request": {"products": [base(s, structure=s, idle_days=3, fee_rate_on_interest="0.1")
                              for s in ["equal_installment", "equal_principal", "interest_only",
                                        "bullet"]],
                 "horizon_date": "2026-03-01", "reinvestment_rate": "0.02"}},
    {"name": "references: a time deposit, a money-market fund, against a month-end 36-month loan",
     "request": {"products": [
         base("bank 3y", kind="time_deposit", annual_rate="0.0175", term_months=36),
         base("money fund", kind="money_market", annual_rate="0.0135", term_months=36,
              idle_days=1),
         base("month end", structure="equal_installment", annual_rate="0.085", term_months=36,
              start_date="2024-01-31", amount="250000.55")],
         "horizon_date": "2027-06-30", "reinvestment_rate": "0.015"}},
]

if __name__ == "__main__":
    for c in CASES:
        req = c["request"]
        R = D(req["reinvestment_rate"]) if "reinvestment_rate" in req else None
        c["expected"] = [product(p, req.get("horizon_date"), R) for p in req["products"]]
    print(json.dumps(CASES, ensure_ascii=False, indent=1))
