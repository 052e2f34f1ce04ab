//! The staff page (`/admin/`, issue 9): a token typed by staff (kept in `sessionStorage` only),
//! the list of applications with status and decision filters and paging, one application in
//! full (applicant data, consents, the server's evaluation, history), status changes (only the
//! transitions the core's `application::Status::next` allows), the CSV export and erasure with
//! a confirm step.
//!
//! It is its own entry point (`src/bin/admin.rs`, `admin.html`, `dist/admin/`): no public
//! page's bundle contains any of it (the e2e spec greps their wasm for its strings). The page
//! holds no secret: everything comes from the admin API, which checks the token on each call.

pub mod api;
pub mod i18n;
pub mod view;

use crate::app::LANG_KEY;
use crate::net;
use api::{Detail, Failure, Page, Query};
use i18n::{t, Lang, M};
use yew::prelude::*;

/// `sessionStorage` key of the staff token.
pub const TOKEN_KEY: &str = "loanlens.admin.token";

fn stored_lang() -> Lang {
    let raw = gloo::utils::window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
        .unwrap_or_default();
    Lang::from_tag(raw.trim_matches('"')).unwrap_or_default()
}

/// A failure in words.
pub fn failure_text(l: Lang, f: &Failure) -> String {
    match f {
        Failure::Network => t(l, M::ErrNetwork).into(),
        Failure::Unauthorized => t(l, M::ErrUnauthorized).into(),
        Failure::NotFound => t(l, M::ErrNotFound).into(),
        Failure::Refused(m) => m.clone(),
        Failure::Other(s) => format!("{}{s}", t(l, M::ErrOther)),
    }
}

/// Everything the page shows, in one handle for the views.
#[derive(Clone, PartialEq)]
pub struct Handles {
    pub lang: Lang,
    pub token: UseStateHandle<Option<String>>,
    pub query: UseStateHandle<Query>,
    /// The cursors of the pages before this one (for "previous").
    pub back: UseStateHandle<Vec<Option<String>>>,
    pub page: UseStateHandle<Option<Page>>,
    pub detail: UseStateHandle<Option<Detail>>,
    pub confirm_erase: UseStateHandle<bool>,
    pub message: UseStateHandle<Option<String>>,
    /// Bumped to load the list again after a change.
    pub reload: UseStateHandle<u32>,
}

impl Handles {
    /// Shows a failure; a refused token signs out.
    pub fn fail(&self, f: Failure) {
        if f == Failure::Unauthorized {
            net::session_remove(TOKEN_KEY);
            self.token.set(None);
        }
        self.message.set(Some(failure_text(self.lang, &f)));
    }

    /// Opens one application.
    pub fn open(&self, id: String) {
        let Some(token) = (*self.token).clone() else { return };
        let h = self.clone();
        h.confirm_erase.set(false);
        wasm_bindgen_futures::spawn_local(async move {
            match api::detail(&token, &id).await {
                Ok(d) => h.detail.set(Some(d)),
                Err(f) => h.fail(f),
            }
        });
    }

    /// Runs a change on the open application, then reloads it and the list.
    pub fn change(&self, id: String, status: Option<&'static str>) {
        let Some(token) = (*self.token).clone() else { return };
        let h = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let done = match status {
                Some(s) => api::set_status(&token, &id, s).await,
                None => api::erase(&token, &id).await,
            };
            match done {
                Ok(()) => {
                    h.message.set(Some(t(h.lang, M::Done).into()));
                    h.reload.set(*h.reload + 1);
                    h.open(id);
                }
                Err(f) => h.fail(f),
            }
        });
    }

    /// Downloads the export for the current filters.
    pub fn export(&self) {
        let Some(token) = (*self.token).clone() else { return };
        let h = self.clone();
        let q = (*self.query).clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(f) = api::export(&token, &q).await {
                h.fail(f);
            }
        });
    }
}

/// The staff page.
#[component]
pub fn AdminApp() -> Html {
    let lang = use_state(stored_lang);
    let h = Handles {
        lang: *lang,
        token: use_state(|| net::session_get(TOKEN_KEY).filter(|t| !t.is_empty())),
        query: use_state(Query::default),
        back: use_state(Vec::new),
        page: use_state(|| None),
        detail: use_state(|| None),
        confirm_erase: use_state(|| false),
        message: use_state(|| None),
        reload: use_state(|| 0u32),
    };
    {
        let l = *lang;
        use_effect_with(l, move |l| {
            if let Some(doc) = gloo::utils::document().document_element() {
                let _ = doc.set_attribute("lang", l.tag());
            }
            gloo::utils::document().set_title(t(*l, M::Title));
        });
    }
    {
        let h2 = h.clone();
        let deps = ((*h.token).clone(), (*h.query).clone(), *h.reload);
        use_effect_with(deps, move |(token, query, _)| {
            if let Some(token) = token.clone() {
                let query = query.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    match api::list(&token, &query).await {
                        Ok(p) => h2.page.set(Some(p)),
                        Err(f) => h2.fail(f),
                    }
                });
            }
        });
    }
    let toggle = {
        let lang = lang.clone();
        Callback::from(move |_| lang.set(lang.other()))
    };
    let l = *lang;
    html! {
        <div class="page admin">
            <header>
                <h1>{ t(l, M::Title) }</h1>
                <button type="button" class="lang" data-test="lang-toggle" onclick={toggle}>{ t(l, M::LangToggle) }</button>
            </header>
            if let Some(m) = &*h.message {
                <p class="flag" data-test="admin-message" role="status">{ m.clone() }</p>
            }
            if h.token.is_none() {
                { view::sign_in(&h) }
            } else {
                { view::toolbar(&h) }
                { view::list(&h) }
                { view::detail(&h) }
            }
        </div>
    }
}
