#!/usr/bin/env python3
"""Generates numpy_vectors.json: equal-installment figures computed by numpy-financial, an
implementation LoanLens does not share code with. The Rust tests (native and wasm32) read the
committed JSON; nothing at test time needs Python.

    pip install numpy-financial
    python3 crates/core/tests/data/gen_vectors.py > crates/core/tests/data/numpy_vectors.json

Money is rounded half-up to the cent from the float result; a case whose float lands within
1e-6 cent of a half cent is skipped, because a float cannot tell which side is right there.
"""
import json
from decimal import Decimal, ROUND_HALF_UP

import numpy_financial as npf


def cents(x):
    x = float(x)
    scaled = abs(x) * 100
    frac = scaled - int(scaled)
    if abs(frac - 0.5) < 1e-6:
        return None
    return str(Decimal(repr(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def payments(p, r, n, a):
    """The spec's rule, written out from docs/money.md: interest rounded half-up each month on
    the balance, principal = min(payment − interest, balance), the last month pays the balance
    (so it absorbs the rounding residue). Returns the n payments."""
    q = Decimal("0.01")
    balance = p
    out = []
    for k in range(1, n + 1):
        interest = (balance * r / 12).quantize(q, rounding=ROUND_HALF_UP)
        principal = balance if k == n else min(a - interest, balance)
        balance -= principal
        out.append(principal + interest)
    return out


def main():
    principals = ["10000.00", "123456.78", "350000.00", "1000000.00", "2500000.50"]
    rates = ["0.0345", "0.049", "0.0588", "0.12", "0.24", "0.36"]
    terms = [12, 36, 60, 120, 240, 360]
    vectors = []
    skipped = 0
    for p in principals:
        for r in rates:
            for n in terms:
                P, R = float(p), float(r)
                m = R / 12
                pmt = -npf.pmt(m, n, P)
                payment = cents(pmt)
                interest1 = cents(-npf.ipmt(m, 1, n, P))
                if payment is None or interest1 is None:
                    skipped += 1
                    continue
                A = float(payment)
                fee = round(P * 0.01, 2)
                paid = payments(Decimal(p), Decimal(r), n, Decimal(payment))
                last = paid[-1]
                # APR (numpy's IRR) of the borrower's flows: receives P − 1% fee, pays the
                # rounded payments, the last of which absorbs the rounding residue.
                flows = [P - fee] + [-float(x) for x in paid]
                apr_monthly = float(npf.irr(flows))
                # The rate whose level payment is exactly the rounded payment, fee-free.
                implied = 12 * float(npf.rate(n, -A, P, 0, guess=m))
                vectors.append({
                    "principal": p,
                    "annual_rate": r,
                    "term_months": n,
                    "payment": payment,
                    "first_interest": interest1,
                    "last_payment": str(last),
                    "upfront_fee": f"{fee:.2f}",
                    "apr_nominal_with_fee": f"{12 * apr_monthly:.9f}",
                    "implied_rate": f"{implied:.9f}",
                })
    out = {
        "source": "numpy-financial " + getattr(npf, "__version__", "?") + " via gen_vectors.py",
        "skipped_half_cent_cases": skipped,
        "vectors": vectors,
    }
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
