//! The pre-check page's own entry point (`precheck.html`, served under `/precheck`). It links
//! only `loanlens_web::precheck` and what that uses, so a visitor of the pre-check never
//! downloads the calculator's code and a visitor of the calculator never downloads this.
//! Nothing a person types leaves the browser; the only request is the scorecard document.

fn main() {
    #[cfg(target_arch = "wasm32")]
    yew::Renderer::<loanlens_web::precheck::PrecheckApp>::new().render();
}
