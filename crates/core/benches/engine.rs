//! `cargo bench -p loanlens-core --bench engine`: a 360-month schedule (with its APR) and the
//! APR solve alone.
//! Native only: the same figures in headless Chromium come from `benches/wasm.rs`.

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    native::main();
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{black_box, Criterion};
    use loanlens_core::schema::{from_json, ScheduleRequest};
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
    }
}
