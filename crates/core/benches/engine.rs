//! `cargo bench -p loanlens-core --bench engine`: a 360-month schedule (with its APR), the APR
//! solve alone, the max-principal solve and a scorecard evaluation that prices a loan.
//! Native only: the same figures in headless Chromium come from `benches/wasm.rs`.

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    native::main();
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{black_box, Criterion};
    use loanlens_core::schema::{from_json, ScheduleRequest, SolveRequest};
    use loanlens_core::scorecard::{default_scorecard, evaluate, Profile};
    use rust_decimal::Decimal;

    pub fn main() {
        let mut c = Criterion::default().configure_from_args();
        benches(&mut c);
        c.final_summary();
    }

    fn benches(c: &mut Criterion) {
        let plain: ScheduleRequest = from_json(
        r#"{"principal":"1000000.00","annual_rate":"0.049","term_months":360,"method":"equal_installment"}"#,
    )
    .expect("request");
        c.bench_function("schedule 360 months equal_installment", |b| {
            b.iter(|| loanlens_core::schedule(black_box(&plain)))
        });
        let fees: ScheduleRequest = from_json(
        r#"{"principal":"1000000.00","annual_rate":"0.049","term_months":360,"method":"equal_principal","upfront_fee":"10000.00","monthly_fee_rate":"0.0005"}"#,
    )
    .expect("request");
        c.bench_function("schedule 360 months equal_principal with fees", |b| {
            b.iter(|| loanlens_core::schedule(black_box(&fees)))
        });
        let s = loanlens_core::schedule(&plain).expect("schedule");
        let cents: Vec<i128> = s.rows.iter().map(|r| r.payment.mantissa()).collect();
        let decimals: Vec<Decimal> = s.rows.iter().map(|r| r.payment).collect();
        let received = Decimal::from(990_000);
        c.bench_function("apr solve 360 payments (integer fixed point)", |b| {
            b.iter(|| {
                loanlens_core::apr::monthly_irr_cents(
                    black_box(99_000_000),
                    black_box(&cents),
                    Decimal::new(49, 3) / Decimal::from(12),
                )
            })
        });
        c.bench_function("apr solve 360 payments (Decimal fallback)", |b| {
            b.iter(|| loanlens_core::apr::monthly_irr(black_box(received), black_box(&decimals)))
        });
        let budget: SolveRequest = from_json(
            r#"{"solve":"max_principal","annual_rate":"0.049","term_months":360,"payment":"5307.27","upfront_fee":"1000.00"}"#,
        )
        .expect("request");
        c.bench_function("solve max_principal 360 months", |b| {
            b.iter(|| loanlens_core::solve(black_box(&budget)))
        });
        let card = default_scorecard();
        let profile: Profile = from_json(
            r#"{"age":35,"monthly_income":"15000.00","employment":"salaried","months_in_job":48,
            "housing":"mortgage","monthly_debt_payments":"1500.00","overdue_count_24m":0,
            "currently_overdue":false,"credit_inquiries_6m":1,"social_insurance_months":60,
            "purpose":"consumption","segment":"consumer",
            "loan":{"principal":"500000.00","term_months":360,"method":"equal_installment"}}"#,
        )
        .expect("profile");
        c.bench_function("scorecard evaluate with a 360-month loan", |b| {
            b.iter(|| evaluate(black_box(&card), black_box(&profile)))
        });
    }
}
