//! Every string of the investor page, in zh-CN (the default) and English. The language type is
//! the calculator's (`crate::i18n::Lang`); this table is separate so the page's bundle carries
//! only its own strings. The wording states calculations on assumptions: never "expected
//! return", never a promise.

use super::card::{Preset, Problem};
pub use crate::i18n::Lang;
use loanlens_core::invest::{ProductKind, Structure};

/// A message key of the investor page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum I {
    Title,
    Tagline,
    Private,
    LangToggle,
    Compliance,
    NoPromise,
    PastReturns,
    PrincipalLoss,
    Products,
    Product,
    Name,
    Kind,
    Structure,
    Amount,
    Rate,
    Yield,
    Term,
    Start,
    Idle,
    Fee,
    AmountHelp,
    TermHelp,
    IdleHelp,
    FeeHelp,
    Add,
    Choose,
    Duplicate,
    Remove,
    CopySuffix,
    Horizon,
    HorizonHelp,
    Reinvest,
    ReinvestHelp,
    Results,
    Stale,
    RankXirr,
    RankWealth,
    TotalInterest,
    Fees,
    NetInterest,
    Xirr,
    AverageCapital,
    Wealth,
    Why,
    CashChart,
    CashChartNote,
    WealthChart,
    NoHorizon,
    Share,
    Copied,
    Csv,
    Conventions,
}

/// The text of `key` in `lang`.
pub fn t(lang: Lang, key: I) -> &'static str {
    use I::*;
    let (zh, en) = match key {
        Title => ("LoanLens 理财产品收益对比", "LoanLens: compare what investments really earn"),
        Tagline => (
            "同样标着“年化10%”，等额本息、先息后本、到期还本付息实际赚的并不一样。按您填写的条件并排计算。",
            "Three products all quoted at “10% a year” do not earn the same. Side by side, on the terms you enter.",
        ),
        Private => (
            "全部在本浏览器中计算，您填写的内容不会发送到任何地方。",
            "Everything is computed in this browser: nothing you enter is sent anywhere.",
        ),
        LangToggle => ("English", "中文"),
        Compliance => ("请注意", "Please note"),
        NoPromise => (
            "以下数字是按您填写的假设条件计算的结果，不是收益承诺，也不是对未来收益的预测。",
            "These figures are calculations on the assumptions you enter. They are not a promise and not a forecast.",
        ),
        PastReturns => ("过往收益不代表未来表现。", "Past returns do not predict future ones."),
        PrincipalLoss => (
            "理财有风险：借款人可能违约、平台可能出问题，本金可能部分或全部损失。",
            "Investing carries risk: borrowers can default and platforms can fail; you can lose part or all of the principal.",
        ),
        Products => ("产品", "Products"),
        Product => ("产品", "Product"),
        Name => ("名称", "Name"),
        Kind => ("类型", "Type"),
        Structure => ("还款方式", "Repayment structure"),
        Amount => ("投入金额（元）", "Amount paid in (CNY)"),
        Rate => ("标称年利率（%）", "Quoted annual rate (%)"),
        Yield => ("七日年化收益率（%）", "7-day annualised yield (%)"),
        Term => ("期限（月）", "Term (months)"),
        Start => ("投入日期", "Date paid in"),
        Idle => ("站岗天数", "Idle days"),
        Fee => ("平台利息管理费（%）", "Platform fee on interest (%)"),
        AmountHelp => ("可写 1万、10000", "e.g. 10000 or 1万"),
        TermHelp => ("可写 12、1年", "e.g. 12 or 1年 (one year)"),
        IdleHelp => ("投入后到起息日之间没有收益的天数", "Days between paying in and the value date, earning nothing"),
        FeeHelp => ("平台从每期利息中扣取的比例", "The share of each interest payment the platform keeps"),
        Add => ("添加产品：", "Add a product:"),
        Choose => ("选择一种常见产品…", "Choose a common product…"),
        Duplicate => ("复制", "Duplicate"),
        Remove => ("删除", "Remove"),
        CopySuffix => (" 副本", " (copy)"),
        Horizon => ("比较日期", "Compare wealth on"),
        HorizonHelp => (
            "到这一天，各产品收回的钱按下面的利率再投资（按年复利，实际天数/365）；之后才到的钱按同一利率折现。",
            "Cash received before this day is reinvested at the rate below (compounded yearly, Actual/365); cash due later is discounted at it.",
        ),
        Reinvest => ("再投资年利率（%）", "Reinvestment rate (% a year)"),
        ReinvestHelp => ("留空比较日期和利率则不计算期末财富。", "Leave both blank to skip terminal wealth."),
        Results => ("计算结果", "Results"),
        Stale => (
            "有输入需要修改，下面仍是上一次有效输入的结果。",
            "Some input needs fixing: the figures below are for the last valid input.",
        ),
        RankXirr => ("XIRR排名", "Rank by XIRR"),
        RankWealth => ("期末财富排名", "Rank by terminal wealth"),
        TotalInterest => ("总利息（扣费前）", "Total interest (before fees)"),
        Fees => ("平台费用", "Fees"),
        NetInterest => ("净利息", "Net interest"),
        Xirr => ("XIRR（年化内部收益率）", "XIRR (annualised)"),
        AverageCapital => ("平均占用本金", "Average capital at work"),
        Wealth => ("期末财富", "Terminal wealth"),
        Why => ("为什么总利息和XIRR不一致", "Why total interest and XIRR differ"),
        CashChart => ("累计收回现金", "Cumulative cash received"),
        CashChartNote => ("含本金，已扣平台费用", "Principal included, net of fees"),
        WealthChart => ("比较日期的期末财富", "Terminal wealth at the comparison date"),
        NoHorizon => ("填写比较日期和再投资利率即可比较期末财富。", "Enter a comparison date and a reinvestment rate to compare terminal wealth."),
        Share => ("复制链接", "Copy link"),
        Copied => ("链接已复制", "Link copied"),
        Csv => ("下载CSV（Excel）", "Download CSV (Excel)"),
        Conventions => (
            "计算口径：金额四舍五入到分；XIRR按实际天数/365计算，与Excel的XIRR一致；平均占用本金按每天尚未收回的本金平均（含站岗天数）。",
            "Conventions: money rounded half-up to the cent; XIRR on Actual/365, as Excel's XIRR; average capital is the principal not yet repaid, averaged over every day (idle days included).",
        ),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// A preset's menu label and the name a new card gets.
pub fn preset(lang: Lang, p: Preset) -> &'static str {
    let (zh, en) = match p {
        Preset::Installment => ("网贷债权 等额本息", "P2P loan note, equal installments"),
        Preset::InterestOnly => ("先息后本", "Interest monthly, capital at maturity"),
        Preset::Bullet => ("到期还本付息", "Capital and interest at maturity"),
        Preset::Deposit => ("银行一年定期存款", "Bank 1-year time deposit"),
        Preset::MoneyFund => ("货币基金（七日年化）", "Money-market fund (7-day yield)"),
    };
    if lang == Lang::Zh {
        zh
    } else {
        en
    }
}

/// A kind's label.
pub fn kind(lang: Lang, k: ProductKind) -> &'static str {
    let (zh, en) = match k {
        ProductKind::Loan => ("借贷类产品", "Lending product"),
        ProductKind::TimeDeposit => ("银行定期存款", "Bank time deposit"),
        ProductKind::MoneyMarket => ("货币基金", "Money-market fund"),
    };
    if lang == Lang::Zh {
        zh
    } else {
        en
    }
}

/// A structure's label.
pub fn structure(lang: Lang, s: Structure) -> &'static str {
    let (zh, en) = match s {
        Structure::EqualInstallment => ("等额本息", "Equal installments (等额本息)"),
        Structure::EqualPrincipal => ("等额本金", "Equal principal (等额本金)"),
        Structure::InterestOnly => {
            ("先息后本（按月付息，到期还本）", "Interest monthly, capital at maturity (先息后本)")
        }
        Structure::Bullet => ("到期还本付息", "All at maturity (到期还本付息)"),
    };
    if lang == Lang::Zh {
        zh
    } else {
        en
    }
}

/// The text of a problem at `field` (the field's label is shown above it).
pub fn error_text(lang: Lang, p: Problem) -> &'static str {
    let (zh, en) = match p {
        Problem::Empty => ("请填写。", "Required."),
        Problem::NotNumber => ("请输入数字。", "Enter a number."),
        Problem::Name => ("名称须为 1 到 60 个字符。", "The name must be 1 to 60 characters."),
        Problem::Amount => (
            "金额须在 0.01 到 1,000,000,000 元之间，最多两位小数。",
            "The amount must be between 0.01 and 1,000,000,000 CNY, with at most 2 decimals.",
        ),
        Problem::Rate => ("利率须在 0% 到 100% 之间。", "The rate must be between 0% and 100%."),
        Problem::Term => (
            "期限须为 1 到 600 的整数个月，且在 2200-12-31 之前到期。",
            "The term must be a whole number of months from 1 to 600, maturing by 2200-12-31.",
        ),
        Problem::Date => (
            "请输入 1900 到 2200 年之间的有效日期，如 2025-01-15。",
            "Enter a real date between 1900 and 2200, e.g. 2025-01-15.",
        ),
        Problem::Idle => ("站岗天数须为 0 到 365 的整数。", "Idle days must be a whole number from 0 to 365."),
        Problem::Fee => (
            "利息管理费须不低于 0% 且低于 100%。",
            "The fee on interest must be at least 0% and below 100%.",
        ),
        Problem::Horizon => (
            "比较日期不能早于任何产品的投入日期，也不能离现金流太远。",
            "The comparison date must not be before any product's date paid in, nor too far from its cash flows.",
        ),
        Problem::Pair => (
            "比较日期和再投资利率须同时填写（或同时留空）。",
            "Give the comparison date and the reinvestment rate together (or leave both blank).",
        ),
        Problem::Product => (
            "这个产品的数字无法计算，请检查金额、利率和期限。",
            "This product's figures cannot be computed: check its amount, rate and term.",
        ),
    };
    if lang == Lang::Zh {
        zh
    } else {
        en
    }
}
