//! Behaviour of the v1 schema beyond the published figures: prepayments, rate changes, dates,
//! grace, quarterly payments, compare, the solvers, XIRR and typed errors.
#![cfg(not(target_arch = "wasm32"))] // Native only; tests/wasm.rs runs the vectors on wasm32.

use loanlens_core::schema::{
    from_json, CompareRequest, Method, Schedule, ScheduleRequest, SolveRequest, XirrRequest,
};
use loanlens_core::{compare, schedule, solve, xirr, InputError};
use rust_decimal::Decimal;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn sched(json: &str) -> Result<Schedule, InputError> {
    schedule(&from_json::<ScheduleRequest>(json)?)
}

fn err_field(json: &str) -> String {
    sched(json).unwrap_err().field
}

const MORTGAGE: &str = r#""principal":"1000000.00","annual_rate":"0.049","term_months":360,"method":"equal_installment""#;

#[test]
fn shorten_term_keeps_the_payment_and_ends_earlier() {
    let s = sched(&format!(
        r#"{{{MORTGAGE},"prepayments":[{{"period":12,"amount":"100000.00","mode":"shorten_term"}}]}}"#
    ))
    .unwrap();
    let p = s.prepayment.as_ref().unwrap();
    assert!(s.rows.len() < 360);
    assert_eq!(p.periods as usize, s.rows.len());
    assert_eq!(s.rows[12].payment.to_string(), "5307.27");
    assert_eq!(s.rows[11].prepaid, Some(d("100000.00")));
    assert_eq!(p.original_total_interest - s.total_interest, p.interest_saved);
    assert!(p.interest_saved > d("200000"));
    assert_eq!(s.rows.last().unwrap().balance, Decimal::ZERO);
    assert_eq!(s.rows.iter().map(|r| r.principal).sum::<Decimal>(), d("1000000.00"));
}

#[test]
fn reduce_payment_keeps_the_end_date_and_lowers_the_payment() {
    let s = sched(&format!(
        r#"{{{MORTGAGE},"prepayments":[{{"period":12,"amount":"100000.00","mode":"reduce_payment"}}]}}"#
    ))
    .unwrap();
    assert_eq!(s.rows.len(), 360);
    assert!(s.rows[12].payment < d("5307.27") && s.rows[12].payment > d("4700"));
    assert_eq!(s.rows[12].payment, s.rows[100].payment);
    let shorten = sched(&format!(
        r#"{{{MORTGAGE},"prepayments":[{{"period":12,"amount":"100000.00","mode":"shorten_term"}}]}}"#
    ))
    .unwrap();
    // Shortening saves more interest than lowering the payment, as banks advise.
    assert!(shorten.prepayment.unwrap().interest_saved > s.prepayment.unwrap().interest_saved);
}

#[test]
fn prepayment_penalty_is_a_fee_and_reduces_the_net_saving() {
    let s = sched(&format!(
        r#"{{{MORTGAGE},"prepayments":[{{"period":24,"amount":"50000.00","mode":"reduce_payment","penalty_rate":"0.01"}}]}}"#
    ))
    .unwrap();
    assert_eq!(s.rows[23].fee.to_string(), "500.00");
    let p = s.prepayment.unwrap();
    assert_eq!(p.total_penalties.to_string(), "500.00");
    assert_eq!(p.net_saving, p.interest_saved - d("500.00"));
    assert!(s.total_fees >= d("500.00"));
}

#[test]
fn settlement_pays_off_the_balance_at_its_period() {
    let s = sched(&format!(r#"{{{MORTGAGE},"settlement":{{"period":60,"penalty_rate":"0.02"}}}}"#))
        .unwrap();
    assert_eq!(s.rows.len(), 60);
    let last = s.rows.last().unwrap();
    assert_eq!(last.balance, Decimal::ZERO);
    let settled = last.prepaid.unwrap();
    assert_eq!(last.fee, loanlens_core::money::round_money(settled * d("0.02")));
    assert_eq!(s.rows.iter().map(|r| r.principal).sum::<Decimal>(), d("1000000.00"));
}

#[test]
fn prepayment_errors_name_the_json_path_and_the_range() {
    let too_much = sched(&format!(
        r#"{{{MORTGAGE},"prepayments":[{{"period":1,"amount":"1.00","mode":"shorten_term"}},{{"period":2,"amount":"2000000.00","mode":"shorten_term"}}]}}"#
    ))
    .unwrap_err();
    assert_eq!(too_much.field, "prepayments[1].amount");
    assert!(too_much.message.contains("balance after period 2"), "{}", too_much.message);
    assert_eq!(
        err_field(&format!(
            r#"{{{MORTGAGE},"prepayments":[{{"period":360,"amount":"1.00","mode":"shorten_term"}}]}}"#
        )),
        "prepayments[0].period"
    );
    assert_eq!(
        err_field(&format!(
            r#"{{{MORTGAGE},"prepayments":[{{"period":3,"amount":"1.00","mode":"sideways"}}]}}"#
        )),
        "prepayments[0].mode"
    );
    // A prepayment after the loan has been repaid by an earlier one.
    let after = sched(&format!(
        r#"{{{MORTGAGE},"prepayments":[{{"period":2,"amount":"997547.13","mode":"shorten_term"}},{{"period":5,"amount":"1.00","mode":"shorten_term"}}]}}"#
    ))
    .unwrap_err();
    assert_eq!(after.field, "prepayments[1].period");
    assert_eq!(
        err_field(&format!(
            r#"{{{MORTGAGE},"settlement":{{"period":10}},"prepayments":[{{"period":11,"amount":"1.00","mode":"shorten_term"}}]}}"#
        )),
        "prepayments[0].period"
    );
}

#[test]
fn rate_change_re_amortises_and_is_validated() {
    let s = sched(&format!(
        r#"{{{MORTGAGE},"rate_changes":[{{"from_period":13,"annual_rate":"0.042"}},{{"from_period":25,"annual_rate":"0.045"}}]}}"#
    ))
    .unwrap();
    assert_eq!(s.rows[12].payment.to_string(), "4900.05");
    assert!(s.rows[24].payment > s.rows[23].payment);
    assert_eq!(s.rows[359].balance, Decimal::ZERO);
    let e = sched(&format!(
        r#"{{{MORTGAGE},"rate_changes":[{{"from_period":0,"annual_rate":"0.042"}}]}}"#
    ))
    .unwrap_err();
    assert_eq!(e.field, "rate_changes[0].from_period");
    assert!(e.message.contains("between 1 and 360"));
    assert_eq!(
        err_field(&format!(
            r#"{{{MORTGAGE},"rate_changes":[{{"from_period":20,"annual_rate":"0.04"}},{{"from_period":13,"annual_rate":"0.042"}}]}}"#
        )),
        "rate_changes[1].from_period"
    );
    assert_eq!(
        err_field(&format!(
            r#"{{{MORTGAGE},"rate_changes":[{{"from_period":20,"annual_rate":"11"}}]}}"#
        )),
        "rate_changes[0].annual_rate"
    );
}

#[test]
fn rate_change_applies_to_every_method() {
    for m in Method::ALL {
        let s = sched(&format!(
            r#"{{"principal":"120000.00","annual_rate":"0.06","term_months":12,"method":"{}","rate_changes":[{{"from_period":7,"annual_rate":"0.03"}}]}}"#,
            m.id()
        ))
        .unwrap();
        let plain = sched(&format!(
            r#"{{"principal":"120000.00","annual_rate":"0.06","term_months":12,"method":"{}"}}"#,
            m.id()
        ))
        .unwrap();
        assert!(s.total_interest < plain.total_interest, "{m:?}");
        assert_eq!(s.rows.iter().map(|r| r.principal).sum::<Decimal>(), d("120000.00"));
    }
}

#[test]
fn grace_months_pay_interest_only_then_amortise() {
    let s = sched(
        r#"{"principal":"120000.00","annual_rate":"0.06","term_months":24,"method":"equal_installment","grace_months":6}"#,
    )
    .unwrap();
    for row in &s.rows[..6] {
        assert_eq!(row.principal, Decimal::ZERO);
        assert_eq!(row.interest.to_string(), "600.00");
    }
    let amortising = loanlens_core::schedule::equal_installment_payment(d("120000"), d("0.06"), 18);
    assert_eq!(s.rows[6].payment, amortising);
    assert!(s.conventions.grace.is_some());
    assert_eq!(
        err_field(
            r#"{"principal":"1000","annual_rate":"0.06","term_months":12,"method":"bullet","grace_months":12}"#
        ),
        "grace_months"
    );
}

#[test]
fn quarterly_payments_use_a_quarter_of_the_annual_rate() {
    let s = sched(
        r#"{"principal":"100000.00","annual_rate":"0.048","term_months":36,"method":"equal_installment","payment_frequency":"quarterly"}"#,
    )
    .unwrap();
    assert_eq!(s.rows.len(), 12);
    assert_eq!(s.rows[0].interest.to_string(), "1200.00");
    // The monthly-grid APR of quarterly compounding at 4.8% is slightly below 4.8% nominal.
    assert!(s.apr.nominal < d("0.048") && s.apr.nominal > d("0.0475"));
    let e = sched(
        r#"{"principal":"100000.00","annual_rate":"0.048","term_months":35,"method":"equal_installment","payment_frequency":"quarterly"}"#,
    )
    .unwrap_err();
    assert_eq!(e.field, "term_months");
    assert!(e.message.contains("multiple of 3"));
}

#[test]
fn dates_are_validated_and_default_from_the_disbursement() {
    let s = sched(
        r#"{"principal":"3000.00","annual_rate":"0.1","term_months":3,"method":"equal_principal","disbursement_date":"2025-01-31"}"#,
    )
    .unwrap();
    let dates: Vec<_> = s.rows.iter().map(|r| r.date.clone().unwrap()).collect();
    assert_eq!(dates, ["2025-02-28", "2025-03-31", "2025-04-30"]);
    assert!(s.conventions.first_period.is_none());
    assert_eq!(
        err_field(
            r#"{"principal":"3000.00","annual_rate":"0.1","term_months":3,"method":"bullet","disbursement_date":"2025-02-30"}"#
        ),
        "disbursement_date"
    );
    assert_eq!(
        err_field(
            r#"{"principal":"3000.00","annual_rate":"0.1","term_months":3,"method":"bullet","disbursement_date":"2025-02-10","first_payment_date":"2025-02-10"}"#
        ),
        "first_payment_date"
    );
    assert_eq!(
        err_field(
            r#"{"principal":"3000.00","annual_rate":"0.1","term_months":3,"method":"bullet","disbursement_date":"2025-02-10","first_payment_date":"2025-06-10"}"#
        ),
        "first_payment_date"
    );
}

#[test]
fn fees_raise_the_apr_and_are_never_interest() {
    let s = sched(
        r#"{"principal":"100000.00","annual_rate":"0.06","term_months":12,"method":"equal_installment","upfront_fee_rate":"0.02","monthly_fee_rate":"0.001"}"#,
    )
    .unwrap();
    assert_eq!(s.amount_received.to_string(), "98000.00");
    assert!(s.rows.iter().all(|r| r.fee.to_string() == "100.00"));
    assert_eq!(s.total_fees.to_string(), "3200.00");
    assert!(s.apr.nominal > d("0.06"));
    assert_eq!(
        err_field(
            r#"{"principal":"100","annual_rate":"0.06","term_months":12,"method":"bullet","upfront_fee":"1","upfront_fee_rate":"0.01"}"#
        ),
        "upfront_fee_rate"
    );
}

#[test]
fn high_cost_flags_use_the_lpr_given_or_the_dated_default() {
    let s = sched(
        r#"{"principal":"10000.00","annual_rate":"0.14","term_months":12,"method":"flat_rate"}"#,
    )
    .unwrap();
    assert!(s.flags.apr_above_24 && s.flags.apr_above_4x_lpr);
    assert_eq!(s.flags.lpr_date.as_deref(), Some("2025-05-20"));
    let s = sched(r#"{"principal":"10000.00","annual_rate":"0.13","term_months":12,"method":"equal_installment","lpr_1y":"0.035"}"#).unwrap();
    assert!(!s.flags.apr_above_24 && !s.flags.apr_above_4x_lpr);
    assert_eq!(s.flags.lpr_date, None);
}

#[test]
fn unknown_fields_and_numbers_for_decimals_are_rejected() {
    let e = from_json::<ScheduleRequest>(&format!(r#"{{{MORTGAGE},"colour":"red"}}"#)).unwrap_err();
    assert!(e.message.contains("colour"), "{e}");
    let e = from_json::<ScheduleRequest>(&format!(
        r#"{{{MORTGAGE},"prepayments":[{{"period":2,"amount":5,"mode":"shorten_term"}}]}}"#
    ))
    .unwrap_err();
    assert_eq!(e.field, "prepayments[0].amount");
    let e = from_json::<SolveRequest>(r#"{"solve":"max_principal","annual_rate":"0.05","term_months":12,"payment":"100","extra":1}"#).unwrap_err();
    assert!(e.message.contains("extra"), "{e}");
}

#[test]
fn compare_reports_every_method_in_one_call() {
    let req: CompareRequest = from_json(
        r#"{"principal":"100000.00","annual_rate":"0.06","term_months":12,"upfront_fee":"1000.00"}"#,
    )
    .unwrap();
    let c = compare(&req).unwrap();
    let ids: Vec<_> = c.results.iter().map(|r| r.method).collect();
    assert_eq!(ids, Method::ALL);
    for r in &c.results {
        assert!(r.min_payment <= r.first_payment && r.first_payment <= r.max_payment);
        assert!(r.apr.nominal > d("0.06") || r.method == Method::Bullet);
    }
    assert_eq!(c.least_interest, Method::EqualPrincipal);
    let flat = c.results.iter().find(|r| r.method == Method::FlatRate).unwrap();
    assert_eq!(c.results.iter().map(|r| r.apr.nominal).max().unwrap(), flat.apr.nominal);
    let only: CompareRequest = from_json(
        r#"{"principal":"100000.00","annual_rate":"0.06","term_months":12,"methods":["bullet"]}"#,
    )
    .unwrap();
    assert_eq!(compare(&only).unwrap().results.len(), 1);
    let bad: CompareRequest =
        from_json(r#"{"principal":"100000.00","annual_rate":"0.06","term_months":0}"#).unwrap();
    let e = compare(&bad).unwrap_err();
    assert_eq!(e.field, "term_months");
    assert!(e.message.contains("1 and 600"));
}

fn solve_json(json: &str) -> Result<loanlens_core::schema::SolveResponse, InputError> {
    solve(&from_json::<SolveRequest>(json)?)
}

#[test]
fn max_principal_is_exactly_the_largest_that_fits() {
    let r = solve_json(
        r#"{"solve":"max_principal","annual_rate":"0.049","term_months":360,"payment":"5000.00"}"#,
    )
    .unwrap();
    assert!(r.payment <= d("5000.00"));
    let one_cent_more =
        ScheduleRequest::new(r.principal + d("0.01"), d("0.049"), 360, Method::EqualInstallment);
    assert!(schedule(&one_cent_more).unwrap().first_payment > d("5000.00"));
    let e = solve_json(r#"{"solve":"max_principal","principal":"1","annual_rate":"0.049","term_months":360,"payment":"5000.00"}"#).unwrap_err();
    assert_eq!(e.field, "principal");
    let e = solve_json(r#"{"solve":"max_principal","term_months":360,"payment":"5000.00"}"#)
        .unwrap_err();
    assert_eq!(e.field, "annual_rate");
}

#[test]
fn min_term_is_the_shortest_that_fits() {
    let r = solve_json(r#"{"solve":"min_term","principal":"300000.00","annual_rate":"0.045","payment":"3000.00","method":"equal_principal"}"#).unwrap();
    assert!(r.payment <= d("3000.00"));
    let shorter =
        ScheduleRequest::new(d("300000.00"), d("0.045"), r.term_months - 1, Method::EqualPrincipal);
    assert!(schedule(&shorter).unwrap().first_payment > d("3000.00"));
    let e = solve_json(
        r#"{"solve":"min_term","principal":"300000.00","annual_rate":"0.045","payment":"1000.00"}"#,
    )
    .unwrap_err();
    assert_eq!(e.field, "payment");
    assert!(e.message.contains("at least"), "{}", e.message);
}

#[test]
fn implied_rate_exposes_the_real_cost_of_an_offer() {
    let r = solve_json(
        r#"{"solve":"implied_rate","principal":"10000.00","payment":"950.00","term_months":12}"#,
    )
    .unwrap();
    assert_eq!(r.annual_rate.to_string(), "0.24909");
    assert!(r.schedule.flags.apr_above_24);
    let e = solve_json(
        r#"{"solve":"implied_rate","principal":"10000.00","payment":"800.00","term_months":12}"#,
    )
    .unwrap_err();
    assert_eq!(e.field, "payment");
    assert!(e.message.contains("833.33"), "{}", e.message);
}

fn xirr_json(json: &str) -> Result<Decimal, InputError> {
    xirr(&from_json::<XirrRequest>(json)?).map(|r| r.xirr)
}

#[test]
fn xirr_is_order_free_adds_same_day_flows_and_uses_actual_365() {
    let a = xirr_json(r#"{"flows":[{"date":"2024-01-01","amount":"-1000"},{"date":"2025-01-01","amount":"1100"}]}"#).unwrap();
    // 2024 is a leap year: 366 days, so the rate is 1.1^(365/366) − 1, not 10%.
    assert_eq!(a.to_string(), "0.0997135859");
    let b = xirr_json(r#"{"flows":[{"date":"2025-01-01","amount":"600"},{"date":"2024-01-01","amount":"-1000"},{"date":"2025-01-01","amount":"500"}]}"#).unwrap();
    assert_eq!(b, a);
}

#[test]
fn xirr_without_a_sign_change_is_a_clear_error() {
    let e = xirr_json(r#"{"flows":[{"date":"2024-01-01","amount":"1000"},{"date":"2025-01-01","amount":"1100"}]}"#).unwrap_err();
    assert_eq!(e.field, "flows");
    assert!(e.message.contains("negative"), "{}", e.message);
    let e = xirr_json(r#"{"flows":[{"date":"2024-01-01","amount":"-1000"},{"date":"2024-13-01","amount":"1100"}]}"#).unwrap_err();
    assert_eq!(e.field, "flows[1].date");
    let e = xirr_json(r#"{"flows":[{"date":"2024-01-01","amount":"-1000"}]}"#).unwrap_err();
    assert_eq!(e.field, "flows");
}

#[test]
fn xirr_handles_losses_and_huge_gains() {
    let loss = xirr_json(
        r#"{"flows":[{"date":"2024-01-01","amount":"-1000"},{"date":"2025-01-01","amount":"1"}]}"#,
    )
    .unwrap();
    assert!(loss > d("-1") && loss < d("-0.99"));
    // Doubling money in 30 days: 2^(365/30) − 1 ≈ 4,596.6 (459,660% a year).
    let gain = xirr_json(
        r#"{"flows":[{"date":"2024-01-01","amount":"-100"},{"date":"2024-01-31","amount":"200"}]}"#,
    )
    .unwrap();
    assert_eq!(loanlens_core::money::round_rate(gain, 4).to_string(), "4596.6045");
    // Beyond the searched range: a clear error, not a hang.
    let e = xirr_json(
        r#"{"flows":[{"date":"2024-01-01","amount":"-1"},{"date":"2024-01-31","amount":"1000"}]}"#,
    )
    .unwrap_err();
    assert_eq!(e.field, "flows");
}
