//! Every user-visible string, in zh-CN (the default) and English.

use loanlens_core::schema::Method;

/// The UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// 简体中文 (default).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The other language (for the toggle).
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// BCP 47 tag for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Parses a stored tag.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        match tag {
            "zh-CN" | "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A message key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    AppTitle,
    Tagline,
    LangToggle,
    Principal,
    AnnualRate,
    TermMonths,
    Method,
    MonthlyPayment,
    FirstPayment,
    LastPayment,
    TotalInterest,
    TotalPayment,
    AprNominal,
    AprEffective,
    AprNote,
    Schedule,
    Period,
    Payment,
    PrincipalPart,
    Interest,
    Fee,
    Balance,
    Stale,
    ErrEmpty,
    ErrNotNumber,
    ErrPrincipalRange,
    ErrRateRange,
    ErrTermRange,
    ErrCents,
    ApplyTitle,
    ApplyIntro,
    Name,
    Phone,
    Consent,
    Submit,
    Submitting,
    Submitted,
    SubmitFailed,
    ErrName,
    ErrPhone,
    ErrConsent,
    FlagHighCost,
    FlagLpr,
    Privacy,
}

/// The text of `key` in `lang`.
pub fn t(lang: Lang, key: Key) -> &'static str {
    use Key::*;
    match (lang, key) {
        (Lang::Zh, AppTitle) => "LoanLens 贷款计算器",
        (Lang::En, AppTitle) => "LoanLens loan calculator",
        (Lang::Zh, Tagline) => "月供、还款计划和含全部费用的年化利率，全部在您的浏览器中计算。",
        (Lang::En, Tagline) => {
            "Monthly payment, full schedule and the all-in annualised rate, computed in your browser."
        }
        (Lang::Zh, LangToggle) => "English",
        (Lang::En, LangToggle) => "中文",
        (Lang::Zh, Principal) => "贷款金额（元）",
        (Lang::En, Principal) => "Loan amount (CNY)",
        (Lang::Zh, AnnualRate) => "年利率（%）",
        (Lang::En, AnnualRate) => "Annual rate (%)",
        (Lang::Zh, TermMonths) => "贷款期限（月）",
        (Lang::En, TermMonths) => "Term (months)",
        (Lang::Zh, Method) => "还款方式",
        (Lang::En, Method) => "Repayment method",
        (Lang::Zh, MonthlyPayment) => "每月还款",
        (Lang::En, MonthlyPayment) => "Monthly payment",
        (Lang::Zh, FirstPayment) => "首月还款",
        (Lang::En, FirstPayment) => "First payment",
        (Lang::Zh, LastPayment) => "末月还款",
        (Lang::En, LastPayment) => "Last payment",
        (Lang::Zh, TotalInterest) => "利息总额",
        (Lang::En, TotalInterest) => "Total interest",
        (Lang::Zh, TotalPayment) => "还款总额",
        (Lang::En, TotalPayment) => "Total repaid",
        (Lang::Zh, AprNominal) => "年化利率（IRR法）",
        (Lang::En, AprNominal) => "APR (IRR method)",
        (Lang::Zh, AprEffective) => "实际年利率（复利）",
        (Lang::En, AprEffective) => "Effective annual rate",
        (Lang::Zh, AprNote) => "按中国人民银行公告〔2021〕第3号，以内部收益率法计算，包含全部费用。",
        (Lang::En, AprNote) => {
            "Per PBOC announcement [2021] No. 3: IRR of your cash flows, every fee included."
        }
        (Lang::Zh, Schedule) => "还款计划表",
        (Lang::En, Schedule) => "Repayment schedule",
        (Lang::Zh, Period) => "期数",
        (Lang::En, Period) => "Period",
        (Lang::Zh, Payment) => "月供",
        (Lang::En, Payment) => "Payment",
        (Lang::Zh, PrincipalPart) => "本金",
        (Lang::En, PrincipalPart) => "Principal",
        (Lang::Zh, Interest) => "利息",
        (Lang::En, Interest) => "Interest",
        (Lang::Zh, Fee) => "费用",
        (Lang::En, Fee) => "Fee",
        (Lang::Zh, Balance) => "剩余本金",
        (Lang::En, Balance) => "Balance",
        (Lang::Zh, Stale) => "输入有误，以下为上一次有效输入的结果。",
        (Lang::En, Stale) => "Input has errors; showing the result of the last valid input.",
        (Lang::Zh, ErrEmpty) => "请填写此项",
        (Lang::En, ErrEmpty) => "Required",
        (Lang::Zh, ErrNotNumber) => "请输入数字",
        (Lang::En, ErrNotNumber) => "Enter a number",
        (Lang::Zh, ErrPrincipalRange) => "金额须在 0.01 至 1,000,000,000,000 元之间",
        (Lang::En, ErrPrincipalRange) => "Must be between 0.01 and 1,000,000,000,000 CNY",
        (Lang::Zh, ErrRateRange) => "年利率须在 0% 至 1000% 之间",
        (Lang::En, ErrRateRange) => "Must be between 0% and 1000%",
        (Lang::Zh, ErrTermRange) => "期限须为 1 至 600 之间的整数（月）",
        (Lang::En, ErrTermRange) => "Must be a whole number of months from 1 to 600",
        (Lang::Zh, ErrCents) => "最多两位小数（精确到分）",
        (Lang::En, ErrCents) => "At most 2 decimal places (cents)",
        (Lang::Zh, ApplyTitle) => "申请这笔贷款",
        (Lang::En, ApplyTitle) => "Apply for this loan",
        (Lang::Zh, ApplyIntro) => "仅在您勾选同意并点击提交后，姓名和手机号才会发送给我们，并加密保存。",
        (Lang::En, ApplyIntro) => {
            "Your name and phone leave this page only when you consent and submit; we store them encrypted."
        }
        (Lang::Zh, Name) => "姓名",
        (Lang::En, Name) => "Full name",
        (Lang::Zh, Phone) => "手机号",
        (Lang::En, Phone) => "Mobile number",
        (Lang::Zh, Consent) => "我同意 LoanLens 为预审目的收集并加密保存以上信息",
        (Lang::En, Consent) => "I agree that LoanLens collects and stores this data, encrypted, for pre-screening",
        (Lang::Zh, Submit) => "提交申请",
        (Lang::En, Submit) => "Submit application",
        (Lang::Zh, Submitting) => "提交中…",
        (Lang::En, Submitting) => "Submitting…",
        (Lang::Zh, Submitted) => "申请已提交，申请编号：",
        (Lang::En, Submitted) => "Application received. Reference:",
        (Lang::Zh, SubmitFailed) => "提交失败：",
        (Lang::En, SubmitFailed) => "Could not submit:",
        (Lang::Zh, ErrName) => "请填写 1 至 50 个字的姓名",
        (Lang::En, ErrName) => "Enter a name of 1 to 50 characters",
        (Lang::Zh, ErrPhone) => "请输入 11 位中国大陆手机号",
        (Lang::En, ErrPhone) => "Enter an 11-digit mainland China mobile number",
        (Lang::Zh, ErrConsent) => "提交前请勾选同意",
        (Lang::En, ErrConsent) => "Please tick the consent box first",
        (Lang::Zh, FlagHighCost) => "年化利率超过 24%，属于高成本借款，请谨慎。",
        (Lang::En, FlagHighCost) => "APR above 24%: a high-cost loan. Be careful.",
        (Lang::Zh, FlagLpr) => "年化利率超过一年期 LPR 的 4 倍（民间借贷司法保护上限）。",
        (Lang::En, FlagLpr) => "APR above 4 × the one-year LPR (the court protection cap for private lending).",
        (Lang::Zh, Privacy) => "计算全部在本机完成，不会上传任何数据。",
        (Lang::En, Privacy) => "Everything is computed on this device; nothing is uploaded.",
    }
}

/// A repayment method's name and one-line explanation.
pub fn method_text(lang: Lang, m: Method) -> (&'static str, &'static str) {
    match (lang, m) {
        (Lang::Zh, Method::EqualInstallment) => ("等额本息", "每月还款额相同，前期利息占比高。"),
        (Lang::En, Method::EqualInstallment) => (
            "Equal installment",
            "The same payment every month; early payments are mostly interest.",
        ),
        (Lang::Zh, Method::EqualPrincipal) => {
            ("等额本金", "每月归还相同本金，月供逐月递减，总利息更少。")
        }
        (Lang::En, Method::EqualPrincipal) => (
            "Equal principal",
            "The same principal every month; payments fall, less interest in total.",
        ),
        (Lang::Zh, Method::InterestOnly) => ("先息后本", "每月只还利息，最后一期归还全部本金。"),
        (Lang::En, Method::InterestOnly) => {
            ("Interest only", "Interest every month, all principal in the last month.")
        }
        (Lang::Zh, Method::Bullet) => {
            ("到期一次还本付息", "期间不还款，到期一次性归还本金和利息。")
        }
        (Lang::En, Method::Bullet) => {
            ("Bullet", "Nothing until maturity, then principal and interest at once.")
        }
        (Lang::Zh, Method::FlatRate) => {
            ("等本等息", "利息按原始本金计算，实际年化利率约为名义利率的 1.8 倍。")
        }
        (Lang::En, Method::FlatRate) => (
            "Flat rate",
            "Interest on the original principal: the true APR is about 1.8 × the quoted rate.",
        ),
    }
}
