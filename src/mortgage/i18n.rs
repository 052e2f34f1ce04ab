//! Every string of the mortgage page, in zh-CN (the default) and English. The language type is
//! the calculator's (`crate::i18n::Lang`); this table is separate so the page's bundle carries
//! only its own strings.

use super::state::Field;
pub use crate::i18n::Lang;

/// A message key of the mortgage page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum M {
    Title,
    Tagline,
    LangToggle,
    BackToCalc,
    LoanType,
    Commercial,
    HousingFund,
    Combination,
    AmountFrom,
    ByPrice,
    ByAmount,
    Price,
    Down,
    Amount,
    FundAmount,
    Years,
    PartYears,
    FundPart,
    ComPart,
    FundRate,
    FundRateHelp,
    Method,
    EqualInstallment,
    EqualPrincipal,
    Lpr,
    LprHelp,
    Spread,
    SpreadHelp,
    Repricing,
    January1,
    Anniversary,
    Cycle,
    AssumedLpr,
    AssumedFrom,
    AssumedHelp,
    Start,
    Day,
    DaySame,
    MonthEnd,
    DayHelp,
    Results,
    Stale,
    LoanAmount,
    DownPayment,
    FirstPayment,
    MonthlyPayment,
    FirstFullPayment,
    LastPayment,
    TotalInterest,
    TotalPayment,
    Apr,
    FirstDate,
    Rate,
    PartAmount,
    RateChanges,
    NoRateChange,
    Schedule,
    ShowParts,
    Period,
    Date,
    Payment,
    Principal,
    Interest,
    Balance,
    FundShort,
    ComShort,
    TotalRow,
    PagePrev,
    PageNext,
    CopyLink,
    Copied,
    Conventions,
}

/// The text of `key` in `l`.
pub fn t(l: Lang, key: M) -> &'static str {
    let (zh, en) = match key {
        M::Title => ("房贷计算器", "Mortgage calculator"),
        M::Tagline => (
            "商业贷款、公积金贷款和组合贷：按房价与首付、LPR加点、重定价日和每月还款日算出每期月供、利息和总额。全部在您的浏览器中计算，不发送任何数据。",
            "Commercial, housing-fund and combination loans: each payment, the interest and the totals from the price and down payment, LPR + spread, repricing and your repayment day. Computed in your browser; nothing is sent.",
        ),
        M::LangToggle => ("English", "中文"),
        M::BackToCalc => ("← 贷款计算器", "← Loan calculator"),
        M::LoanType => ("贷款类型", "Loan type"),
        M::Commercial => ("商业贷款", "Commercial"),
        M::HousingFund => ("公积金贷款", "Housing fund"),
        M::Combination => ("组合贷", "Combination"),
        M::AmountFrom => ("贷款金额", "Loan amount from"),
        M::ByPrice => ("按房价与首付", "Price and down payment"),
        M::ByAmount => ("按贷款总额", "Loan amount"),
        M::Price => ("房屋总价（元）", "House price (CNY)"),
        M::Down => ("首付比例（%）", "Down payment (%)"),
        M::Amount => ("贷款总额（元）", "Loan amount (CNY)"),
        M::FundAmount => ("公积金贷款金额（元）", "Housing-fund part (CNY)"),
        M::Years => ("贷款年限（年）", "Term (years)"),
        M::PartYears => ("本部分年限（年，留空同上）", "This part's term (years, blank: same)"),
        M::FundPart => ("公积金部分", "Housing-fund part"),
        M::ComPart => ("商业贷款部分", "Commercial part"),
        M::FundRate => ("公积金利率（%）", "Housing-fund rate (%)"),
        M::FundRateHelp => (
            "留空按首套：5年以上2.60%，5年及以下2.10%（2025-05-08起执行）",
            "Blank: first home, 2.60% over 5 years, 2.10% up to 5 years (since 2025-05-08)",
        ),
        M::Method => ("还款方式", "Repayment method"),
        M::EqualInstallment => ("等额本息", "Equal installments"),
        M::EqualPrincipal => ("等额本金", "Equal principal"),
        M::Lpr => ("LPR（%）", "LPR (%)"),
        M::LprHelp => (
            "留空：5年以上用5年期LPR 3.50%，5年及以下用1年期LPR 3.00%（2025-05-20公布）",
            "Blank: the 5-year LPR 3.50% over 5 years, the 1-year 3.00% up to 5 years (published 2025-05-20)",
        ),
        M::Spread => ("加点（基点）", "Spread (basis points)"),
        M::SpreadHelp => ("可为负，如 -30 即减 0.30%", "May be negative: -30 is −0.30%"),
        M::Repricing => ("重定价日", "Repricing date"),
        M::January1 => ("每年1月1日", "Every 1 January"),
        M::Anniversary => ("放款周年日", "Loan anniversary"),
        M::Cycle => ("重定价周期（月）", "Reset cycle (months)"),
        M::AssumedLpr => ("假设未来LPR（%，可选）", "Assumed future LPR (%, optional)"),
        M::AssumedFrom => ("自该日起", "From"),
        M::AssumedHelp => (
            "新利率从重定价日之后开始的第一期起执行",
            "A new rate applies from the first period starting on or after the repricing date",
        ),
        M::Start => ("放款日期", "Disbursement date"),
        M::Day => ("每月还款日", "Repayment day"),
        M::DaySame => ("同放款日", "Same day as disbursement"),
        M::MonthEnd => ("月末", "Month end"),
        M::DayHelp => (
            "首次还款在放款次月的该日，距放款不足15天则再推后一个月（与贷款计算器同一规则）；不足或超过一个月的首期按实际天数计息",
            "First payment on that day of the month after disbursement, a month later if that is under 15 days away (the loan calculator's rule); an odd first period accrues by actual days",
        ),
        M::Results => ("计算结果", "Results"),
        M::Stale => (
            "有输入需要修改，下方仍是上次的结果",
            "Some input needs fixing; the figures below are from the last valid input",
        ),
        M::LoanAmount => ("贷款总额", "Loan amount"),
        M::DownPayment => ("首付", "Down payment"),
        M::FirstPayment => ("首月月供", "First payment"),
        M::MonthlyPayment => ("每月月供", "Monthly payment"),
        M::FirstFullPayment => ("首个整月月供", "First full-month payment"),
        M::LastPayment => ("末月月供", "Last payment"),
        M::TotalInterest => ("利息总额", "Total interest"),
        M::TotalPayment => ("还款总额", "Total repaid"),
        M::Apr => ("年化利率（IRR法）", "APR (IRR method)"),
        M::FirstDate => ("首次还款日", "First payment date"),
        M::Rate => ("利率", "Rate"),
        M::PartAmount => ("金额", "Amount"),
        M::RateChanges => ("利率调整", "Rate changes"),
        M::NoRateChange => ("无（未假设LPR变动）", "None (no LPR change assumed)"),
        M::Schedule => ("还款计划表", "Repayment schedule"),
        M::ShowParts => ("显示公积金与商贷明细", "Show both parts"),
        M::Period => ("期数", "No."),
        M::Date => ("还款日期", "Date"),
        M::Payment => ("月供", "Payment"),
        M::Principal => ("本金", "Principal"),
        M::Interest => ("利息", "Interest"),
        M::Balance => ("剩余本金", "Balance"),
        M::FundShort => ("公积金", "Fund"),
        M::ComShort => ("商贷", "Comm."),
        M::TotalRow => ("合计", "Total"),
        M::PagePrev => ("上一页", "Previous"),
        M::PageNext => ("下一页", "Next"),
        M::CopyLink => ("复制链接", "Copy link"),
        M::Copied => ("链接已复制", "Link copied"),
        M::Conventions => (
            "计算口径：每期利息 = 剩余本金 × 年利率 / 12，四舍五入到分；首期不足或超过一个月按实际天数 × 年利率 / 360 计息；组合贷每期为两部分之和；年化利率为合并现金流的内部收益率。结果仅供参考，以银行合同为准。",
            "Conventions: interest = balance × annual rate / 12, rounded half-up to the cent; an odd first period accrues actual days × rate / 360; a combination's period is the sum of its parts; the APR is the IRR of the combined cash flows. Figures are estimates; the bank's contract governs.",
        ),
    };
    match l {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// What an invalid field says: its allowed range.
pub fn error_text(l: Lang, f: Field) -> &'static str {
    let (zh, en) = match f {
        Field::Price => (
            "请输入 0.01 元至 1 万亿元的房屋总价（可写 300万）",
            "Enter a price from 0.01 to 1,000,000,000,000 CNY (300万 works)",
        ),
        Field::Down => (
            "首付比例须不小于 0、小于 100%，最多 10 位小数，且贷款至少 0.01 元",
            "Down payment: at least 0% and below 100%, at most 10 decimals, leaving a loan of at least 0.01",
        ),
        Field::Amount => (
            "请输入 0.01 元至 1 万亿元的贷款总额（可写 210万）",
            "Enter a loan amount from 0.01 to 1,000,000,000,000 CNY (210万 works)",
        ),
        Field::FundAmount => (
            "公积金金额须在 0.01 元至贷款总额减 0.01 元之间，最多两位小数",
            "The housing-fund part: 0.01 up to the loan amount less 0.01, whole cents",
        ),
        Field::Years | Field::FundYears | Field::ComYears => {
            ("请输入 1 至 30 的整数（年）", "Enter a whole number of years, 1 to 30")
        }
        Field::FundRate => {
            ("利率须在 0 至 20% 之间，最多 10 位小数", "A rate from 0% to 20%, at most 10 decimals")
        }
        Field::Lpr | Field::AssumedLpr => (
            "LPR须在 0.01% 至 20% 之间，最多 10 位小数，且加点后利率不为负",
            "An LPR from 0.01% to 20%, at most 10 decimals, and the rate with the spread not negative",
        ),
        Field::Spread => (
            "加点须为 -1000 至 1000 的整数（基点），且利率不能为负",
            "A whole number of basis points, -1000 to 1000, and the rate not negative",
        ),
        Field::Cycle => {
            ("请输入 1 至 120 的整数（月）", "Enter a whole number of months, 1 to 120")
        }
        // The core's `LAST_DISBURSEMENT_DATE` (a unit test holds the two together).
        Field::Start => (
            "请输入 YYYY-MM-DD 格式的日期（1900-01-01 至 2200-10-31）",
            "Enter a date as YYYY-MM-DD (1900-01-01 to 2200-10-31)",
        ),
        Field::AssumedFrom => (
            "请输入 YYYY-MM-DD 格式的日期（1900-01-01 至 2200-12-31）",
            "Enter a date as YYYY-MM-DD (1900-01-01 to 2200-12-31)",
        ),
        Field::Day => ("还款日须为 1 至 28 日或月末", "Repayment day: 1 to 28, or month end"),
    };
    match l {
        Lang::Zh => zh,
        Lang::En => en,
    }
}
