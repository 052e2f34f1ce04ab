//! One sentence per product, in zh and en, saying why its total interest and its XIRR tell
//! different stories: capital returned early or held to the end, the platform's fee, idle days.
//! Wording states what the calculation shows; it never promises a return.

use super::flows::ProductFlows;
use super::validate::Valid;
use super::{Explanation, ProductKind, ProductResult, Structure};
use crate::money::round_rate;
use rust_decimal::Decimal;

/// A fraction as a percentage with 2 decimals, e.g. 0.0957 → "9.57".
fn pct(x: Decimal) -> String {
    x.checked_mul(Decimal::ONE_HUNDRED)
        .map_or_else(|| "—".to_string(), |p| round_rate(p, 2).to_string())
}

/// The sentence for one product.
pub(crate) fn sentence(p: &Valid, f: &ProductFlows, r: &ProductResult) -> Explanation {
    let ti = r.total_interest;
    let share = r.average_capital.checked_div(p.amount).map_or_else(|| "—".to_string(), pct);
    let (mut en, mut zh) = match (p.kind, p.structure) {
        (ProductKind::MoneyMarket, _) => (
            format!(
                "Income ({ti}) compounds daily at the 7-day annualised yield with the whole \
                 amount at work until redemption"
            ),
            format!("收益（{ti}）按七日年化收益率每日复利，全部本金一直计息到赎回"),
        ),
        (_, Some(Structure::EqualInstallment | Structure::EqualPrincipal)) => (
            format!(
                "Capital comes back every month, so on average only {share}% of the amount was \
                 at work and total interest ({ti}) is far below the quoted rate on the full \
                 amount, while each month's interest is still earned on the capital lent"
            ),
            format!(
                "本金每月返还，平均只有{share}%的本金在计息，所以总利息（{ti}）远低于按全额本金\
                 计算的利息，但每期利息仍按尚未收回的本金计算"
            ),
        ),
        (_, Some(Structure::InterestOnly)) => (
            format!(
                "Capital is held to the end and interest is paid monthly, so total interest \
                 ({ti}) is the quoted rate on the full amount and the monthly interest, received \
                 early, lifts the XIRR above a single payment at maturity"
            ),
            format!(
                "本金持有到期、利息按月支付，总利息（{ti}）按全额本金计算，按月提前到账的利息使\
                 XIRR高于到期一次付息"
            ),
        ),
        _ => (
            format!(
                "Capital and simple interest ({ti}) come back in one payment at maturity with no \
                 compounding in between"
            ),
            format!("本金和单利利息（{ti}）在到期时一次返还，期间不复利"),
        ),
    };
    if !f.total_fees.is_zero() {
        let fee = pct(p.fee_rate);
        let fees = r.total_fees;
        en.push_str(&format!("; the platform keeps {fee}% of each interest payment ({fees})"));
        zh.push_str(&format!("；平台抽取每期利息的{fee}%（共{fees}）"));
    }
    if p.idle_days > 0 {
        let n = p.idle_days;
        en.push_str(&format!("; the money sat idle for {n} days before the value date"));
        zh.push_str(&format!("；资金在起息日前站岗{n}天，没有收益"));
    }
    let (x, q) = (pct(r.xirr), pct(p.rate));
    let what = if p.kind == ProductKind::MoneyMarket { "yield" } else { "rate" };
    let zh_what = if p.kind == ProductKind::MoneyMarket {
        "七日年化收益率"
    } else {
        "标称年利率"
    };
    en.push_str(&format!(", so its XIRR is {x}% against a quoted {what} of {q}%."));
    zh.push_str(&format!("，因此XIRR为{x}%，{zh_what}为{q}%。"));
    Explanation { zh, en }
}
