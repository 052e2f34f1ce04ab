//! The consents an application needs: one definition ([`CONSENTS`]) of each kind, its current
//! version and its text in both languages. The application page shows these texts and sends
//! back the version the person accepted; the server accepts only the current version.

use serde::{Deserialize, Serialize};

/// What a consent covers.
///
/// ```
/// use loanlens_core::application::ConsentKind;
/// assert_eq!(serde_json::to_string(&ConsentKind::CreditInquiry).unwrap(), r#""credit_inquiry""#);
/// assert_eq!(ConsentKind::PersonalInformation.field(), "consents.personal_information");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ConsentKind {
    /// Processing of personal information (PIPL art. 13, 14).
    PersonalInformation,
    /// Authorisation to inquire at the credit reference center.
    CreditInquiry,
}

impl ConsentKind {
    /// The JSON id.
    pub fn id(self) -> &'static str {
        match self {
            ConsentKind::PersonalInformation => "personal_information",
            ConsentKind::CreditInquiry => "credit_inquiry",
        }
    }

    /// The JSON path of this consent in an application.
    pub fn field(self) -> &'static str {
        match self {
            ConsentKind::PersonalInformation => "consents.personal_information",
            ConsentKind::CreditInquiry => "consents.credit_inquiry",
        }
    }

    /// The current definition of this kind.
    pub fn current(self) -> &'static Consent {
        // CONSENTS holds every kind once (tested).
        CONSENTS.iter().find(|c| c.kind == self).unwrap_or(&CONSENTS[0])
    }
}

/// One consent text in its current version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Consent {
    /// What it covers.
    pub kind: ConsentKind,
    /// The version a submission must name.
    pub version: &'static str,
    /// Short title, Chinese.
    pub title_zh: &'static str,
    /// Short title, English.
    pub title_en: &'static str,
    /// The full text, Chinese (the binding version).
    pub text_zh: &'static str,
    /// The full text, English (a translation).
    pub text_en: &'static str,
}

/// Every consent an application needs, each kind once, in the order the page shows them.
///
/// ```
/// use loanlens_core::application::{ConsentKind, CONSENTS};
/// assert_eq!(CONSENTS.len(), 2);
/// assert_eq!(ConsentKind::CreditInquiry.current().version, "ci-2026-11");
/// ```
pub const CONSENTS: &[Consent] = &[
    Consent {
        kind: ConsentKind::PersonalInformation,
        version: "pi-2026-11",
        title_zh: "个人信息处理授权",
        title_en: "Processing of personal information",
        text_zh: "本人同意 LoanLens 为审核本次借款申请之目的，收集并处理本人的姓名、手机号码、\
                  身份证号码、所在城市及本人填写的收入与负债信息。上述个人信息加密存储，\
                  仅由经授权的审核人员查看，自申请之日起保存不超过三年；本人可随时撤回同意\
                  并要求删除个人信息，删除后仅保留不含个人信息的审核记录。",
        text_en: "I agree that LoanLens collects and processes my name, mobile number, resident \
                  ID number, city and the income and debt figures I entered, for the purpose of \
                  assessing this loan application. This personal information is stored \
                  encrypted, seen only by authorised reviewers, and kept for at most three years \
                  from the application date; I may withdraw this consent and ask for the \
                  personal information to be erased at any time, after which only a review \
                  record without personal information is kept.",
    },
    Consent {
        kind: ConsentKind::CreditInquiry,
        version: "ci-2026-11",
        title_zh: "征信查询授权",
        title_en: "Credit report inquiry",
        text_zh: "本人授权 LoanLens 及其合作金融机构，为审核本次借款申请之目的，向中国人民银行\
                  征信中心及依法设立的征信机构查询本人的信用报告。本授权仅限本次申请，\
                  自提交之日起三十日内有效。",
        text_en: "I authorise LoanLens and its partner financial institutions to obtain my credit \
                  report from the Credit Reference Center of the People's Bank of China and \
                  lawfully established credit bureaus, for the purpose of assessing this loan \
                  application only. This authorisation is valid for thirty days from \
                  submission.",
    },
];
