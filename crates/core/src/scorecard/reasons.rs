//! The standard reason code and text for each scoreable profile field: used by the importers
//! (tool exports carry no reason text) and by the default card (a test keeps them equal).

use super::card::Reason;

/// The standard reason for a profile field (`None` for a field that is not scoreable).
///
/// ```
/// let r = loanlens_core::scorecard::standard_reason("monthly_income").unwrap();
/// assert_eq!(r.code, "R_INCOME");
/// ```
pub fn standard_reason(field: &str) -> Option<Reason> {
    let (code, zh, en) = match field {
        "age" => ("R_AGE", "年龄段对应的风险较高", "Applicants of your age group carry more risk"),
        "monthly_income" => {
            ("R_INCOME", "提高稳定的月收入会改善结果", "A higher steady monthly income would help")
        }
        "employment" => (
            "R_EMPLOYMENT",
            "更稳定的就业类型会改善结果",
            "A more stable kind of employment would help",
        ),
        "months_in_job" => {
            ("R_JOB_TENURE", "在当前工作的时间较短", "Your time in your current job is short")
        }
        "housing" => ("R_HOUSING", "住房情况稳定性较低", "Your housing situation is less stable"),
        "monthly_debt_payments" => {
            ("R_DEBT", "现有月还款较高", "Your existing monthly debt payments are high")
        }
        "overdue_count_24m" => (
            "R_OVERDUE_HISTORY",
            "近24个月有逾期记录；按时还款会逐步改善结果",
            "Overdue payments in the last 24 months; paying on time improves this over time",
        ),
        "currently_overdue" => (
            "R_OVERDUE_NOW",
            "当前有逾期，先还清逾期款项",
            "A payment is overdue now: settle it first",
        ),
        "credit_inquiries_6m" => (
            "R_INQUIRIES",
            "近6个月征信查询次数较多；减少贷款申请会改善结果",
            "Many credit inquiries in 6 months; fewer loan applications would help",
        ),
        "social_insurance_months" => (
            "R_SOCIAL_INSURANCE",
            "社保缴纳时间较短",
            "Your social insurance contribution record is short",
        ),
        "purpose" => ("R_PURPOSE", "借款用途对应的风险较高", "This loan purpose carries more risk"),
        "segment" => {
            ("R_SEGMENT", "该客户类型对应的风险较高", "This customer segment carries more risk")
        }
        _ => return None,
    };
    Some(Reason { code: code.into(), zh: zh.into(), en: en.into() })
}
